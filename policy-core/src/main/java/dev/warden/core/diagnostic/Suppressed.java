package dev.warden.core.diagnostic;

import java.util.Objects;

/**
 * A finding that a {@link Suppression} keeps from counting, with that suppression: SARIF still reports it.
 *
 * @param diagnostic the finding
 * @param suppression what keeps it from counting
 */
public record Suppressed(Diagnostic diagnostic, Suppression suppression) {
    /**
     * Requires both parts.
     *
     * @param diagnostic the finding
     * @param suppression what keeps it from counting
     */
    public Suppressed {
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(suppression, "suppression");
    }
}
