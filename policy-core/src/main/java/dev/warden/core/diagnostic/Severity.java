package dev.warden.core.diagnostic;

import java.util.Locale;
import java.util.Optional;

/** How bad a {@link Diagnostic} is: load errors are {@link #ERROR}; lint findings may be any. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** Lower case, as printed: {@code error}, {@code warning}, {@code info}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity a word names ({@code error}, {@code warning}, {@code info}, any case), or empty. */
    public static Optional<Severity> ofWord(String word) {
        for (Severity s : values()) {
            if (s.word().equals(word.toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
