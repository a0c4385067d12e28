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
    public FormatResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(formatted, "formatted");
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether the file was formatted: it had no error. */
    public boolean ok() {
        return formatted.isPresent();
    }

    /** Whether the canonical text differs from the file as read: false for a file with errors. */
    public boolean changed() {
        return formatted.isPresent() && !formatted.get().equals(original);
    }
}
