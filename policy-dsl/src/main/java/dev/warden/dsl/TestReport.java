package dev.warden.dsl;

import dev.warden.core.Decision;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
import dev.warden.dsl.PolicyTests.Expectation;
import dev.warden.dsl.PolicyTests.TestCase;
import dev.warden.dsl.PolicyTests.TestFile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PolicyTests#run} found: every test of every file with the decision each expectation
 * got, and the coverage of the policy set. {@link TestReporter} prints it as {@code warden test}
 * does; a JUnit suite can turn each {@link CaseReport} into a test of its own (docs/testing.md).
 *
 * @param policies the policy set the tests ran against
 * @param files one report per test file, in the order given
 * @param coverage what the expectations exercised of {@code policies}
 */
public record TestReport(PolicySet policies, List<FileReport> files, Coverage coverage) {
    public TestReport {
        Objects.requireNonNull(policies, "policies");
        files = List.copyOf(files);
        Objects.requireNonNull(coverage, "coverage");
    }

    /** The number of tests that passed, in every file. */
    public int passed() {
        return files.stream().mapToInt(f -> f.cases().size() - f.failed()).sum();
    }

    /** The number of tests that failed, in every file. */
    public int failed() {
        return files.stream().mapToInt(FileReport::failed).sum();
    }

    /** The tests of one file, in file order. */
    public record FileReport(TestFile file, List<CaseReport> cases) {
        public FileReport {
            Objects.requireNonNull(file, "file");
            cases = List.copyOf(cases);
        }

        /** The number of its tests that failed. */
        public int failed() {
            return (int) cases.stream().filter(c -> !c.passed()).count();
        }
    }

    /** One test and the outcome of each of its expectations, in order; it passes when every one does. */
    public record CaseReport(TestCase test, List<Outcome> outcomes) {
        public CaseReport {
            Objects.requireNonNull(test, "test");
            outcomes = List.copyOf(outcomes);
        }

        public boolean passed() {
            return outcomes.stream().allMatch(Outcome::passed);
        }

        /** Where the test starts (<code>test "..." {</code>). */
        public SourceLocation at() {
            return test.at();
        }
    }

    /**
     * One expectation and the decision its request got.
     *
     * @param passed whether the decision has the expected effect, and the expected reason when the
     *     expectation names one
     */
    public record Outcome(Expectation expectation, Decision decision, boolean passed) {
        public Outcome {
            Objects.requireNonNull(expectation, "expectation");
            Objects.requireNonNull(decision, "decision");
        }

        /** Where the expectation is written. */
        public SourceLocation at() {
            return expectation.at();
        }
    }

    /**
     * Which statements and patterns of the policy set the expectations exercised (docs/testing.md,
     * {@code --coverage}, has the definition).
     *
     * @param statements every statement of the set, in policy-set then statement order
     */
    public record Coverage(List<StatementCoverage> statements) {
        public Coverage {
            statements = List.copyOf(statements);
        }

        public int statementsExercised() {
            return (int) statements.stream().filter(StatementCoverage::exercised).count();
        }

        public int patterns() {
            return statements.stream().mapToInt(s -> s.patterns().size()).sum();
        }

        public int patternsExercised() {
            return statements.stream().mapToInt(StatementCoverage::patternsExercised).sum();
        }
    }

    /**
     * One statement and which of its patterns were exercised.
     *
     * @param index the statement's index in its policy, from 0
     * @param source where the statement was written, when known
     * @param patterns one per pattern, in the statement's order
     */
    public record StatementCoverage(String policy, int index, Statement statement, Optional<SourceLocation> source,
            List<PatternCoverage> patterns) {
        public StatementCoverage {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(source, "source");
            patterns = List.copyOf(patterns);
        }

        /** Whether at least one of its patterns was exercised. */
        public boolean exercised() {
            return patternsExercised() > 0;
        }

        public int patternsExercised() {
            return (int) patterns.stream().filter(PatternCoverage::exercised).count();
        }
    }

    /**
     * One pattern of a statement.
     *
     * @param source where the pattern was written, when known (not for Bird JSON, nor for a
     *     pattern the statement repeats)
     * @param exercised whether it matched the path of an evaluated request for its statement
     */
    public record PatternCoverage(ResourcePattern pattern, Optional<SourceLocation> source, boolean exercised) {
        public PatternCoverage {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(source, "source");
        }
    }
}
