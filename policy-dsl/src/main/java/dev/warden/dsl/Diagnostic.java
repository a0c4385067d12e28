package dev.warden.dsl;

import dev.warden.core.SourceLocation;
import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about policy input, as data: severity, a stable code (e.g. {@code E001}), where,
 * a message (lower case, user input in backticks, no final period), an optional hint, and the
 * source line it points into (for the caret), empty when there is none.
 *
 * @param length how many characters the caret underlines, at least 1
 */
public record Diagnostic(
        Severity severity, String code, SourceLocation location, int length, String message, String hint,
        String sourceLine) {

    /** By location, then code, then message: the order diagnostics are reported in. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::location)
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(sourceLine, "sourceLine");
        length = Math.max(1, length);
    }
}
