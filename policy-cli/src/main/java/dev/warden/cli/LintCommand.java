package dev.warden.cli;

import dev.warden.analysis.Baseline;
import dev.warden.analysis.Lint;
import dev.warden.analysis.Operation;
import dev.warden.analysis.Rule;
import dev.warden.analysis.Suppressions;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.Severity;
import dev.warden.core.diagnostic.Suppressed;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    @Option(names = "--sarif-root", paramLabel = "DIR",
            description = "with --format sarif: the directory the files' URIs are relative to, as `%%SRCROOT%%` (the "
                    + "repository root; default: the working directory)")
    Path sarifRoot = Path.of("");

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "warning",
            description = "exit 1 when a finding is at least this serious: error, warning or info (default: warning)")
    String failOn = "warning";

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "suppress the findings this baseline file accepts (written by --write-baseline); an entry "
                    + "that matches no finding is reported (W010)")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "write every finding not suppressed in source to FILE as a baseline, and exit 0")
    Path writeBaseline;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the lint settings (rule levels); default: the nearest " + LintConfig.FILE_NAME
                    + " from the working directory up")
    Path config;

    @Option(names = "--show-suppressed", description = "print suppressed findings too, each with its justification "
            + "(human and json; SARIF always has them)")
    boolean showSuppressed;

    @Override
    public Integer call() throws IOException {
        Severity threshold = threshold();
        PrintWriter out = spec.commandLine().getOut();
        LoadResult loaded = PolicyLoader.load(paths);
        List<Operation> operations = List.of();
        Map<String, String> texts = new LinkedHashMap<>(loaded.texts());
        if (schema != null) {
            try {
                String text = Files.readString(schema, StandardCharsets.UTF_8);
                operations = Operation.read(schema.toString(), text);
                texts.put(schema.toString(), text);
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: cannot read schema `" + schema + "`: " + e.getMessage());
                return ExitCode.USAGE;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
        List<Suppressed> suppressed = List.of();
        if (loaded.policySet().isPresent()) {
            diagnostics.addAll(Lint.analyze(loaded.policySet().get(), operations));
            Map<String, Suppressions.Level> levels;
            Baseline accepted = Baseline.NONE;
            try {
                Optional<Path> settings = LintConfig.find(Optional.ofNullable(config), Path.of(""));
                levels = settings.isPresent() ? LintConfig.levels(settings.get()) : Map.of();
                if (baseline != null && writeBaseline == null) {
                    String text = Files.readString(baseline, StandardCharsets.UTF_8);
                    accepted = Baseline.read(baseline.toString(), text);
                    texts.put(baseline.toString(), text);
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: cannot read baseline `" + baseline + "`: " + EvalCommand.describe(e));
                return ExitCode.USAGE;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCode.USAGE;
            }
            Suppressions.Result settled = Suppressions.settle(diagnostics, texts, accepted, levels);
            diagnostics = new ArrayList<>(settled.reported());
            suppressed = settled.suppressed();
            if (writeBaseline != null) {
                List<Diagnostic> written = diagnostics;
                try {
                    OutputFiles.write(writeBaseline, Baseline.write(written, texts));
                } catch (OutputFiles.Unwritable e) {
                    spec.commandLine().getErr().println(e.getMessage());
                    return ExitCode.USAGE;
                }
                int n = (int) written.stream().filter(d -> Rule.of(d).isPresent()).count();
                spec.commandLine().getErr().println("wrote " + n + (n == 1 ? " finding" : " findings") + " to `"
                        + writeBaseline + "`");
                diagnostics.removeIf(d -> Rule.of(d).isPresent());
            }
        }
        List<Suppressed> shown = showSuppressed ? suppressed : List.of();
        switch (format) {
            case HUMAN -> {
                out.print(DiagnosticRenderer.human(diagnostics, shown, texts));
                out.println(summary(diagnostics, suppressed.size()));
            }
            case JSON -> out.print(DiagnosticRenderer.json(diagnostics, shown));
            case SARIF -> out.print(DiagnosticRenderer.sarif(
                    new DiagnosticRenderer.SarifRun(Version.version(), sarifRoot), Rule.codes(), diagnostics, suppressed));
            default -> throw new IllegalStateException("unknown format " + format);
        }
        out.flush();
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
        return Severity.ofWord(failOn).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--fail-on expects `error`, `warning` or `info`, not `" + failOn + "`"));
    }

    private static String summary(List<Diagnostic> diagnostics, int suppressed) {
        int[] count = new int[Severity.values().length];
        for (Diagnostic d : diagnostics) {
            count[d.severity().ordinal()]++;
        }
        return plural(count[0], "error") + ", " + plural(count[1], "warning") + ", " + plural(count[2], "info")
                + (suppressed > 0 ? ", " + suppressed + " suppressed" : "");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
    }
}
