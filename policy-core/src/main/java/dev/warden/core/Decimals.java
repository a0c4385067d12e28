package dev.warden.core;

import java.math.BigDecimal;

/**
 * The one reader of condition numbers: exactly {@code -?[0-9]+(.[0-9]+)?}, compared exactly. {@link
 * #read} tells a whole number that fits in a {@code long} (read without allocating) from one that
 * needs a {@link BigDecimal} ({@link #parse}).
 */
final class Decimals {
    /** Longer numbers are not read (no condition needs them, and parsing is then bounded). */
    static final int MAX_LENGTH = 100;
    /** What {@link #read} found: no number. */
    static final int NONE = 0;
    /** What {@link #read} found: a whole number, written as a {@code long}. */
    static final int WHOLE = 1;
    /** What {@link #read} found: a number with a fraction or too long for a {@code long}: {@link #parse} it. */
    static final int DECIMAL = 2;
    /** The most digits of a whole number read as a {@code long}: 18 always fit. */
    private static final int MAX_WHOLE_DIGITS = 18;

    private Decimals() {}

    /** The number, or null when {@code text} is not one ({@code +5}, {@code .5}, {@code 5.}, {@code 1e3}, spaces). */
    static BigDecimal parse(String text) {
        return read(text, null, 0) == NONE ? null : new BigDecimal(text);
    }

    /**
     * Reads {@code text} as a number: {@link #NONE} when it is not one, {@link #WHOLE} when it is a
     * whole number of at most 18 digits (then its value is written to {@code into[at]}), else
     * {@link #DECIMAL}.
     *
     * @param into where a whole number's value goes; null to only classify
     */
    static int read(String text, long[] into, int at) {
        int n = text.length();
        if (n == 0 || n > MAX_LENGTH) {
            return NONE;
        }
        boolean negative = text.charAt(0) == '-';
        int i = negative ? 1 : 0;
        int start = i;
        long whole = 0;
        while (i < n && isDigit(text.charAt(i))) {
            whole = whole * 10 + (text.charAt(i) - '0'); // wraps past 18 digits: then unused
            i++;
        }
        if (i == start) {
            return NONE;
        }
        if (i == n) {
            if (i - start > MAX_WHOLE_DIGITS) {
                return DECIMAL;
            }
            if (into != null) {
                into[at] = negative ? -whole : whole;
            }
            return WHOLE;
        }
        if (text.charAt(i) != '.') {
            return NONE;
        }
        int fraction = ++i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        return i == fraction || i < n ? NONE : DECIMAL;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
