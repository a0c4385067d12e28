package dev.warden.core;

/**
 * Why a decision came out the way it did, in the order of precedence of docs/semantics.md ("The
 * answer"): the first reason that applies decides.
 */
public enum Reason {
    /** The request itself could not be read (batch input only). */
    INVALID_REQUEST("invalid_request"),
    /** The path is malformed (docs/semantics.md, "Paths: what is malformed"). */
    MALFORMED_REQUEST("malformed_request"),
    /** The action, or the HTTP method, is not known to the policy set. */
    UNKNOWN_ACTION("unknown_action"),
    /** The principal names a policy or role that is not loaded. */
    UNKNOWN_POLICY("unknown_policy"),
    /** A deny statement of the principal's effective policies matched. */
    EXPLICIT_DENY("explicit_deny"),
    /** An allow statement matched and no deny did. */
    ALLOWED("allowed"),
    /** Nothing matched: the default deny. */
    NO_MATCH("no_match");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    /**
     * The stable snake_case code written in decisions, e.g. {@code explicit_deny}.
     *
     * @return the reason's code
     */
    public String code() {
        return code;
    }
}
