package dev.warden.core.diagnostic;

import java.util.Locale;
import java.util.Optional;

/** How bad a {@link Diagnostic} is: load errors are {@link #ERROR}; lint findings may be any. */
public enum Severity {
    /** The input cannot be used as written: a load error, a keys file that does not load. */
    ERROR,
    /** Likely a mistake, though the input loads ({@code W003 shadowed-allow}). */
    WARNING,
    /** Worth knowing, not a mistake in itself ({@code I002 unused-policy}). */
    INFO;

    /**
     * Lower case, as printed: {@code error}, {@code warning}, {@code info}.
     *
     * @return the severity's word
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The severity a word names ({@code error}, {@code warning}, {@code info}, any case), or empty.
     *
     * @param word a severity's word, any case
     * @return the severity, or empty when the word names none
     */
    public static Optional<Severity> ofWord(String word) {
        for (Severity s : values()) {
            if (s.word().equals(word.toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
