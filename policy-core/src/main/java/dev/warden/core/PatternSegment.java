package dev.warden.core;

import java.util.List;
import java.util.Objects;

/**
 * One segment of a {@link ResourcePattern}, as {@link ResourcePattern#parse} reads it: the read-only
 * structure that the authorizer compiles and that analyses reason on, so that nothing reads a
 * pattern's text a second time.
 *
 * <table>
 *   <caption>the segments and what they match</caption>
 *   <tr><th>text</th><th>segment</th><th>matches</th></tr>
 *   <tr><td>{@code channels}</td><td>{@link Literal}</td><td>exactly that segment</td></tr>
 *   <tr><td>{@code *}</td><td>{@link Star}</td><td>exactly one segment, any value</td></tr>
 *   <tr><td>{@code sms-*}, {@code *-eu}, {@code a*b}</td><td>{@link Glob}</td>
 *       <td>one segment, each {@code *} standing for zero or more characters</td></tr>
 *   <tr><td>{@code ${principal.id}}, {@code ${principal.ATTR}}</td><td>{@link Variable}</td>
 *       <td>one segment equal to the principal's id or attribute</td></tr>
 *   <tr><td>{@code **}</td><td>{@link Rest}</td><td>one or more segments; only last</td></tr>
 * </table>
 *
 * <p>{@link #text} gives each segment back as written, so a pattern's text is {@code /} followed
 * by the texts of its segments joined by {@code /}. The constructors check the shape of a segment
 * (no nulls, a glob with at least two pieces and no {@code *} in them), not its characters: the
 * characters of a pattern are checked when it is parsed.
 */
public sealed interface PatternSegment {
    /**
     * The segment as written in the pattern.
     *
     * @return the segment's text, without the {@code /} around it
     */
    String text();

    /**
     * {@code channels}: exactly this text.
     *
     * @param text the segment's text, compared case-sensitively
     */
    record Literal(String text) implements PatternSegment {
        /**
         * Requires the text.
         *
         * @param text the segment's text
         */
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code *}: exactly one segment, any value. */
    record Star() implements PatternSegment {
        @Override
        public String text() {
            return "*";
        }
    }

    /**
     * A segment with {@code *} inside: {@code parts} are the literal pieces between the stars, the
     * first and the last possibly empty, so {@code sms-*} is {@code ["sms-", ""]} and {@code a*b*c}
     * is {@code ["a", "b", "c"]}.
     *
     * @param parts the literal pieces between the stars, two or more
     */
    record Glob(List<String> parts) implements PatternSegment {
        /**
         * A glob of these parts.
         *
         * @param parts the literal pieces between the stars, in order
         * @throws IllegalArgumentException if there are fewer than two parts or a part holds {@code *}
         */
        public Glob {
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("a glob has at least two parts, one each side of a `*`");
            }
            for (String part : parts) {
                if (part.indexOf('*') >= 0) {
                    throw new IllegalArgumentException("a part of a glob must not hold `*`: `" + part + "`");
                }
            }
        }

        @Override
        public String text() {
            return String.join("*", parts);
        }

        /**
         * Whether the glob matches one decoded segment: its parts in order, the first at the start, the last at the end.
         *
         * @param segment one segment of a canonical path, decoded
         * @return true when the parts are found in order, the first as a prefix and the last as a suffix
         */
        public boolean matches(String segment) {
            return new GlobMatcher(this).matches(segment, 0, segment.length());
        }
    }

    /**
     * {@code ${principal.NAME}}: one segment equal to the principal's value of {@code name}, which
     * is {@code id} for the principal's id and else the name of one of its attributes.
     *
     * @param name {@link #ID}, or the name of an attribute
     */
    record Variable(String name) implements PatternSegment {
        /** The name that stands for the principal's id rather than an attribute. */
        public static final String ID = "id";

        /**
         * Requires the name.
         *
         * @param name {@link #ID}, or the name of an attribute
         */
        public Variable {
            Objects.requireNonNull(name, "name");
        }

        /**
         * Whether this is {@code ${principal.id}}.
         *
         * @return true when the name is {@link #ID}
         */
        public boolean isId() {
            return name.equals(ID);
        }

        @Override
        public String text() {
            return "${principal." + name + "}";
        }
    }

    /** {@code **}: one or more segments; only as the last segment. */
    record Rest() implements PatternSegment {
        @Override
        public String text() {
            return "**";
        }
    }
}
