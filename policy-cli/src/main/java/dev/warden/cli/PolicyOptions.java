package dev.warden.cli;

import dev.warden.core.PolicySet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --policies} and {@code --error-format}: the options of every command that loads one policy
 * set. The policies are named by PATH arguments, as {@code lint}, {@code fmt}, {@code test} and
 * {@code diff} name theirs, or by {@code --policies}/{@code -p}; both add up.
 */
final class PolicyOptions {
    @Option(names = {"-p", "--policies"}, paramLabel = "PATH",
            description = "a policy file or directory, as a PATH argument; repeat for more")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--error-format", paramLabel = "FORMAT", defaultValue = "human",
            converter = Format.Converter.class,
            description = "how policy load errors are printed on standard error: human or json (default: human)")
    Format errorFormat = Format.HUMAN;

    /** The description of a command's PATH arguments. */
    static final String PATHS = "a policy file, in the policy language (*.policy) or Bird JSON (*.json), or a directory of them";

    /**
     * Every policy path: {@code --policies}' then {@code positional}.
     *
     * @throws ParameterException when there is none
     */
    List<Path> all(CommandLine cl, List<Path> positional) {
        List<Path> all = new ArrayList<>(paths);
        all.addAll(positional);
        if (all.isEmpty()) {
            throw new ParameterException(cl, "missing the policies: give policy files or directories as PATH, or --policies PATH");
        }
        return all;
    }

    /**
     * Loads the policies. When they do not load, prints every diagnostic to {@code err} and returns
     * empty: the command then exits with {@link ExitCode#USAGE}.
     */
    Optional<PolicySet> load(CommandLine cl, List<Path> positional, PrintWriter err) {
        return PolicyLoading.load(all(cl, positional), errorFormat, err);
    }
}
