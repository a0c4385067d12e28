package dev.warden.cli;

import dev.warden.core.Authorizer;
import dev.warden.core.PolicySet;
import dev.warden.dsl.BatchFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden eval}: the batch interface. Reads requests as JSON Lines and writes one decision
 * per line, in order, streaming ({@link BatchFormat#decideAll}): one line is read, decided and
 * written before the next is read, so memory does not grow with the input. Exits 0 once the stream
 * is processed, whatever the decisions were: they are data.
 */
@Command(
        name = "eval",
        description = {
            "Decide a stream of requests: JSON Lines in, one decision per line out, in the same order.",
            "",
            "A request: {\"principal\": {\"id\": ..., \"roles\": [...], \"policies\": [...], "
                    + "\"attributes\": {...}}, \"action\": ..., \"resource\": ...}, or \"method\" and \"path\" "
                    + "instead of \"action\" and \"resource\".",
            "A decision: {\"decision\": \"allow\"|\"deny\", \"reason\": ..., \"matched\": [...]}, or "
                    + "\"error\" instead of \"matched\" for a request that could not be evaluated.",
            "Every input line, a blank one too, gets exactly one output line; a line that is not a request "
                    + "gets reason invalid_request and the stream goes on."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class EvalCommand implements Callable<Integer> {
    private final Io io;

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policies;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = PolicyOptions.PATHS + "; or --policies")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "read requests from FILE instead of standard input (`-` is standard input)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write decisions to FILE instead of standard output (`-` is standard output)")
    Path output;

    EvalCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        Optional<PolicySet> set = policies.load(spec.commandLine(), paths, spec.commandLine().getErr());
        if (set.isEmpty()) {
            return ExitCode.USAGE;
        }
        if (!isStandard(input) && Files.isDirectory(input)) {
            return cannot("read", input, "it is a directory");
        }
        InputStream in;
        try {
            in = isStandard(input) ? io.in() : Files.newInputStream(input);
        } catch (IOException e) {
            return cannot("read", input, describe(e));
        }
        OutputStream out;
        try {
            out = isStandard(output) ? io.out() : OutputFiles.open(output);
        } catch (OutputFiles.Unwritable e) {
            in.close();
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.USAGE;
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            BatchFormat.decideAll(Authorizer.of(set.get()), reader, out);
        } catch (IOException e) {
            // a closed pipe, a full disk: not a bug, but the stream was not processed
            spec.commandLine().getErr().println("error: input or output failed: " + describe(e));
            return ExitCode.INTERNAL;
        } finally {
            if (!isStandard(output)) {
                out.close();
            }
        }
        return ExitCode.OK;
    }

    private static boolean isStandard(Path p) {
        return p == null || p.toString().equals("-");
    }

    private int cannot(String what, Path file, String why) {
        spec.commandLine().getErr().println("error: cannot " + what + " `" + file + "`: " + why);
        return ExitCode.USAGE;
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return WardenCommand.lowerFirst(f.getReason());
        }
        return WardenCommand.lowerFirst(String.valueOf(e.getMessage()));
    }
}
