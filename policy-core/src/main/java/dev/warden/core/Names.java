package dev.warden.core;

/**
 * The rules for policy and role names, shared by the model and the loaders. Public API on purpose:
 * a loader (policy-dsl or another) checks a name with it before building the model, and gets the
 * same {@link InvalidNameException} the {@link Policy} and {@link Role} constructors throw.
 */
public final class Names {
    static final int MAX_LENGTH = Limits.MAX_NAME_LENGTH;

    private Names() {}

    /**
     * Checks a name: 1 to {@value #MAX_LENGTH} characters without control characters. (The
     * policy language restricts unquoted names further; quoted ones may hold spaces.)
     *
     * @param what what the name names, for the message: {@code policy} or {@code role}
     * @param name the name to check; null counts as empty
     * @throws InvalidNameException saying what is wrong and where
     */
    public static void check(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException(InvalidNameException.Kind.EMPTY, what, "", 0,
                    "a " + what + " name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidNameException(InvalidNameException.Kind.TOO_LONG, what, name, MAX_LENGTH,
                    "a " + what + " name is at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidNameException(InvalidNameException.Kind.CONTROL_CHARACTER, what, name, i,
                        what + " name `" + name + "` holds a control character");
            }
        }
    }
}
