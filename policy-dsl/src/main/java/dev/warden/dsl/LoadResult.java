package dev.warden.dsl;

import dev.warden.core.PolicySet;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a load gives: the policy set when no file had an error, every diagnostic of every file,
 * sorted by {@link Diagnostic#ORDER}, and the text of every file read, so that whoever renders a
 * location draws its caret from what was loaded, not from the file as it is now.
 *
 * @param policySet the loaded set; empty when any diagnostic is an error
 * @param diagnostics every diagnostic, sorted
 * @param files the files read, as named in diagnostics and source locations, in load order
 * @param texts each file read, by the name in {@code files}, to its text as read (a leading byte
 *     order mark dropped); a file that could not be read has none
 */
public record LoadResult(
        Optional<PolicySet> policySet, List<Diagnostic> diagnostics, List<String> files, Map<String, String> texts) {
    /**
     * Requires the set and copies the lists and the texts.
     *
     * @param policySet the loaded set, or empty
     * @param diagnostics every diagnostic, sorted
     * @param files the files read, in load order
     * @param texts each file's text as read, by name
     */
    public LoadResult {
        Objects.requireNonNull(policySet, "policySet");
        diagnostics = List.copyOf(diagnostics);
        files = List.copyOf(files);
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    /**
     * A result that keeps no texts (one made by hand, say): its locations get no carets.
     *
     * @param policySet the loaded set, or empty
     * @param diagnostics every diagnostic, sorted
     * @param files the files read, in load order
     */
    public LoadResult(Optional<PolicySet> policySet, List<Diagnostic> diagnostics, List<String> files) {
        this(policySet, diagnostics, files, Map.of());
    }

    /**
     * Whether the set loaded: no diagnostic is an error.
     *
     * @return true when {@link #policySet()} holds the set
     */
    public boolean ok() {
        return policySet.isPresent();
    }

    /**
     * The diagnostics that are errors.
     *
     * @return the diagnostics of severity {@code error}, in order
     */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    /**
     * The loaded set.
     *
     * @return the set
     * @throws IllegalStateException listing the errors (rendered for humans) when the load failed
     */
    public PolicySet orElseThrow() {
        return policySet.orElseThrow(() -> new IllegalStateException(
                "the policies did not load:\n" + DiagnosticRenderer.human(diagnostics, texts)));
    }
}
