package dev.warden.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The characters a segment may hold: one definition for the canonicaliser ({@link ResourcePath}),
 * the pattern parser ({@link ResourcePattern#parse}), the values of pattern variables and the
 * analyses that build automata over paths.
 *
 * <p>A decoded segment may hold printable ASCII ({@code 0x20} to {@code 0x7E}) but for {@code /},
 * {@code \}, {@code ;}, {@code %}, {@code ?} and {@code #}: each turns into a delimiter wherever a
 * next hop decodes the path and parses it again. A well-formed segment is one or more such
 * characters and neither {@code .} nor {@code ..}.
 */
public final class SegmentAlphabet {
    private static final List<Range> RANGES = runs();

    private SegmentAlphabet() {}

    /**
     * Whether a decoded segment may hold {@code c}: the definition the rest of this class derives from.
     *
     * @param c a character of a decoded segment
     * @return true for printable ASCII other than {@code / \ ; % ? #}
     */
    public static boolean allows(char c) {
        return c >= 0x20 && c <= 0x7E && c != '/' && c != '\\' && c != ';' && c != '%' && c != '?' && c != '#';
    }

    /**
     * The allowed characters as maximal runs, in ascending order: a character is {@linkplain
     * #allows allowed} exactly when one of the ranges holds it.
     *
     * @return the runs, unmodifiable
     */
    public static List<Range> ranges() {
        return RANGES;
    }

    /**
     * Whether {@code value} could be a decoded segment of a well-formed path: not empty, not {@code
     * .} or {@code ..}, and every character {@linkplain #allows allowed}. A principal value for a
     * path variable that is not one can never match and counts as missing.
     *
     * @param value a principal's value, or any text
     * @return true when a well-formed path could have it as a segment
     */
    public static boolean isWellFormedSegment(String value) {
        int n = value.length();
        if (n == 0 || isDotSegment(value, 0, n)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!allows(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[start, end)} is {@code .} or {@code ..}. */
    static boolean isDotSegment(CharSequence s, int start, int end) {
        int n = end - start;
        return (n == 1 && s.charAt(start) == '.')
                || (n == 2 && s.charAt(start) == '.' && s.charAt(start + 1) == '.');
    }

    private static List<Range> runs() {
        List<Range> out = new ArrayList<>();
        int start = -1;
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE + 1; c++) {
            boolean in = c <= Character.MAX_VALUE && allows((char) c);
            if (in && start < 0) {
                start = c;
            } else if (!in && start >= 0) {
                out.add(new Range((char) start, (char) (c - 1)));
                start = -1;
            }
        }
        return List.copyOf(out);
    }

    /**
     * The characters from {@code first} to {@code last}, both included.
     *
     * @param first the range's first character
     * @param last the range's last character, not below {@code first}
     */
    public record Range(char first, char last) {
        /**
         * The range from {@code first} to {@code last}.
         *
         * @param first the range's first character
         * @param last the range's last character
         * @throws IllegalArgumentException if {@code last} is below {@code first}
         */
        public Range {
            if (last < first) {
                throw new IllegalArgumentException("a range must not end (U+%04X) before it starts (U+%04X)"
                        .formatted((int) last, (int) first));
            }
        }
    }
}
