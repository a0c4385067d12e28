package dev.warden.dsl;

import dev.warden.core.diagnostic.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * Policy files did not load, so nothing that needed them was made ({@link WatchedPolicies.Builder#build},
 * the Spring Boot starter's start):
 * the message holds the errors rendered as {@code warden check} prints them, {@link #diagnostics}
 * every diagnostic of the load and {@link #texts} the files as they were read.
 */
public final class PolicyFilesException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;
    private final transient Map<String, String> texts;

    /**
     * For a load that failed ({@code failed.ok()} false): its errors, diagnostics and texts.
     *
     * @param failed the load that failed
     */
    public PolicyFilesException(LoadResult failed) {
        super("the policies did not load:\n" + DiagnosticRenderer.human(failed.errors(), failed.texts()));
        this.diagnostics = failed.diagnostics();
        this.texts = failed.texts();
    }

    /**
     * Every diagnostic of the load, errors and warnings.
     *
     * @return the load's diagnostics
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * Each file's text as read, by the name its diagnostics use.
     *
     * @return the files' texts, by name
     */
    public Map<String, String> texts() {
        return texts;
    }
}
