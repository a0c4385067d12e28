package dev.warden.cli;

import dev.warden.core.PolicySet;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads policy files with the policy-dsl loader. Its diagnostics go to standard error exactly as
 * the loader renders them (human or JSON), nothing added: when the load fails, every diagnostic
 * and an empty result (the command exits 2); when it succeeds with warnings, the warnings.
 */
final class PolicyLoading {
    private PolicyLoading() {}

    static Optional<PolicySet> load(List<Path> paths, Format format, PrintWriter err) {
        LoadResult result = PolicyLoader.load(paths);
        if (!result.diagnostics().isEmpty()) {
            err.print(format == Format.JSON
                    ? DiagnosticRenderer.json(result.diagnostics())
                    : DiagnosticRenderer.human(result.diagnostics(), result.texts()));
            err.flush();
        }
        return result.policySet();
    }
}
