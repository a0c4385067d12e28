package dev.warden.dsl;

import dev.warden.core.diagnostic.Diagnostic;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one reload did.
 *
 * @param ok whether the new set was loaded and swapped in
 * @param version the policy-set version serving after the reload (unchanged when it failed)
 * @param time when the reload finished
 * @param diagnostics the load's diagnostics (errors when it failed, warnings maybe when not)
 * @param message one line for humans: what was loaded, or why nothing was (for a set refused because it
 *     lacks a role or policy an access key names, each key and name)
 */
public record ReloadResult(boolean ok, long version, Instant time, List<Diagnostic> diagnostics, String message) {
    /**
     * Requires the time and message and copies the diagnostics.
     *
     * @param ok whether the new set was loaded and swapped in
     * @param version the policy-set version serving after the reload
     * @param time when the reload finished
     * @param diagnostics the load's diagnostics
     * @param message one line for humans: what was loaded, or why nothing was
     */
    public ReloadResult {
        Objects.requireNonNull(time, "time");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(message, "message");
    }
}
