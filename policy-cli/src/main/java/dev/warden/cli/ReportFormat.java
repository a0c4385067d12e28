package dev.warden.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How {@code lint} and {@code diff} print their report: {@code human}, {@code json} or {@code sarif}. */
enum ReportFormat {
    HUMAN,
    JSON,
    SARIF;

    static final class Converter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            for (ReportFormat f : values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new TypeConversionException("expected `human`, `json` or `sarif`, not `" + value + "`");
        }
    }
}
