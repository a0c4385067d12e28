package dev.warden.core;

import java.util.Objects;

/**
 * A condition that cannot be loaded, as data: what is wrong ({@link #kind}), the text that was
 * read (a key, a literal or a glob) and the offset of the offending character in it, so that a
 * loader can point at it in the source and say it in its own words, with a {@link #hint}.
 */
public final class InvalidConditionException extends IllegalArgumentException {
    /** What is wrong. */
    private final Kind kind;
    /** The text that was read. */
    private final String text;
    /** The offset of the offending character in {@link #text}. */
    private final int offset;
    /** What is wrong, in words. */
    private final String reason;
    /** How to fix it, or empty. */
    private final String hint;

    InvalidConditionException(Kind kind, String text, int offset, String reason, String hint) {
        super(reason);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.text = Objects.requireNonNull(text, "text");
        this.offset = offset;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.hint = Objects.requireNonNull(hint, "hint");
    }

    /** What is wrong with a condition. */
    public enum Kind {
        /** A key whose namespace is neither {@code principal} nor {@code context}; the offset is 0. */
        UNKNOWN_KEY_NAMESPACE,
        /** A key whose name after the namespace is not {@code [A-Za-z_][A-Za-z0-9_.-]*}. */
        BAD_KEY_NAME,
        /** An operator that does not take a value of this type (a number with {@code ==}...). */
        OPERATOR_TYPE_MISMATCH,
        /** A list whose values are not all of one type. */
        MIXED_LIST,
        /** A list with no value. */
        EMPTY_LIST,
        /** An IP address or CIDR range that is not one. */
        BAD_ADDRESS,
        /** A CIDR range with bits set past its prefix ({@code 10.1.0.0/8}). */
        CIDR_HOST_BITS,
        /** A timestamp that is not an RFC 3339 date and time with an offset. */
        BAD_TIMESTAMP,
        /** More clauses in one condition than {@link Limits#MAX_CONDITION_CLAUSES}. */
        TOO_MANY_CLAUSES,
        /** More values in one list than {@link Limits#MAX_CONDITION_LIST_VALUES}. */
        TOO_MANY_VALUES,
        /** A backslash in a glob before something other than {@code *} or {@code \}. */
        BAD_GLOB_ESCAPE,
        /**
         * An unquoted literal that is neither an address, a timestamp nor a number ({@code 1e3},
         * {@code +5}, {@code true}: a number is {@code -?[0-9]+(.[0-9]+)?}).
         */
        UNKNOWN_LITERAL
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
     * The text that was read: a key, a literal as written, or a glob after the string's escapes.
     *
     * @return the text at fault
     */
    public String text() {
        return text;
    }

    /**
     * The offset of the offending character in {@link #text()}; 0 when the whole text is wrong.
     *
     * @return the offset, from 0
     */
    public int offset() {
        return offset;
    }

    /**
     * What is wrong, lower case, user input in backticks.
     *
     * @return the reason, also the exception's message
     */
    public String reason() {
        return reason;
    }

    /**
     * How to fix it, or empty.
     *
     * @return the hint, or an empty string when there is none
     */
    public String hint() {
        return hint;
    }
}
