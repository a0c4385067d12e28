package dev.warden.gateway;

import dev.warden.core.diagnostic.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * The gateway cannot start (or a keys file cannot be read): the message says what is wrong and
 * where ({@code keys.json:4:15: ...}). A message never holds an access key. When the problems are
 * in a file (the keys file, the policies), {@link #diagnostics} holds them as data, with codes and
 * places, and {@link #texts} the text they point into, for a renderer's carets.
 */
public class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;
    private final transient Map<String, String> texts;

    public ConfigurationException(String message) {
        this(message, List.of(), Map.of());
    }

    /**
     * @param diagnostics every problem found (and any warning beside them)
     * @param texts each file they point into, by the name their locations give it, as it was read
     */
    public ConfigurationException(String message, List<Diagnostic> diagnostics, Map<String, String> texts) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
        this.texts = Map.copyOf(texts);
    }

    /** The problems as diagnostics; empty when the problem is not in a file (a port in use, say). */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The texts the {@link #diagnostics} point into, by file name; empty when none was read. */
    public Map<String, String> texts() {
        return texts;
    }
}
