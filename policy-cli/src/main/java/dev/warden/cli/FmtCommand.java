package dev.warden.cli;

import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.FormatResult;
import dev.warden.dsl.PolicyFormatter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code warden fmt}: prints {@code .policy} files in the canonical layout, checks that they are
 * ({@code --check}), or rewrites them ({@code --write}). A file with an error is never formatted:
 * its diagnostics are printed and the command exits 2 without writing anything.
 */
@Command(
        name = "fmt",
        description = {
            "Format policy files (*.policy) in the canonical layout, keeping comments.",
            "By default prints the formatted text; --check lists the files that are not formatted, "
                    + "--diff prints what formatting would change, --write rewrites them in place. `-` reads "
                    + "standard input and writes the formatted text to standard output. Bird JSON files are not "
                    + "formatted."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class FmtCommand implements Callable<Integer> {
    /** The name of standard input in diagnostics and in {@code --check}'s list. */
    static final String STDIN = "<stdin>";

    private final Io io;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "a .policy file, a directory (every .policy file directly in it), or `-` for standard input")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--check", description = "list the files that are not formatted, one per line; exit 1 if there are any")
    boolean check;

    @Option(names = "--write", description = "rewrite the files that are not formatted, in place, and list them")
    boolean write;

    @Option(names = {"-d", "--diff"},
            description = "print a unified diff of what formatting would change; exit 1 if it would change a file")
    boolean diff;

    @Option(names = "--error-format", paramLabel = "FORMAT", defaultValue = "human", converter = Format.Converter.class,
            description = "how errors in the files are printed on standard error: human or json (default: human)")
    Format errorFormat = Format.HUMAN;

    FmtCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        if ((check ? 1 : 0) + (write ? 1 : 0) + (diff ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "--check, --diff and --write exclude each other: give one");
        }
        boolean stdin = paths.stream().anyMatch(p -> p.toString().equals("-"));
        if (stdin && paths.size() > 1) {
            throw new ParameterException(spec.commandLine(), "`-` (standard input) is the only PATH when it is given");
        }
        if (stdin && write) {
            throw new ParameterException(spec.commandLine(), "--write rewrites files: it cannot rewrite standard input");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FormatResult> results = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> texts = new HashMap<>();
        for (String name : stdin ? List.of(STDIN) : files()) {
            FormatResult r = stdin ? PolicyFormatter.format(STDIN, new String(io.in().readAllBytes(), StandardCharsets.UTF_8))
                    : PolicyFormatter.formatFile(Path.of(name), name);
            results.add(r);
            diagnostics.addAll(r.diagnostics());
            texts.putIfAbsent(r.file(), r.original());
        }
        if (!diagnostics.isEmpty()) {
            err.print(errorFormat == Format.JSON ? DiagnosticRenderer.json(diagnostics)
                    : DiagnosticRenderer.human(diagnostics, texts));
            err.flush();
            return ExitCode.USAGE;
        }
        int changed = 0;
        for (FormatResult r : results) {
            if (diff) {
                if (r.changed()) {
                    changed++;
                    out.print(UnifiedDiff.of(r.file(), r.original(), r.formatted().orElseThrow()));
                }
            } else if (check || write) {
                if (r.changed()) {
                    changed++;
                    if (write) {
                        try {
                            writeAtomically(Path.of(r.file()), r.formatted().orElseThrow());
                        } catch (IOException e) {
                            out.flush();
                            err.println("error: cannot write `" + r.file() + "`: " + EvalCommand.describe(e));
                            return ExitCode.USAGE;
                        }
                    }
                    out.println(r.file());
                }
            } else {
                out.print(r.formatted().orElseThrow());
            }
        }
        out.flush();
        return (check || diff) && changed > 0 ? ExitCode.FINDING : ExitCode.OK;
    }

    /** The files to format, named as given: a directory's {@code .policy} files, sorted by name. */
    private List<String> files() {
        return InputFiles.list(spec, paths, ".policy", name -> "`" + name + "` is not a `.policy` file: "
                + "fmt formats the policy language only, not Bird JSON or other files");
    }

    /** Writes a temporary file beside {@code target} (with its permissions), then moves it over {@code target}. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
