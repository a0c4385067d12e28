package dev.warden.gateway;

import dev.warden.dsl.Diagnostic;
import java.util.List;

/**
 * The gateway cannot start (or a keys file cannot be read): the message says what is wrong and
 * where ({@code keys.json:4:15: ...}); when policies did not load, {@link #diagnostics} holds every
 * diagnostic of the load. A message never holds an access key.
 */
public final class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public ConfigurationException(String message) {
        this(message, List.of());
    }

    public ConfigurationException(String message, List<Diagnostic> diagnostics) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The policy load diagnostics, when policies did not load; else empty. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
