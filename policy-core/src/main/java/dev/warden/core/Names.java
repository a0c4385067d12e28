package dev.warden.core;

/** Validation of policy and role names. */
final class Names {
    static final int MAX_LENGTH = Limits.MAX_NAME_LENGTH;

    private Names() {}

    /**
     * A name is 1 to {@value #MAX_LENGTH} printable characters without control characters. (The
     * policy language restricts unquoted names further; quoted ones may hold spaces.)
     */
    static void check(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a " + kind + " name is at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException(
                        kind + " name `" + name + "` holds a control character");
            }
        }
    }
}
