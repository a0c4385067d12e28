package dev.warden.dsl;

import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Explanation;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Reason;
import dev.warden.core.SourceMap;
import dev.warden.core.Statement;
import dev.warden.dsl.PolicyTests.Expectation;
import dev.warden.dsl.PolicyTests.TestCase;
import dev.warden.dsl.PolicyTests.TestFile;
import dev.warden.dsl.TestReport.CaseReport;
import dev.warden.dsl.TestReport.Coverage;
import dev.warden.dsl.TestReport.FileReport;
import dev.warden.dsl.TestReport.Outcome;
import dev.warden.dsl.TestReport.PatternCoverage;
import dev.warden.dsl.TestReport.StatementCoverage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs {@code .wtest} expectations against a policy set ({@link PolicyTests#run}). Each request is
 * explained ({@link Explanation#of}, which decides it with {@link Authorizer#decide}); the
 * patterns the explanation found matching are what the request exercised, so that coverage and
 * {@code warden explain} agree on what matches.
 */
final class TestRunner {
    /** A pattern of a statement of a policy. */
    private record PatternKey(String policy, int statement, int pattern) {}

    private final PolicySet set;
    private final Authorizer authorizer;
    private final Set<PatternKey> exercised = new HashSet<>();

    private TestRunner(PolicySet set) {
        this.set = set;
        this.authorizer = Authorizer.builder().noCache().build(set);
    }

    static TestReport run(PolicySet set, List<TestFile> files) {
        TestRunner runner = new TestRunner(set);
        List<FileReport> reports = new ArrayList<>();
        for (TestFile f : files) {
            List<CaseReport> cases = new ArrayList<>();
            for (TestCase t : f.tests()) {
                List<Outcome> outcomes = new ArrayList<>();
                for (Expectation e : t.expectations()) {
                    outcomes.add(runner.run(e));
                }
                cases.add(new CaseReport(t, outcomes));
            }
            reports.add(new FileReport(f, cases));
        }
        return new TestReport(set, reports, runner.coverage());
    }

    private Outcome run(Expectation e) {
        Explanation x = Explanation.of(authorizer, e.request());
        Decision d = x.decision();
        boolean passed = d.effect() == e.effect() && e.reason().map(r -> r == d.reason()).orElse(true);
        exercise(x);
        return new Outcome(e, d, passed);
    }

    /**
     * Marks the patterns the request exercised: for a request that reached the statements (a
     * well-formed path, a known action, every role and policy of the principal loaded), each
     * pattern of each effective statement for the action that matches the path.
     */
    private void exercise(Explanation x) {
        Reason reason = x.decision().reason();
        if (reason == Reason.MALFORMED_REQUEST || reason == Reason.UNKNOWN_ACTION || reason == Reason.UNKNOWN_POLICY) {
            return;
        }
        for (Explanation.StatementReport s : x.statements()) {
            for (int k = 0; k < s.patterns().size(); k++) {
                if (s.patterns().get(k).matches()) {
                    exercised.add(new PatternKey(s.policy(), s.index(), k));
                }
            }
        }
    }

    private Coverage coverage() {
        SourceMap sources = set.sources();
        List<StatementCoverage> statements = new ArrayList<>();
        for (Policy policy : set.policies()) {
            for (int i = 0; i < policy.statements().size(); i++) {
                Statement s = policy.statements().get(i);
                List<PatternCoverage> patterns = new ArrayList<>();
                for (int k = 0; k < s.resources().size(); k++) {
                    patterns.add(new PatternCoverage(s.resources().get(k), sources.pattern(policy.name(), i, k),
                            exercised.contains(new PatternKey(policy.name(), i, k))));
                }
                statements.add(new StatementCoverage(policy.name(), i, s, sources.statement(policy.name(), i), patterns));
            }
        }
        return new Coverage(statements);
    }
}
