package dev.warden.dsl;

import dev.warden.core.PolicySet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a load gives: the policy set when no file had an error, and every diagnostic of every
 * file, sorted by {@link Diagnostic#ORDER}.
 *
 * @param policySet the loaded set; empty when any diagnostic is an error
 * @param diagnostics every diagnostic, sorted
 * @param files the files read, as named in diagnostics and statement sources, in load order
 */
public record LoadResult(Optional<PolicySet> policySet, List<Diagnostic> diagnostics, List<String> files) {
    public LoadResult {
        Objects.requireNonNull(policySet, "policySet");
        diagnostics = List.copyOf(diagnostics);
        files = List.copyOf(files);
    }

    /** Whether the set loaded: no diagnostic is an error. */
    public boolean ok() {
        return policySet.isPresent();
    }

    /** The diagnostics that are errors. */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    /**
     * The loaded set.
     *
     * @throws IllegalStateException listing the errors (rendered for humans) when the load failed
     */
    public PolicySet orElseThrow() {
        return policySet.orElseThrow(() -> new IllegalStateException(
                "the policies did not load:\n" + Diagnostics.render(diagnostics)));
    }
}
