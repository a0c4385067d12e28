package dev.warden.server;

import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.gateway.ConfigurationException;
import java.util.List;
import java.util.Map;

/**
 * The policies did not load, so nothing started: the message says so with the errors rendered,
 * {@link #diagnostics} holds every diagnostic of the load and {@link #texts} the files as loaded.
 */
public final class PolicyLoadException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /**
     * A load that failed.
     *
     * @param message what failed, with the errors rendered
     * @param diagnostics every diagnostic of the load
     * @param texts the files' texts as loaded, by name
     */
    public PolicyLoadException(String message, List<Diagnostic> diagnostics, Map<String, String> texts) {
        super(message, diagnostics, texts);
    }
}
