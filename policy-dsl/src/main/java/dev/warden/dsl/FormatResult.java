package dev.warden.dsl;

import dev.warden.core.diagnostic.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PolicyFormatter} gives for one file: the canonical text, or the diagnostics that
 * stopped it (a file with an error is never formatted).
 *
 * @param file the file as the user named it
 * @param original the text read, a leading byte order mark dropped
 * @param formatted the canonical text; empty when there are diagnostics
 * @param diagnostics the errors found in the file alone, sorted, at most 50 (as the loader shows them)
 */
public record FormatResult(String file, String original, Optional<String> formatted, List<Diagnostic> diagnostics) {
    /**
     * Requires each part and copies the diagnostics.
     *
     * @param file the file as the user named it
     * @param original the text read
     * @param formatted the canonical text, or empty
     * @param diagnostics the errors found in the file
     */
    public FormatResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(formatted, "formatted");
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Whether the file was formatted: it had no error.
     *
     * @return true when {@link #formatted()} holds the canonical text
     */
    public boolean ok() {
        return formatted.isPresent();
    }

    /**
     * Whether the canonical text differs from the file as read: false for a file with errors.
     *
     * @return true when formatting would change the file ({@code warden fmt --check} fails on it)
     */
    public boolean changed() {
        return formatted.isPresent() && !formatted.get().equals(original);
    }
}
