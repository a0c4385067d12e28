package dev.warden.cli;

import dev.warden.core.Actions;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.MatchedStatement;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.Reason;
import dev.warden.core.ResourcePath;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.SourceMap;
import dev.warden.core.Statement;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import dev.warden.dsl.PolicyTests;
import dev.warden.dsl.PolicyTests.Expectation;
import dev.warden.dsl.PolicyTests.TestCase;
import dev.warden.dsl.PolicyTests.TestFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** The outcome of one expectation. */
    record Outcome(Expectation expectation, Decision decision, boolean passed) {}

    /** The outcome of one test: its expectations', in order. */
    record Result(TestCase test, List<Outcome> outcomes) {
        boolean passed() {
            return outcomes.stream().allMatch(Outcome::passed);
        }
    }

    /** A loaded policy set and what the tests exercised in it. */
    private static final class Loaded {
        final List<String> paths;
        final PolicySet set;
        final Authorizer authorizer;
        /** "policy\0statement\0pattern" for every pattern that matched an evaluated request. */
        final Set<String> exercised = new HashSet<>();

        Loaded(List<String> paths, PolicySet set) {
            this.paths = paths;
            this.set = set;
            this.authorizer = Authorizer.builder().noCache().build(set);
        }
    }

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
        Map<List<String>, Loaded> sets = new LinkedHashMap<>();
        Map<TestFile, Loaded> setOf = new HashMap<>();
        if (diagnostics.isEmpty()) {
            for (TestFile f : files) {
                List<String> policies = policyPaths(f);
                Loaded loaded = sets.get(policies);
                if (loaded == null && !sets.containsKey(policies)) {
                    LoadResult result = PolicyLoader.load(policies.stream().map(Path::of).toList());
                    diagnostics.addAll(result.diagnostics());
                    result.texts().forEach(texts::putIfAbsent);
                    loaded = result.policySet().map(s -> new Loaded(policies, s)).orElse(null);
                    sets.put(policies, loaded);
                }
                setOf.put(f, loaded);
            }
        }
        if (!diagnostics.isEmpty()) {
            err.print(errorFormat == Format.JSON ? DiagnosticRenderer.json(diagnostics)
                    : DiagnosticRenderer.human(diagnostics, texts));
            err.flush();
            return ExitCode.USAGE;
        }

        Map<TestFile, List<Result>> results = new LinkedHashMap<>();
        int passed = 0;
        int failed = 0;
        for (TestFile f : files) {
            Loaded loaded = setOf.get(f);
            List<Result> fileResults = new ArrayList<>();
            out.println(f.file());
            for (TestCase t : f.tests()) {
                List<Outcome> outcomes = new ArrayList<>();
                for (Expectation e : t.expectations()) {
                    outcomes.add(run(loaded, e));
                }
                Result r = new Result(t, outcomes);
                fileResults.add(r);
                print(out, loaded.set, r);
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
            results.put(f, fileResults);
        }
        out.println();
        out.println(passed + " passed, " + failed + " failed");
        if (coverage) {
            for (Loaded loaded : sets.values()) {
                printCoverage(out, loaded, sets.size() > 1);
            }
        }
        out.flush();
        if (junit != null) {
            try {
                Files.writeString(junit, JunitXml.write(results), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: cannot write `" + junit + "`: " + EvalCommand.describe(e));
                return ExitCode.INTERNAL;
            }
        }
        return failed > 0 ? ExitCode.FINDING : ExitCode.OK;
    }

    /** The test files, named as given: a directory's {@code *.wtest} files, sorted by name. */
    private List<String> files() {
        return InputFiles.list(spec, paths, EXTENSION,
                name -> "`" + name + "` is not a test file: test files end in `" + EXTENSION + "`");
    }

    /** The {@code policies} paths of a test file, resolved against its directory; its directory by default. */
    static List<String> policyPaths(TestFile f) {
        Path dir = Optional.ofNullable(Path.of(f.file()).getParent()).orElse(Path.of(""));
        List<String> written = f.policies().isEmpty() ? List.of(".") : f.policies();
        List<String> out = new ArrayList<>();
        for (String w : written) {
            String resolved = dir.resolve(w).normalize().toString();
            out.add(resolved.isEmpty() ? "." : resolved);
        }
        return out;
    }

    private static Outcome run(Loaded loaded, Expectation e) {
        Decision d = e.method()
                ? loaded.authorizer.authorizeHttp(e.principal(), e.action(), e.path())
                : loaded.authorizer.authorize(e.principal(), e.action(), e.path());
        boolean passed = d.effect() == e.effect() && e.reason().map(r -> r == d.reason()).orElse(true);
        exercise(loaded, e, d);
        return new Outcome(e, d, passed);
    }

    /**
     * Marks the patterns the request exercised: for a request that reached the statements (a
     * well-formed path, a known action, every role and policy of the principal loaded), each
     * pattern of each effective statement for the action that matches the path.
     */
    private static void exercise(Loaded loaded, Expectation e, Decision d) {
        if (d.reason() == Reason.MALFORMED_REQUEST || d.reason() == Reason.UNKNOWN_ACTION
                || d.reason() == Reason.UNKNOWN_POLICY) {
            return;
        }
        String action = e.method() ? Actions.forHttpMethod(e.action()).orElseThrow() : Actions.normalize(e.action());
        ResourcePath path = e.method() ? ResourcePath.ofHttpPath(e.path()) : ResourcePath.ofResource(e.path());
        Principal p = e.principal();
        for (String name : effectivePolicies(loaded.set, p)) {
            Policy policy = loaded.set.policy(name).orElseThrow();
            for (int i = 0; i < policy.statements().size(); i++) {
                Statement s = policy.statements().get(i);
                if (!s.coversAnyAction() && !s.actions().contains(action)) {
                    continue;
                }
                for (int k = 0; k < s.resources().size(); k++) {
                    if (s.resources().get(k).match(path, p, s.effect()).matches()) {
                        loaded.exercised.add(name + "\0" + i + "\0" + k);
                    }
                }
            }
        }
    }

    private static Set<String> effectivePolicies(PolicySet set, Principal p) {
        Set<String> names = new LinkedHashSet<>(p.policies());
        for (String r : p.roles()) {
            set.role(r).map(Role::policies).ifPresent(names::addAll);
        }
        return names;
    }

    private static void print(PrintWriter out, PolicySet set, Result r) {
        out.println((r.passed() ? "  ok    " : "  FAIL  ") + r.test().name());
        for (Outcome o : r.outcomes()) {
            if (o.passed()) {
                continue;
            }
            Expectation e = o.expectation();
            out.println("        " + e.at().file() + ":" + e.at().line() + ": " + e.text());
            out.println("          expected: " + expected(e));
            out.println("          actual:   " + actual(o.decision()));
            for (MatchedStatement m : o.decision().matched()) {
                out.println("          matched:  " + StatementText.where(m.source(), m.policy(), m.index()) + ": "
                        + StatementText.of(set, m.policy(), m.index()) + " (policy `" + m.policy() + "`)");
            }
        }
    }

    static String expected(Expectation e) {
        return e.effect().word() + e.reason().map(r -> " (" + r.code() + ")").orElse("");
    }

    static String actual(Decision d) {
        return d.effect().word() + " (" + d.reason().code() + (d.detail().isEmpty() ? "" : ": " + d.detail()) + ")";
    }

    private static void printCoverage(PrintWriter out, Loaded loaded, boolean name) {
        SourceMap sources = loaded.set.sources();
        int statements = 0;
        int statementsHit = 0;
        int patterns = 0;
        int patternsHit = 0;
        List<String> lines = new ArrayList<>();
        for (Policy policy : loaded.set.policies()) {
            for (int i = 0; i < policy.statements().size(); i++) {
                Statement s = policy.statements().get(i);
                Optional<SourceLocation> source = sources.statement(policy.name(), i);
                List<String> missed = new ArrayList<>();
                for (int k = 0; k < s.resources().size(); k++) {
                    patterns++;
                    if (loaded.exercised.contains(policy.name() + "\0" + i + "\0" + k)) {
                        patternsHit++;
                    } else {
                        ResourcePattern rp = s.resources().get(k);
                        // where the pattern was written, from the one parse; else its statement
                        Optional<SourceLocation> at = sources.pattern(policy.name(), i, k);
                        String where = StatementText.where(at.isPresent() ? at : source, policy.name(), i);
                        missed.add("      " + where + ": pattern " + rp.text());
                    }
                }
                statements++;
                if (missed.size() < s.resources().size()) {
                    statementsHit++;
                }
                if (!missed.isEmpty()) {
                    String partly = missed.size() < s.resources().size()
                            ? " (" + (s.resources().size() - missed.size()) + " of " + s.resources().size()
                                    + " patterns exercised)"
                            : "";
                    lines.add("  " + StatementText.where(source, policy.name(), i) + ": policy `" + policy.name()
                            + "` statement " + (i + 1) + ": " + StatementText.of(s) + partly);
                    lines.addAll(missed);
                }
            }
        }
        out.println();
        out.println("coverage" + (name ? " of " + String.join(", ", loaded.paths) : "") + ": " + statementsHit + " of "
                + statements + " statements, " + patternsHit + " of " + patterns + " patterns exercised");
        if (!lines.isEmpty()) {
            out.println("not exercised:");
            lines.forEach(out::println);
        }
    }
}
