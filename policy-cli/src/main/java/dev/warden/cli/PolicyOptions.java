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
    /** How load errors are printed. */
    enum ErrorFormat {
        HUMAN,
        JSON
    }

    @Option(names = {"-p", "--policies"}, required = true, paramLabel = "PATH",
            description = "a policy file (policy language or Bird JSON), or a directory: every file in it "
                    + "whose name ends in .policy or .json; repeat for more")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--error-format", paramLabel = "FORMAT", defaultValue = "human",
            description = "how policy load errors are printed on standard error: human or json (default: human)")
    ErrorFormat errorFormat = ErrorFormat.HUMAN;

    /**
     * Loads the policies. When they do not load, prints every diagnostic to {@code err} and returns
     * empty: the command then exits with {@link ExitCode#USAGE}.
     */
    Optional<PolicySet> load(PrintWriter err) {
        return PolicyLoading.load(paths, errorFormat, err);
    }
}
