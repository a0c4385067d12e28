package dev.warden.core;

import java.math.BigDecimal;

/** The one reader of condition numbers: exactly {@code -?[0-9]+(.[0-9]+)?}, compared exactly. */
final class Decimals {
    /** Longer numbers are not read (no condition needs them, and parsing is then bounded). */
    static final int MAX_LENGTH = 100;

    private Decimals() {}

    /** The number, or null when {@code text} is not one ({@code +5}, {@code .5}, {@code 5.}, {@code 1e3}, spaces). */
    static BigDecimal parse(String text) {
        int n = text.length();
        if (n == 0 || n > MAX_LENGTH) {
            return null;
        }
        int i = text.charAt(0) == '-' ? 1 : 0;
        int start = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == start) {
            return null;
        }
        if (i < n) {
            if (text.charAt(i) != '.') {
                return null;
            }
            int fraction = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == fraction || i < n) {
                return null;
            }
        }
        return new BigDecimal(text);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
