package dev.warden.cli;

import dev.warden.core.PolicySet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --policies} and {@code --error-format}: the options of every command that loads policies. */
final class PolicyOptions {
    @Option(names = {"-p", "--policies"}, required = true, paramLabel = "PATH",
            description = "a policy file, in the policy language (*.policy) or Bird JSON (*.json), or a "
                    + "directory of them; repeat for more")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--error-format", paramLabel = "FORMAT", defaultValue = "human",
            converter = Format.Converter.class,
            description = "how policy load errors are printed on standard error: human or json (default: human)")
    Format errorFormat = Format.HUMAN;

    /**
     * Loads the policies. When they do not load, prints every diagnostic to {@code err} and returns
     * empty: the command then exits with {@link ExitCode#USAGE}.
     */
    Optional<PolicySet> load(PrintWriter err) {
        return PolicyLoading.load(paths, errorFormat, err);
    }
}
