package dev.warden.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its result or its load errors: {@code human} or {@code json}. */
enum Format {
    HUMAN,
    JSON;

    /** Reads {@code human} or {@code json}, any case, with a plain message otherwise. */
    static Format parse(String value) {
        for (Format f : values()) {
            if (f.name().equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw new TypeConversionException("expected `human` or `json`, not `" + value + "`");
    }

    /** For {@code --format} and {@code --error-format}. */
    static final class Converter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return parse(value);
        }
    }
}
