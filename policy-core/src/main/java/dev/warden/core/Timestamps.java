package dev.warden.core;

import java.time.Instant;

/**
 * The one reader of condition timestamps, strict RFC 3339: {@code
 * YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)}, {@code T} and {@code Z} in either case, years
 * 0001 to 9999, real calendar dates, seconds 00 to 59 (no leap second), 1 to 9 fraction digits,
 * offsets up to 23:59 ({@code -00:00} is {@code Z}). Anything else is not a timestamp.
 *
 * <p>{@link #read} is the reader, and allocates nothing: it writes the epoch second into an array the
 * caller holds (a decision's {@link Facts}) and returns the nanosecond; {@link #parse} makes the {@link Instant}.
 */
final class Timestamps {
    private Timestamps() {}

    /** The instant, or null when {@code text} is not a timestamp. */
    static Instant parse(String text) {
        long[] second = new long[1];
        int nano = read(text, second, 0);
        return nano < 0 ? null : Instant.ofEpochSecond(second[0], nano);
    }

    /**
     * Reads {@code text} as a timestamp: writes its epoch second to {@code into[at]} and returns its
     * nanosecond (0 to 999,999,999); -1 (and nothing written) when it is not one.
     */
    static int read(String text, long[] into, int at) {
        int n = text.length();
        if (n < 20 || n > 35) {
            return -1;
        }
        int year = digits(text, 0, 4);
        int month = text.charAt(4) == '-' ? digits(text, 5, 2) : -1;
        int day = text.charAt(7) == '-' ? digits(text, 8, 2) : -1;
        char t = text.charAt(10);
        int hour = t == 'T' || t == 't' ? digits(text, 11, 2) : -1;
        int minute = text.charAt(13) == ':' ? digits(text, 14, 2) : -1;
        int second = text.charAt(16) == ':' ? digits(text, 17, 2) : -1;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return -1;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return -1;
            }
            nanos = digits(text, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i >= n) {
            return -1;
        }
        int offsetSeconds;
        char z = text.charAt(i);
        if (z == 'Z' || z == 'z') {
            if (i + 1 != n) {
                return -1;
            }
            offsetSeconds = 0;
        } else if (z == '+' || z == '-') {
            if (i + 6 != n || text.charAt(i + 3) != ':') {
                return -1;
            }
            int oh = digits(text, i + 1, 2);
            int om = digits(text, i + 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59) {
                return -1;
            }
            offsetSeconds = (oh * 60 + om) * 60 * (z == '-' ? -1 : 1);
        } else {
            return -1;
        }
        long days = daysFromEpoch(year, month, day);
        long seconds = days * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
        into[at] = seconds;
        return nanos;
    }

    /** The decimal value of {@code count} digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        switch (month) {
            case 2:
                return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days from 1970-01-01 to the date, proleptic Gregorian (the civil-from-days inverse). */
    private static long daysFromEpoch(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
