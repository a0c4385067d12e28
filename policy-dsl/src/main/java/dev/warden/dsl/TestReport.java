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
    /**
     * Requires each part and copies the files' reports.
     *
     * @param policies the policy set the tests ran against
     * @param files one report per test file
     * @param coverage what the expectations exercised
     */
    public TestReport {
        Objects.requireNonNull(policies, "policies");
        files = List.copyOf(files);
        Objects.requireNonNull(coverage, "coverage");
    }

    /**
     * The number of tests that passed, in every file.
     *
     * @return the count of passing tests
     */
    public int passed() {
        return files.stream().mapToInt(f -> f.cases().size() - f.failed()).sum();
    }

    /**
     * The number of tests that failed, in every file.
     *
     * @return the count of failing tests; {@code warden test} exits 1 when it is not 0
     */
    public int failed() {
        return files.stream().mapToInt(FileReport::failed).sum();
    }

    /**
     * The tests of one file, in file order.
     *
     * @param file the test file
     * @param cases one report per test, in file order
     */
    public record FileReport(TestFile file, List<CaseReport> cases) {
        /**
         * Requires the file and copies the reports.
         *
         * @param file the test file
         * @param cases one report per test
         */
        public FileReport {
            Objects.requireNonNull(file, "file");
            cases = List.copyOf(cases);
        }

        /**
         * The number of its tests that failed.
         *
         * @return the count of failing tests in this file
         */
        public int failed() {
            return (int) cases.stream().filter(c -> !c.passed()).count();
        }
    }

    /**
     * One test and the outcome of each of its expectations, in order; it passes when every one does.
     *
     * @param test the test
     * @param outcomes one per expectation, in order
     */
    public record CaseReport(TestCase test, List<Outcome> outcomes) {
        /**
         * Requires the test and copies the outcomes.
         *
         * @param test the test
         * @param outcomes one per expectation
         */
        public CaseReport {
            Objects.requireNonNull(test, "test");
            outcomes = List.copyOf(outcomes);
        }

        /**
         * Whether the test passed.
         *
         * @return true when every expectation passed
         */
        public boolean passed() {
            return outcomes.stream().allMatch(Outcome::passed);
        }

        /**
         * Where the test starts (<code>test "..." {</code>).
         *
         * @return the test's place
         */
        public SourceLocation at() {
            return test.at();
        }
    }

    /**
     * One expectation and the decision its request got.
     *
     * @param expectation the {@code expect} line
     * @param decision the decision its request got
     * @param passed whether the decision has the expected effect, and the expected reason when the
     *     expectation names one
     */
    public record Outcome(Expectation expectation, Decision decision, boolean passed) {
        /**
         * Requires the expectation and the decision.
         *
         * @param expectation the {@code expect} line
         * @param decision the decision its request got
         * @param passed whether the decision is the one expected
         */
        public Outcome {
            Objects.requireNonNull(expectation, "expectation");
            Objects.requireNonNull(decision, "decision");
        }

        /**
         * Where the expectation is written.
         *
         * @return the place of the line's {@code expect}
         */
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
        /**
         * Copies the statements' coverage.
         *
         * @param statements every statement of the set
         */
        public Coverage {
            statements = List.copyOf(statements);
        }

        /**
         * The number of statements exercised.
         *
         * @return how many statements had at least one pattern exercised
         */
        public int statementsExercised() {
            return (int) statements.stream().filter(StatementCoverage::exercised).count();
        }

        /**
         * The number of patterns, over every statement.
         *
         * @return the count of patterns of the set's statements
         */
        public int patterns() {
            return statements.stream().mapToInt(s -> s.patterns().size()).sum();
        }

        /**
         * The number of patterns exercised, over every statement.
         *
         * @return how many patterns matched the path of an evaluated request
         */
        public int patternsExercised() {
            return statements.stream().mapToInt(StatementCoverage::patternsExercised).sum();
        }
    }

    /**
     * One statement and which of its patterns were exercised.
     *
     * @param policy the name of the statement's policy
     * @param index the statement's index in its policy, from 0
     * @param statement the statement
     * @param source where the statement was written, when known
     * @param patterns one per pattern, in the statement's order
     */
    public record StatementCoverage(String policy, int index, Statement statement, Optional<SourceLocation> source,
            List<PatternCoverage> patterns) {
        /**
         * Requires each part and copies the patterns' coverage.
         *
         * @param policy the name of the statement's policy
         * @param index the statement's index in its policy, from 0
         * @param statement the statement
         * @param source where the statement was written, or empty
         * @param patterns one per pattern
         */
        public StatementCoverage {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(source, "source");
            patterns = List.copyOf(patterns);
        }

        /**
         * Whether at least one of its patterns was exercised.
         *
         * @return true when {@link #patternsExercised()} is not 0
         */
        public boolean exercised() {
            return patternsExercised() > 0;
        }

        /**
         * The number of its patterns exercised.
         *
         * @return how many of its patterns matched the path of an evaluated request
         */
        public int patternsExercised() {
            return (int) patterns.stream().filter(PatternCoverage::exercised).count();
        }
    }

    /**
     * One pattern of a statement.
     *
     * @param pattern the pattern
     * @param source where the pattern was written, when known (not for Bird JSON, nor for a
     *     pattern the statement repeats)
     * @param exercised whether it matched the path of an evaluated request for its statement
     */
    public record PatternCoverage(ResourcePattern pattern, Optional<SourceLocation> source, boolean exercised) {
        /**
         * Requires the pattern and its place.
         *
         * @param pattern the pattern
         * @param source where the pattern was written, or empty
         * @param exercised whether it matched
         */
        public PatternCoverage {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(source, "source");
        }
    }
}
