package dev.warden.core;

import java.util.Objects;

/**
 * A resource pattern that cannot be loaded, as data: what is wrong ({@link #kind}), the pattern
 * text and the offset of the offending character, so that a loader can point at it in the source
 * and say it in its own words.
 */
public final class InvalidPatternException extends IllegalArgumentException {
    /** The pattern as written. */
    private final String pattern;
    /** What is wrong. */
    private final Kind kind;
    /** The offset in {@link #pattern} of the first character at fault. */
    private final int offset;
    /** What is wrong, in words. */
    private final String reason;

    InvalidPatternException(String pattern, Kind kind, int offset, String reason) {
        super("invalid resource pattern `" + pattern + "`: " + reason);
        this.pattern = pattern;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.offset = offset;
        this.reason = reason;
    }

    /**
     * What is wrong with a pattern, in the order {@link ResourcePattern#parse} checks: the first
     * that applies is reported. Each says what {@link #offset()} points at.
     */
    public enum Kind {
        /** Longer than {@link ResourcePattern#MAX_LENGTH}; the offset is that limit. */
        TOO_LONG,
        /** Does not start with {@code /} (or is empty); the offset is 0. */
        NOT_ABSOLUTE,
        /** Is {@code /} alone; the offset is 0. */
        NO_SEGMENTS,
        /**
         * More than {@link Limits#MAX_PATH_SEGMENTS} segments; the offset is just after the
         * {@code /} that starts the first segment too many.
         */
        TOO_MANY_SEGMENTS,
        /** Ends with {@code /}; the offset is the pattern's length. */
        TRAILING_SLASH,
        /** Holds {@code //}; the offset is the second {@code /}. */
        EMPTY_SEGMENT,
        /** A segment {@code .} or {@code ..}; the offset is its start. */
        DOT_SEGMENT,
        /**
         * A character a request path may not hold ({@code \ ; % ? #}, a control, non-ASCII); the
         * offset is that character.
         */
        BAD_CHARACTER,
        /** {@code **} before the last segment; the offset is its start. */
        DOUBLE_STAR_NOT_LAST,
        /** {@code **} inside a segment with other characters; the offset is the {@code **}. */
        DOUBLE_STAR_IN_SEGMENT,
        /** <code>${</code> that does not make the whole segment a variable; the offset is the {@code $}. */
        VARIABLE_NOT_WHOLE_SEGMENT,
        /** A variable of another namespace than {@code principal}; the offset is the namespace. */
        UNKNOWN_VARIABLE_NAMESPACE,
        /**
         * {@code ${principal}}, {@code ${principal.}} or an attribute name that is not one; the
         * offset is the segment's start.
         */
        NOT_AN_ATTRIBUTE
    }

    /**
     * The pattern as written.
     *
     * @return the pattern's text
     */
    public String pattern() {
        return pattern;
    }

    /**
     * What is wrong.
     *
     * @return the kind of problem
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The offset in {@link #pattern()} of the first character at fault, from 0.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * What is wrong, in words, without the pattern: e.g. {@code `**` must be the last segment}.
     *
     * @return the reason; the exception's message adds the pattern before it
     */
    public String reason() {
        return reason;
    }
}
