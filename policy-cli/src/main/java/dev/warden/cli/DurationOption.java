package dev.warden.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration option: a whole number and a unit, {@code 500ms}, {@code 10s}, {@code 2m}, or {@code 0}. */
final class DurationOption implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip();
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        int digits = 0;
        while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        String unit = v.substring(digits);
        if (digits == 0 || digits > 9 || !(unit.equals("ms") || unit.equals("s") || unit.equals("m"))) {
            throw new TypeConversionException("a duration such as `500ms`, `10s` or `2m`, not `" + value + "`");
        }
        long n = Long.parseLong(v.substring(0, digits));
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** The text this converter reads back as {@code d}. */
    static String text(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
