package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Explanation.Outcome;
import dev.warden.core.Explanation.StatementReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationTest {
    /**
     * {@code read}: view channels and below; {@code send}: create messages; {@code no-connectors}:
     * deny writes below connectors; {@code own}: anything in the principal's own workspace. Roles
     * {@code reader} (read) and {@code sender} (read, send, no-connectors). Each policy is in its own
     * file, its statements on lines 2, 3... at column 5.
     */
    private static final PolicySet SET = PolicySet.builder()
            .add(policy("read",
                    Statement.of(Effect.ALLOW, List.of("view"), List.of("/workspaces/*/channels", "/workspaces/*/channels/*")),
                    Statement.of(Effect.ALLOW, List.of("view"), List.of("/workspaces/*/channels/*/messages/**"))),
                    sourcesIn("read.policy", 2))
            .add(policy("send",
                    Statement.of(Effect.ALLOW, List.of("create"), List.of("/workspaces/*/channels/*/messages"))),
                    sourcesIn("send.policy", 1))
            .add(policy("no-connectors",
                    Statement.of(Effect.DENY, List.of("create", "update", "delete"), List.of("/workspaces/*/connectors/**"))),
                    sourcesIn("deny.policy", 1))
            .add(policy("own",
                    Statement.of(Effect.ALLOW, List.of("any"), List.of("/workspaces/${principal.workspace}/**"))),
                    sourcesIn("own.policy", 1))
            .add(new Role("reader", List.of("read")))
            .add(new Role("sender", List.of("read", "send", "no-connectors")))
            .build();

    private final Authorizer authorizer = Authorizer.builder().noCache().build(SET);

    private static Policy policy(String name, Statement... statements) {
        return new Policy(name, List.of(statements));
    }

    private static SourceMap.PolicySources sourcesIn(String file, int statements) {
        List<SourceMap.StatementSources> at = new ArrayList<>();
        for (int i = 0; i < statements; i++) {
            at.add(SourceMap.StatementSources.at(new SourceLocation(file, i + 2, 5)));
        }
        return new SourceMap.PolicySources(new SourceLocation(file, 1, 8), at);
    }

    private Explanation explain(Principal p, String action, String resource) {
        return Explanation.of(authorizer, new AccessRequest.OnResource(p, action, resource));
    }

    private static List<String> sources(List<StatementReport> reports) {
        return reports.stream().map(r -> r.source().map(SourceLocation::toString).orElse("")).toList();
    }

    @Test
    void allow_groupsStatementsByWhatTheyDid() {
        Explanation e = explain(Principal.builder("k").role("sender").build(), "view", "/workspaces/w1/channels/c1");

        assertThat(e.decision().reason()).isEqualTo(Reason.ALLOWED);
        assertThat(e.effectivePolicies()).containsExactly("read", "send", "no-connectors");
        assertThat(sources(e.with(Outcome.MATCHES))).containsExactly("read.policy:2:5");
        assertThat(sources(e.with(Outcome.NO_MATCH))).containsExactly("read.policy:3:5");
        assertThat(sources(e.with(Outcome.OTHER_ACTION))).containsExactly("send.policy:2:5", "deny.policy:2:5");
        assertThat(e.consistent()).isTrue();
    }

    @Test
    void noMatch_saysWhereEachPatternStopped() {
        Explanation e = explain(Principal.builder("k").role("reader").build(), "view",
                "/workspaces/w1/channels/c1/messages");

        assertThat(e.decision().reason()).isEqualTo(Reason.NO_MATCH);
        StatementReport first = e.with(Outcome.NO_MATCH).get(0);
        assertThat(first.patterns()).extracting(Explanation.PatternReport::stoppedAt).containsExactly(3, 4);
        assertThat(first.patterns().get(1).why()).contains("does not cover its children");
        StatementReport second = e.with(Outcome.NO_MATCH).get(1);
        assertThat(second.patterns().get(0).why()).contains("`**` needs at least one more segment");
        assertThat(e.consistent()).isTrue();
    }

    @Test
    void explicitDeny_isListedAmongTheMatches() {
        Explanation e = explain(Principal.builder("k").role("sender").policy("own").attribute("workspace", "w1").build(),
                "delete", "/workspaces/w1/connectors/k1");

        assertThat(e.decision().reason()).isEqualTo(Reason.EXPLICIT_DENY);
        assertThat(sources(e.with(Outcome.MATCHES))).containsExactly("deny.policy:2:5", "own.policy:2:5");
        assertThat(e.consistent()).isTrue();
    }

    @Test
    void unknownRole_isReported_andKnownPoliciesAreStillExplained() {
        Explanation e = explain(Principal.builder("k").role("reader").role("ghost").policy("nope").build(), "view",
                "/workspaces/w1/channels");

        assertThat(e.decision().reason()).isEqualTo(Reason.UNKNOWN_POLICY);
        assertThat(e.roles()).extracting(Explanation.RoleReport::loaded).containsExactly(true, false);
        assertThat(e.directPolicies()).containsExactly(new Explanation.PolicyReport("nope", false));
        assertThat(e.effectivePolicies()).containsExactly("read");
        assertThat(e.with(Outcome.MATCHES)).hasSize(1);
        assertThat(e.consistent()).isTrue();
    }

    @Test
    void malformedPath_evaluatesNoStatement() {
        Explanation e = explain(Principal.builder("k").role("reader").build(), "view", "/workspaces/../channels");

        assertThat(e.decision().reason()).isEqualTo(Reason.MALFORMED_REQUEST);
        assertThat(e.statements()).allMatch(s -> s.outcome() == Outcome.NOT_EVALUATED);
        assertThat(e.consistent()).isTrue();
    }

    @Test
    void unknownAction_evaluatesNoStatement() {
        Explanation e = explain(Principal.builder("k").role("reader").build(), "veiw", "/workspaces/w1/channels");

        assertThat(e.actionKnown()).isFalse();
        assertThat(e.statements()).allMatch(s -> s.outcome() == Outcome.NOT_EVALUATED);
        assertThat(e.consistent()).isTrue();
    }

    @Test
    void httpMethod_mapsToItsAction() {
        Explanation e = Explanation.of(authorizer,
                new AccessRequest.Http(Principal.builder("k").role("sender").build(), "POST", "/workspaces/w1/channels/c1/messages?x=1"));

        assertThat(e.action()).isEqualTo("create");
        assertThat(e.path().canonical()).isEqualTo("/workspaces/w1/channels/c1/messages");
        assertThat(e.decision().reason()).isEqualTo(Reason.ALLOWED);
        assertThat(e.consistent()).isTrue();
    }

    @Test
    void missingVariable_makesTheAllowFail() {
        Explanation e = explain(Principal.builder("k").policy("own").build(), "view", "/workspaces/w1/channels");

        assertThat(e.decision().reason()).isEqualTo(Reason.NO_MATCH);
        assertThat(e.with(Outcome.NO_MATCH).get(0).patterns().get(0).why()).contains("has no value for");
        assertThat(e.consistent()).isTrue();
    }
}
