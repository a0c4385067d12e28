package dev.warden.cli;

import dev.warden.core.PolicySet;
import dev.warden.dsl.BirdJson;
import dev.warden.dsl.PolicyWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden convert}: loads policy files of either format and writes the whole set in one
 * format, the policy language or Bird JSON, to standard output or to one file; {@code --check}
 * says whether that file already holds exactly the conversion (for CI: a Bird export kept in git
 * beside the policy files it was made from).
 */
@Command(
        name = "convert",
        description = {
            "Convert policy files between the policy language (*.policy) and Bird JSON (*.json).",
            "Loads every PATH as one set (its errors are reported and nothing is written), and writes the set "
                    + "in the format --to names: to standard output, or to --output. With --check, compares "
                    + "--output with the conversion instead and exits 1 when it differs. The conversion keeps "
                    + "every decision; comments and layout are not carried over."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "a policy file (*.policy or *.json), or a directory of them")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "the format to write: policy or json")
    String to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "the file to write (its parent directories are created); standard output without it")
    Path output;

    @Option(names = "--check", description = "do not write: exit 1 when --output does not hold exactly the conversion")
    boolean check;

    @Option(names = "--error-format", paramLabel = "FORMAT", defaultValue = "human", converter = Format.Converter.class,
            description = "how policy load errors are printed on standard error: human or json (default: human)")
    Format errorFormat = Format.HUMAN;

    @Override
    public Integer call() throws IOException {
        String format = to.toLowerCase(Locale.ROOT);
        if (!format.equals("policy") && !format.equals("json")) {
            throw new ParameterException(spec.commandLine(), "--to takes policy or json, not `" + to + "`");
        }
        if (check && output == null) {
            throw new ParameterException(spec.commandLine(), "--check compares with --output: give the file");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PolicySet> set = PolicyLoading.load(paths, errorFormat, err);
        if (set.isEmpty()) {
            return ExitCode.USAGE;
        }
        String text = format.equals("json") ? BirdJson.write(set.get()) : PolicyWriter.write(set.get());
        if (output == null) {
            out.print(text);
            out.flush();
            return ExitCode.OK;
        }
        if (check) {
            String existing;
            try {
                existing = Files.readString(output, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                err.println(output + ": missing; `warden convert --to " + format + " -o " + output + "` writes it");
                return ExitCode.FINDING;
            }
            if (!existing.equals(text)) {
                err.println(output + ": not the conversion of the given policies; `warden convert --to " + format
                        + " -o " + output + "` rewrites it");
                return ExitCode.FINDING;
            }
            return ExitCode.OK;
        }
        try {
            if (Files.exists(output)) {
                FmtCommand.writeAtomically(output, text);
            } else {
                OutputFiles.write(output, text);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot write `" + output + "`: " + EvalCommand.describe(e));
            return ExitCode.USAGE;
        } catch (OutputFiles.Unwritable e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.USAGE;
        }
        return ExitCode.OK;
    }
}
