package dev.warden.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The literal a condition clause compares against. Its type is fixed by its form: a string, a
 * list of strings, a glob (the string of a {@code like}), IP ranges (one address or CIDR, or a
 * list of them), a timestamp or a decimal number. Readers make unquoted literals with {@link
 * #literal} and lists with {@link #list}, the one definition of which text is which type.
 */
public sealed interface ConditionValue
        permits ConditionValue.Text, ConditionValue.TextList, ConditionValue.Glob, ConditionValue.Ranges,
                ConditionValue.Timestamp, ConditionValue.Number {

    /**
     * One string, compared exactly (case-sensitive).
     *
     * @param value the string, its escapes decoded
     */
    record Text(String value) implements ConditionValue {
        /**
         * Requires the value.
         *
         * @param value the string, its escapes decoded
         */
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A list of strings, one or more, without repeats, in the order written.
     *
     * @param values the strings, their escapes decoded
     */
    record TextList(List<String> values) implements ConditionValue {
        /**
         * Copies the strings without repeats, keeping the first of each.
         *
         * @param values the strings, one or more
         * @throws InvalidConditionException {@code EMPTY_LIST}, or {@code TOO_MANY_VALUES} beyond {@link
         *     Limits#MAX_CONDITION_LIST_VALUES}
         */
        public TextList {
            values = List.copyOf(new java.util.LinkedHashSet<>(values));
            tooMany(values.size());
            if (values.isEmpty()) {
                throw new InvalidConditionException(InvalidConditionException.Kind.EMPTY_LIST, "[]", 0,
                        "a list needs at least one value", "");
            }
        }
    }

    /**
     * A glob over a whole value: {@code *} matches any run of characters, {@code \*} a literal
     * {@code *}, {@code \\} a literal backslash; a backslash before anything else is an error.
     *
     * @param pattern the glob, as the string's escapes decoded it
     */
    record Glob(String pattern) implements ConditionValue {
        /**
         * Requires the pattern and checks its escapes.
         *
         * @param pattern the glob, as the string's escapes decoded it
         * @throws InvalidConditionException {@code BAD_GLOB_ESCAPE} for a backslash before anything but
         *     {@code *} or {@code \\}
         */
        public Glob {
            Objects.requireNonNull(pattern, "pattern");
            pieces(pattern);
        }

        /**
         * The literal pieces between the unescaped stars: {@code a*b} is {@code [a, b]}, {@code *}
         * is {@code ["", ""]}, {@code vip\*} is {@code [vip*]}.
         *
         * @return the pieces, one more than the unescaped stars
         */
        public List<String> pieces() {
            return pieces(pattern);
        }

        private static List<String> pieces(String pattern) {
            List<String> out = new ArrayList<>();
            StringBuilder piece = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '*') {
                    out.add(piece.toString());
                    piece.setLength(0);
                } else if (c == '\\') {
                    char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                    if (next != '*' && next != '\\') {
                        throw new InvalidConditionException(InvalidConditionException.Kind.BAD_GLOB_ESCAPE, pattern, i,
                                "a backslash in a glob must come before `*` or `\\`",
                                "`\\*` is a literal star, `\\\\` a literal backslash");
                    }
                    piece.append(next);
                    i++;
                } else {
                    piece.append(c);
                }
            }
            out.add(piece.toString());
            return List.copyOf(out);
        }
    }

    /**
     * IP ranges, one or more, without repeats (an address is a range of one).
     *
     * @param ranges the ranges, in the order written
     */
    record Ranges(List<IpRange> ranges) implements ConditionValue {
        /**
         * Copies the ranges without repeats, keeping the first of each.
         *
         * @param ranges the ranges, one or more
         * @throws InvalidConditionException {@code EMPTY_LIST}, or {@code TOO_MANY_VALUES} beyond {@link
         *     Limits#MAX_CONDITION_LIST_VALUES}
         */
        public Ranges {
            ranges = List.copyOf(new java.util.LinkedHashSet<>(ranges));
            tooMany(ranges.size());
            if (ranges.isEmpty()) {
                throw new InvalidConditionException(InvalidConditionException.Kind.EMPTY_LIST, "[]", 0,
                        "a list needs at least one value", "");
            }
        }
    }

    /**
     * An RFC 3339 timestamp: compared as an instant; {@code text} is as written.
     *
     * @param instant the instant it names, to the nanosecond
     * @param text the timestamp as written, for messages and for writing it back
     */
    record Timestamp(Instant instant, String text) implements ConditionValue {
        /**
         * Requires both parts.
         *
         * @param instant the instant it names
         * @param text the timestamp as written
         */
        public Timestamp {
            Objects.requireNonNull(instant, "instant");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A decimal number, compared exactly; {@code text} is as written.
     *
     * @param value the number
     * @param text the number as written, for messages and for writing it back
     */
    record Number(BigDecimal value, String text) implements ConditionValue {
        /**
         * Requires both parts.
         *
         * @param value the number
         * @param text the number as written
         */
        public Number {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An unquoted literal by its form: a timestamp when it starts like a date ({@code 2027-01-01T...}),
     * a number when it is {@code -?[0-9]+(.[0-9]+)?}, else an IP address or range.
     *
     * @param text the literal as written, without quotes
     * @return a {@link Timestamp}, a {@link Number} or {@link Ranges} of one
     * @throws InvalidConditionException {@code BAD_TIMESTAMP}, {@code BAD_ADDRESS}, {@code
     *     CIDR_HOST_BITS} or {@code UNKNOWN_LITERAL}
     */
    static ConditionValue literal(String text) {
        if (looksLikeDate(text)) {
            Instant t = Timestamps.parse(text);
            if (t == null) {
                throw new InvalidConditionException(InvalidConditionException.Kind.BAD_TIMESTAMP, text, 0,
                        "`" + text + "` is not a timestamp",
                        "a timestamp is RFC 3339 with an offset: `2027-01-01T00:00:00Z`, `2027-01-01T01:00:00+01:00`");
            }
            return new Timestamp(t, text);
        }
        BigDecimal n = Decimals.parse(text);
        if (n != null) {
            return new Number(n, text);
        }
        if (text.indexOf(':') >= 0 || text.indexOf('.') >= 0) {
            return new Ranges(List.of(IpRange.parse(text)));
        }
        throw new InvalidConditionException(InvalidConditionException.Kind.UNKNOWN_LITERAL, text, 0,
                "`" + text + "` is not a value",
                "a value is a string in double quotes, an IP address or range, a timestamp or a number");
    }

    private static boolean looksLikeDate(String text) {
        if (text.length() < 5 || text.charAt(4) != '-') {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A list literal {@code [v, v, ...]}: strings make a {@link TextList}, addresses and ranges one
     * {@link Ranges}.
     *
     * @param items the list's values in the order written: {@link Text}s, or {@link Ranges} as {@link
     *     #literal} reads them
     * @return a {@link TextList} or one {@link Ranges}
     * @throws InvalidConditionException {@code EMPTY_LIST}, {@code MIXED_LIST}, or {@code
     *     OPERATOR_TYPE_MISMATCH} for a list of timestamps, numbers or globs, which no operator takes
     */
    static ConditionValue list(List<ConditionValue> items) {
        if (items.isEmpty()) {
            throw new InvalidConditionException(InvalidConditionException.Kind.EMPTY_LIST, "[]", 0,
                    "a list needs at least one value", "");
        }
        Class<?> type = items.get(0).getClass();
        for (ConditionValue v : items) {
            if (v.getClass() != type) {
                throw new InvalidConditionException(InvalidConditionException.Kind.MIXED_LIST, "[...]", 0,
                        "a list mixes " + items.get(0).typeName() + " and " + v.typeName(),
                        "the values of a list are all of one type");
            }
        }
        if (type == Text.class) {
            List<String> out = new ArrayList<>();
            for (ConditionValue v : items) {
                out.add(((Text) v).value());
            }
            return new TextList(out);
        }
        if (type == Ranges.class) {
            List<IpRange> out = new ArrayList<>();
            for (ConditionValue v : items) {
                out.addAll(((Ranges) v).ranges());
            }
            return new Ranges(out);
        }
        throw new InvalidConditionException(InvalidConditionException.Kind.OPERATOR_TYPE_MISMATCH, "[...]", 0,
                "no operator takes a list of " + items.get(0).typeName() + "s",
                "`<`, `<=`, `>` and `>=` take one timestamp or number");
    }

    private static void tooMany(int values) {
        if (values > Limits.MAX_CONDITION_LIST_VALUES) {
            throw new InvalidConditionException(InvalidConditionException.Kind.TOO_MANY_VALUES, "[...]", 0,
                    "a list has " + values + " values, more than " + Limits.MAX_CONDITION_LIST_VALUES,
                    "split the statement into several");
        }
    }

    /**
     * The type's name in words: {@code string}, {@code IP address or range}, {@code timestamp}, {@code number}...
     *
     * @return the name, lower case, for messages
     */
    default String typeName() {
        if (this instanceof Text || this instanceof Glob) {
            return "string";
        }
        if (this instanceof TextList) {
            return "list of strings";
        }
        if (this instanceof Ranges r) {
            return r.ranges().size() == 1 ? "IP address or range" : "list of IP ranges";
        }
        return this instanceof Timestamp ? "timestamp" : "number";
    }
}
