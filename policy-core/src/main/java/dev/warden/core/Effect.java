package dev.warden.core;

/** What a statement does when it matches: grant or forbid. A matching deny always wins. */
public enum Effect {
    /** The statement grants what it matches. */
    ALLOW,
    /** The statement forbids what it matches, whatever an allow grants. */
    DENY;

    /**
     * The lower-case word used in policy files and JSON: {@code allow} or {@code deny}.
     *
     * @return {@code allow} or {@code deny}
     */
    public String word() {
        return this == ALLOW ? "allow" : "deny";
    }
}
