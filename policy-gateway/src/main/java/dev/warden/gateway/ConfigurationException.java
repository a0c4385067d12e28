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

    /**
     * A problem that is not in a file (a port in use, say): no diagnostics, no texts.
     *
     * @param message what is wrong and where, lower case
     */
    public ConfigurationException(String message) {
        this(message, List.of(), Map.of());
    }

    /**
     * A problem in a file, with its diagnostics and the texts they point into.
     *
     * @param message what is wrong and where, one line per problem ({@code keys.json:4:15: ...})
     * @param diagnostics every problem found (and any warning beside them)
     * @param texts each file they point into, by the name their locations give it, as it was read
     */
    public ConfigurationException(String message, List<Diagnostic> diagnostics, Map<String, String> texts) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
        this.texts = Map.copyOf(texts);
    }

    /**
     * The problems as diagnostics; empty when the problem is not in a file (a port in use, say).
     *
     * @return the diagnostics with their codes and places, for a renderer
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * The texts the {@link #diagnostics} point into, by file name; empty when none was read.
     *
     * @return each file's text as it was read, by the name its locations give it
     */
    public Map<String, String> texts() {
        return texts;
    }
}
