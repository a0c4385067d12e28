package dev.warden.core;

/**
 * A resource pattern that cannot be loaded. Carries the pattern text and the offset of the
 * offending character, so that a loader can point at it in the source.
 */
public final class InvalidPatternException extends IllegalArgumentException {
    private final String pattern;
    private final int offset;
    private final String reason;

    InvalidPatternException(String pattern, int offset, String reason) {
        super("invalid resource pattern `" + pattern + "`: " + reason);
        this.pattern = pattern;
        this.offset = offset;
        this.reason = reason;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** The offset in {@link #pattern()} of the first character at fault, from 0. */
    public int offset() {
        return offset;
    }

    /** What is wrong, without the pattern: e.g. {@code `**` must be the last segment}. */
    public String reason() {
        return reason;
    }
}
