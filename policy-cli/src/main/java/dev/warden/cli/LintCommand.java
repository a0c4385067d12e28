package dev.warden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.analysis.Finding;
import dev.warden.analysis.Lint;
import dev.warden.analysis.Operation;
import dev.warden.core.SourceLocation;
import dev.warden.dsl.Diagnostic;
import dev.warden.dsl.Diagnostics;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import dev.warden.dsl.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden lint PATH...}: every load error, then the analysis findings (see docs/ci.md for
 * each code). Exits 2 when the policies do not load, 1 when a finding reaches {@code --fail-on}.
 */
@Command(
        name = "lint",
        description = "Check policy files: load errors, then exact analyses (redundant, duplicate and shadowed "
                + "statements, overbroad writes, unused denies, policies and roles; with --schema, patterns "
                + "and operations that do not meet).",
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class LintCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "policy files (*.policy, *.json) or directories")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "FILE",
            description = "the API's operations: an OpenAPI 3.0 or 3.1 document (YAML or JSON), or one "
                    + "`METHOD /path/{param}` per line: report patterns that match no operation and operations no "
                    + "role allows")
    Path schema;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human", converter = ReportFormat.Converter.class,
            description = "human, json or sarif (SARIF 2.1.0, for GitHub code scanning) (default: human)")
    ReportFormat format = ReportFormat.HUMAN;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "warning",
            description = "exit 1 when a finding is at least this serious: error, warning or info (default: warning)")
    String failOn = "warning";

    @Override
    public Integer call() throws IOException {
        Severity threshold = threshold();
        PrintWriter out = spec.commandLine().getOut();
        LoadResult loaded = PolicyLoader.load(paths);
        List<Operation> operations = List.of();
        SourceLines lines = new SourceLines(loaded.texts());
        if (schema != null) {
            try {
                String text = Files.readString(schema, StandardCharsets.UTF_8);
                operations = Operation.read(schema.toString(), text);
                lines = lines.with(schema.toString(), text);
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: cannot read schema `" + schema + "`: " + e.getMessage());
                return ExitCode.USAGE;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
        if (loaded.policySet().isPresent()) {
            for (Finding f : Lint.analyze(loaded.policySet().get(), operations)) {
                diagnostics.add(toDiagnostic(f, lines));
            }
        }
        print(out, diagnostics);
        if (loaded.policySet().isEmpty()) {
            return ExitCode.USAGE;
        }
        for (Diagnostic d : diagnostics) {
            if (d.severity().ordinal() <= threshold.ordinal()) {
                return ExitCode.FINDING;
            }
        }
        return ExitCode.OK;
    }

    private Severity threshold() {
        for (Severity s : Severity.values()) {
            if (s.word().equals(failOn.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--fail-on expects `error`, `warning` or `info`, not `" + failOn + "`");
    }

    /** Where a finding with no place is shown: line 1 of {@code <unknown>}. */
    static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 1, 1);

    static Diagnostic toDiagnostic(Finding f, SourceLines lines) {
        SourceLocation at = f.source().orElse(UNKNOWN);
        Severity severity = Severity.valueOf(f.rule().level().name());
        return new Diagnostic(severity, f.rule().code(), at, 1, f.message() + " [" + f.rule().title() + "]", f.hint(),
                lines.line(at));
    }

    private void print(PrintWriter out, List<Diagnostic> diagnostics) throws IOException {
        switch (format) {
            case HUMAN -> {
                out.print(Diagnostics.render(diagnostics));
                out.println(summary(diagnostics));
            }
            case JSON -> {
                ObjectNode root = JSON.createObjectNode();
                ArrayNode list = root.putArray("findings");
                for (Diagnostic d : diagnostics) {
                    ObjectNode o = list.addObject();
                    o.put("code", d.code());
                    o.put("severity", d.severity().word());
                    o.put("file", d.location().file());
                    o.put("line", d.location().line());
                    o.put("column", d.location().column());
                    o.put("message", d.message());
                    o.put("hint", d.hint());
                }
                out.println(JSON.writeValueAsString(root));
            }
            case SARIF -> {
                Sarif sarif = new Sarif();
                for (Finding.Rule r : Finding.Rule.values()) {
                    sarif.rule(r.code(), r.title(), r.description(), r.level().word());
                }
                List<String> loadCodes = new ArrayList<>();
                for (Diagnostic d : diagnostics) {
                    if (d.code().startsWith("E") && !loadCodes.contains(d.code())) {
                        loadCodes.add(d.code());
                        sarif.rule(d.code(), "load-error", "the policies do not load (see docs/language.md)", "error");
                    }
                }
                for (Diagnostic d : diagnostics) {
                    sarif.result(d.code(), d.severity().word(), d.message()
                                    + (d.hint().isEmpty() ? "" : " (" + d.hint() + ")"),
                            d.location().file(), d.location().line(), d.location().column());
                }
                sarif.print(out);
            }
            default -> throw new IllegalStateException("unknown format " + format);
        }
        out.flush();
    }

    private static String summary(List<Diagnostic> diagnostics) {
        int[] count = new int[Severity.values().length];
        for (Diagnostic d : diagnostics) {
            count[d.severity().ordinal()]++;
        }
        return plural(count[0], "error") + ", " + plural(count[1], "warning") + ", " + plural(count[2], "info");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
    }
}
