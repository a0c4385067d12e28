package dev.warden.cli;

import dev.warden.core.PolicySet;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import dev.warden.dsl.PolicyTests;
import dev.warden.dsl.PolicyTests.TestFile;
import dev.warden.dsl.TestReport;
import dev.warden.dsl.TestReport.FileReport;
import dev.warden.dsl.TestReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 * {@code warden test}: runs policy test files ({@code *.wtest}, docs/testing.md). Exits 0 when every
 * test passes, 1 when one fails, 2 when a test file or the policies it names do not load.
 */
@Command(
        name = "test",
        description = {
            "Run policy tests (*.wtest): each test names a principal and the decisions it expects.",
            "Prints ok or FAIL per test, and for a failing expectation where it is written and the "
                    + "decision warden gave."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class TestCommand implements Callable<Integer> {
    static final String EXTENSION = ".wtest";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "a test file (*.wtest), or a directory: every *.wtest file directly in it")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the results as JUnit XML to FILE")
    Path junit;

    @Option(names = "--coverage", description = "list the statements and patterns that no expectation exercised")
    boolean coverage;

    @Option(names = "--error-format", paramLabel = "FORMAT", defaultValue = "human", converter = Format.Converter.class,
            description = "how errors in test and policy files are printed on standard error: human or json "
                    + "(default: human)")
    Format errorFormat = Format.HUMAN;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> texts = new HashMap<>();
        List<TestFile> files = new ArrayList<>();
        for (String name : files()) {
            PolicyTests.Result r = PolicyTests.readFile(Path.of(name), name);
            diagnostics.addAll(r.diagnostics());
            r.texts().forEach(texts::putIfAbsent);
            r.testFile().ifPresent(files::add);
        }
        // the policy sets by their paths, each loaded once; absent when it did not load
        Map<List<String>, Optional<PolicySet>> sets = new LinkedHashMap<>();
        if (diagnostics.isEmpty()) {
            for (TestFile f : files) {
                sets.computeIfAbsent(f.policyPaths(), policies -> {
                    LoadResult result = PolicyLoader.load(policies.stream().map(Path::of).toList());
                    diagnostics.addAll(result.diagnostics());
                    result.texts().forEach(texts::putIfAbsent);
                    return result.policySet();
                });
            }
        }
        if (!diagnostics.isEmpty()) {
            err.print(errorFormat == Format.JSON ? DiagnosticRenderer.json(diagnostics)
                    : DiagnosticRenderer.human(diagnostics, texts));
            err.flush();
            return ExitCode.USAGE;
        }

        Map<List<String>, TestReport> reports = new LinkedHashMap<>();
        sets.forEach((policies, set) -> reports.put(policies, PolicyTests.run(set.orElseThrow(),
                files.stream().filter(f -> f.policyPaths().equals(policies)).toList())));
        // the files in the order given, each from its set's report
        Map<List<String>, Iterator<FileReport>> next = new LinkedHashMap<>();
        reports.forEach((policies, report) -> next.put(policies, report.files().iterator()));
        Map<TestFile, FileReport> results = new LinkedHashMap<>();
        for (TestFile f : files) {
            FileReport r = next.get(f.policyPaths()).next();
            out.print(TestReporter.text(reports.get(f.policyPaths()).policies(), r));
            results.put(f, r);
        }
        int passed = reports.values().stream().mapToInt(TestReport::passed).sum();
        int failed = reports.values().stream().mapToInt(TestReport::failed).sum();
        out.print(TestReporter.summary(passed, failed));
        if (coverage) {
            reports.forEach((policies, report) -> out.print(TestReporter.coverage(report.coverage(),
                    sets.size() > 1 ? Optional.of(String.join(", ", policies)) : Optional.empty())));
        }
        out.flush();
        if (junit != null) {
            try {
                OutputFiles.write(junit, TestReporter.junit(List.copyOf(results.values())));
            } catch (OutputFiles.Unwritable e) {
                err.println(e.getMessage());
                return ExitCode.USAGE;
            }
        }
        return failed > 0 ? ExitCode.FINDING : ExitCode.OK;
    }

    /** The test files, named as given: a directory's {@code *.wtest} files, sorted by name. */
    private List<String> files() {
        return InputFiles.list(spec, paths, EXTENSION,
                name -> "`" + name + "` is not a test file: test files end in `" + EXTENSION + "`");
    }
}
