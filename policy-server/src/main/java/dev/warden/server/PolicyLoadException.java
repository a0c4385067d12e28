package dev.warden.server;

import dev.warden.dsl.Diagnostic;
import dev.warden.gateway.ConfigurationException;
import java.util.List;

/**
 * The policies did not load, so nothing started: the message says so with the errors rendered,
 * and {@link #diagnostics} holds every diagnostic of the load.
 */
public final class PolicyLoadException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public PolicyLoadException(String message, List<Diagnostic> diagnostics) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every diagnostic of the load, errors and warnings. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
