package dev.warden.core.diagnostic;

import java.util.Objects;

/** A finding that a {@link Suppression} keeps from counting, with that suppression: SARIF still reports it. */
public record Suppressed(Diagnostic diagnostic, Suppression suppression) {
    public Suppressed {
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(suppression, "suppression");
    }
}
