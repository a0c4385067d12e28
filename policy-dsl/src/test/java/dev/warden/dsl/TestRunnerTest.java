package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AccessRequest;
import dev.warden.core.Effect;
import dev.warden.core.PolicySet;
import dev.warden.core.Reason;
import dev.warden.core.SourceLocation;
import dev.warden.dsl.PolicyTests.TestFile;
import dev.warden.dsl.TestReport.CaseReport;
import dev.warden.dsl.TestReport.Coverage;
import dev.warden.dsl.TestReport.Outcome;
import dev.warden.dsl.TestReport.StatementCoverage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner's report and its reporters, without the CLI. */
class TestRunnerTest {
    private static final String POLICY = """
            policy orders {
                allow view on /shops/*/orders, /shops/*/orders/*
                allow refund on /shops/*/payments/*
                deny delete on /shops/**
            }
            role clerk { policies orders }
            actions refund
            """;

    private static final String TESTS = """
            test "a clerk reads orders" {
                principal c1 roles clerk
                expect allow view /shops/s1/orders
                expect deny view /shops/s1/invoices reason no_match
            }

            test "a clerk deletes an order" {
                principal c1 roles clerk
                expect allow DELETE /shops/s1/orders/o1
                expect deny view /shops/../orders reason malformed_request
            }
            """;

    private static PolicySet policies() {
        LoadResult r = PolicyLoader.loadTexts(Map.of("shop.policy", POLICY));
        assertThat(r.diagnostics()).isEmpty();
        return r.policySet().orElseThrow();
    }

    private static TestFile tests() {
        PolicyTests.Result r = PolicyTests.read("shop.wtest", TESTS);
        assertThat(r.diagnostics()).isEmpty();
        return r.testFile().orElseThrow();
    }

    private static TestReport run() {
        return PolicyTests.run(policies(), List.of(tests()));
    }

    @Test
    void expectation_holdsItsRequestAsAnAccessRequest() {
        TestFile f = tests();

        assertThat(f.tests().get(0).expectations().get(0).request())
                .isInstanceOf(AccessRequest.OnResource.class)
                .extracting(AccessRequest::verb, AccessRequest::target)
                .containsExactly("view", "/shops/s1/orders");
        assertThat(f.tests().get(1).expectations().get(0).request())
                .isInstanceOf(AccessRequest.Http.class)
                .extracting(r -> r.principal().id(), AccessRequest::verb)
                .containsExactly("c1", "DELETE");
    }

    @Test
    void run_passingCase_reportsEachDecisionAndWhereItIsWritten() {
        CaseReport reads = run().files().get(0).cases().get(0);

        assertThat(reads.passed()).isTrue();
        assertThat(reads.at().toString()).isEqualTo("shop.wtest:1:1");
        assertThat(reads.outcomes()).extracting(Outcome::passed).containsExactly(true, true);
        assertThat(reads.outcomes()).extracting(o -> o.decision().reason())
                .containsExactly(Reason.ALLOWED, Reason.NO_MATCH);
        assertThat(reads.outcomes().get(1).at().toString()).isEqualTo("shop.wtest:4:5");
    }

    @Test
    void run_failingCase_reportsTheActualDecisionAndTheStatementThatDecided() {
        TestReport report = run();
        CaseReport deletes = report.files().get(0).cases().get(1);

        assertThat(deletes.passed()).isFalse();
        Outcome failing = deletes.outcomes().get(0);
        assertThat(failing.passed()).isFalse();
        assertThat(failing.expectation().effect()).isEqualTo(Effect.ALLOW);
        assertThat(failing.decision().reason()).isEqualTo(Reason.EXPLICIT_DENY);
        assertThat(failing.decision().matched()).singleElement()
                .satisfies(m -> assertThat(m.source().map(SourceLocation::toString)).contains("shop.policy:4:5"));
        assertThat(deletes.outcomes().get(1).passed()).isTrue();
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
    }

    @Test
    void coverage_marksThePatternsAnEvaluatedRequestMatched() {
        Coverage c = run().coverage();

        assertThat(c.statements()).extracting(StatementCoverage::index).containsExactly(0, 1, 2);
        StatementCoverage view = c.statements().get(0);
        assertThat(view.patterns()).extracting(p -> p.exercised()).containsExactly(true, false);
        assertThat(view.patterns().get(1).source().map(SourceLocation::toString)).contains("shop.policy:2:36");
        assertThat(c.statements().get(1).exercised()).isFalse();
        // the deny decided the DELETE; the malformed request exercised nothing
        assertThat(c.statements().get(2).exercised()).isTrue();
        assertThat(c.statementsExercised()).isEqualTo(2);
        assertThat(c.patterns()).isEqualTo(4);
        assertThat(c.patternsExercised()).isEqualTo(2);
    }

    @Test
    void reporters_printTheReportAsWardenTestDoes() {
        TestReport report = run();

        assertThat(TestReporter.text(report.policies(), report.files().get(0)) + TestReporter.summary(1, 1)).isEqualTo("""
                shop.wtest
                  ok    a clerk reads orders
                  FAIL  a clerk deletes an order
                        shop.wtest:9: expect allow DELETE /shops/s1/orders/o1
                          expected: allow
                          actual:   deny (explicit_deny)
                          matched:  shop.policy:4:5: deny delete on /shops/** (policy `orders`)

                1 passed, 1 failed
                """);
        assertThat(TestReporter.coverage(report.coverage(), Optional.empty())).isEqualTo("""

                coverage: 2 of 3 statements, 2 of 4 patterns exercised
                not exercised:
                  shop.policy:2:5: policy `orders` statement 1: allow view on /shops/*/orders, /shops/*/orders/* (1 of 2 patterns exercised)
                      shop.policy:2:36: pattern /shops/*/orders/*
                  shop.policy:3:5: policy `orders` statement 2: allow refund on /shops/*/payments/*
                      shop.policy:3:21: pattern /shops/*/payments/*
                """);
    }

    @Test
    void junit_failingCase_hasOneFailureWithTheExpectation() {
        String xml = TestReporter.junit(run().files());

        assertThat(xml).contains("<testsuites name=\"warden test\" tests=\"2\" failures=\"1\" errors=\"0\">")
                .contains("<testcase name=\"a clerk reads orders\" classname=\"shop.wtest\" file=\"shop.wtest\" line=\"1\"/>")
                .contains("<failure type=\"expectation\" message=\"shop.wtest:9: expected allow, got deny (explicit_deny)\">");
    }

    @Test
    void junit_escapesNamesThatAreNotXml() {
        assertThat(TestReporter.escape("a <b> & \"c\"\u0001")).isEqualTo("a &lt;b&gt; &amp; &quot;c&quot;?");
    }
}
