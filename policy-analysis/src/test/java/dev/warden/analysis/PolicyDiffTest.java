package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionKey;
import dev.warden.core.ConditionValue;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

    static Statement allow(String action, String... patterns) {
        return Statement.of(Effect.ALLOW, List.of(action.split(",")), List.of(patterns));
    }

    static Statement deny(String action, String... patterns) {
        return Statement.of(Effect.DENY, List.of(action.split(",")), List.of(patterns));
    }

    static PolicySet set(Policy... policies) {
        PolicySet.Builder b = PolicySet.builder();
        for (Policy p : policies) {
            b.add(p);
        }
        b.add(new Role("reader", List.of(policies[0].name())));
        return b.build();
    }

    static Statement when(Statement s, String key, Clause.Operator op, ConditionValue value) {
        return s.when(Condition.of(new Clause(ConditionKey.parse(key), op, value)));
    }

    static ConditionValue ranges(String... ranges) {
        return new ConditionValue.Ranges(java.util.Arrays.stream(ranges).map(dev.warden.core.IpRange::parse).toList());
    }

    @Test
    void widenedRange_isGranted_underTheNewCondition_withAContextThatProvesIt() {
        PolicySet before = set(new Policy("read", List.of(when(allow("view", "/w/*"), "context.ip", Clause.Operator.IN,
                ranges("10.0.0.0/16")))));
        PolicySet after = set(new Policy("read", List.of(when(allow("view", "/w/*"), "context.ip", Clause.Operator.IN,
                ranges("10.0.0.0/16", "10.1.0.0/16")))));
        PolicyDiff.Result diff = PolicyDiff.between(before, after);
        assertThat(diff.exhaustive()).isTrue();
        assertThat(diff.changes()).containsExactly(
                new Change(Change.Subject.ROLE, "reader", Change.Kind.GRANTED, "view", "/w/a", "example", Map.of(),
                        Map.of("ip", "10.1.0.0"), "view on /w/* when context.ip in 10.1.0.0/16"),
                new Change(Change.Subject.POLICY, "read", Change.Kind.GRANTED, "view", "/w/a", "example", Map.of(),
                        Map.of("ip", "10.1.0.0"), "view on /w/* when context.ip in 10.1.0.0/16"));
        assertThat(diff.changes().get(0).request())
                .isEqualTo("view /w/a by principal `example` with role `reader` and context ip=`10.1.0.0`");
    }

    @Test
    void theConditionUnderWhichAccessChanged_isWrittenAsClauses_whenItIsOneIntervalOrRange() {
        Statement later = when(allow("view", "/w/*"), "context.time", Clause.Operator.GREATER_OR_EQUAL,
                ConditionValue.literal("2027-01-01T00:00:00Z"));
        Statement earlier = when(allow("view", "/w/*"), "context.time", Clause.Operator.GREATER,
                ConditionValue.literal("2026-06-01T00:00:00Z"));
        Change c = PolicyDiff.between(set(new Policy("read", List.of(later))), set(new Policy("read", List.of(earlier))))
                .changes().get(0);
        assertThat(c.region()).isEqualTo("view on /w/* when context.time > 2026-06-01T00:00:00Z and context.time < 2027-01-01T00:00:00Z");
        assertThat(c.context()).containsEntry("time", "2026-06-01T00:00:00.000000001Z");

        Statement some = when(allow("view", "/w/*"), "principal.team", Clause.Operator.IN,
                new ConditionValue.TextList(List.of("ops", "dev")));
        Statement notQa = when(allow("view", "/w/*"), "principal.team", Clause.Operator.NOT_IN,
                new ConditionValue.TextList(List.of("qa")));
        List<Change> widened = PolicyDiff.between(set(new Policy("read", List.of(some))), set(new Policy("read", List.of(notQa))))
                .changes();
        assertThat(widened.get(0).region()).isEqualTo("view on /w/* when principal.team not in [\"ops\", \"dev\", \"qa\"]");

        Statement tenEight = when(allow("view", "/w/*"), "context.ip", Clause.Operator.IN, ranges("10.0.0.0/8"));
        Statement narrower = when(allow("view", "/w/*"), "context.ip", Clause.Operator.IN, ranges("10.0.0.0/8"))
                .when(new Condition(List.of(new Condition.Conjunction(List.of(
                        new Clause(ConditionKey.parse("context.ip"), Clause.Operator.IN, ranges("10.0.0.0/8")),
                        new Clause(ConditionKey.parse("context.ip"), Clause.Operator.NOT_IN, ranges("10.0.0.5")))))));
        Change revoked = PolicyDiff.between(set(new Policy("read", List.of(tenEight))), set(new Policy("read", List.of(narrower))))
                .changes().get(0);
        assertThat(revoked.region()).isEqualTo("view on /w/* when context.ip in 10.0.0.5");
        assertThat(revoked.context()).containsEntry("ip", "10.0.0.5");
    }

    @Test
    void tooManyClassesOfVariables_areThinned_andTheResultSaysSo() {
        List<Statement> statements = new java.util.ArrayList<>(List.of(
                allow("view", "/x/${principal.a}/${principal.b}/${principal.c}/${principal.d}")));
        for (int i = 0; i < 10; i++) {
            statements.add(allow("view", "/x/l" + i + "/l" + i + "/l" + i + "/l" + i));
        }
        PolicySet before = set(new Policy("p", statements));
        List<Statement> more = new java.util.ArrayList<>(statements);
        more.add(allow("view", "/y/*"));
        PolicyDiff.Result diff = PolicyDiff.between(before, set(new Policy("p", more)));
        assertThat(diff.exhaustive()).isFalse();
        assertThat(diff.changes()).extracting(Change::region).contains("view on /y/*");
    }

    @Test
    void equivalentConditions_haveNoChanges() {
        PolicySet before = set(new Policy("read", List.of(
                when(allow("view", "/w/*"), "context.ip", Clause.Operator.IN, ranges("10.0.0.0/8")),
                when(allow("view", "/x/*"), "principal.team", Clause.Operator.IN,
                        new ConditionValue.TextList(List.of("a", "b"))))));
        PolicySet after = set(new Policy("read", List.of(
                when(allow("view", "/w/*"), "context.ip", Clause.Operator.IN, ranges("10.0.0.0/9", "10.128.0.0/9")),
                allow("view", "/x/*").when(new Condition(List.of(
                        new Condition.Conjunction(List.of(new Clause(ConditionKey.parse("principal.team"), Clause.Operator.EQUALS,
                                new ConditionValue.Text("b")))),
                        new Condition.Conjunction(List.of(new Clause(ConditionKey.parse("principal.team"), Clause.Operator.EQUALS,
                                new ConditionValue.Text("a"))))))))));
        assertThat(PolicyDiff.between(before, after).changes()).isEmpty();
    }

    @Test
    void aConditionAddedToAnAllow_revokesWhereItIsNotTrue_aMissingValueIncluded() {
        PolicySet before = set(new Policy("read", List.of(allow("view", "/w/*"))));
        PolicySet after = set(new Policy("read", List.of(when(allow("view", "/w/*"), "principal.team", Clause.Operator.EQUALS,
                new ConditionValue.Text("ops")))));
        Change c = PolicyDiff.between(before, after).changes().get(0);
        assertThat(c.kind()).isEqualTo(Change.Kind.REVOKED);
        assertThat(c.region()).isEqualTo("view on /w/*, in part");
        assertThat(c.attributes()).doesNotContainEntry("team", "ops");
    }

    @Test
    void aConditionedDeny_revokes_alsoWhereItsValueIsMissing() {
        PolicySet before = set(new Policy("p", List.of(allow("any", "/w/**"))));
        Statement deny = when(deny("delete", "/w/**"), "context.time", Clause.Operator.GREATER_OR_EQUAL,
                ConditionValue.literal("2027-01-01T00:00:00Z"));
        PolicySet after = set(new Policy("p", List.of(allow("any", "/w/**"), deny)));
        List<Change> changes = PolicyDiff.between(before, after).changes();
        assertThat(changes).extracting(Change::kind, Change::action).containsOnly(
                org.assertj.core.groups.Tuple.tuple(Change.Kind.REVOKED, "delete"));
        // the example is the first class of context.time: no value, which a deny reads as unknown and applies
        assertThat(changes.get(0).context()).isEmpty();
        // a deny that applies from 2027 on, and also where the time is missing: allowing the time before 2027 revokes less
        PolicySet narrower = set(new Policy("p", List.of(allow("any", "/w/**"), when(deny("delete", "/w/**"), "context.time",
                Clause.Operator.GREATER_OR_EQUAL, ConditionValue.literal("2028-01-01T00:00:00Z")))));
        List<Change> granted = PolicyDiff.between(after, narrower).changes();
        assertThat(granted).extracting(Change::kind).containsOnly(Change.Kind.GRANTED);
        assertThat(granted.get(0).context()).containsEntry("time", "2027-01-01T00:00:00Z");
    }

    @Test
    void sameSets_haveNoChanges() {
        PolicySet s = set(new Policy("read", List.of(allow("view", "/workspaces/*/channels/**"))));
        assertThat(PolicyDiff.between(s, s).changes()).isEmpty();
    }

    @Test
    void reorderedOrRewrittenEquivalently_hasNoChanges() {
        PolicySet before = set(new Policy("read", List.of(allow("view", "/a/*"), allow("view", "/a/b"))));
        PolicySet after = set(new Policy("read", List.of(allow("view", "/a/*"))));
        assertThat(PolicyDiff.between(before, after).changes()).isEmpty();
    }

    @Test
    void addedPattern_isGranted_withAnExampleInsideIt() {
        PolicySet before = set(new Policy("read", List.of(allow("view", "/workspaces/*/channels"))));
        PolicySet after = set(new Policy("read", List.of(
                allow("view", "/workspaces/*/channels", "/workspaces/*/channels/*/media/*"))));
        List<Change> changes = PolicyDiff.between(before, after).changes();
        assertThat(changes).containsExactly(
                new Change(Change.Subject.ROLE, "reader", Change.Kind.GRANTED, "view", "/workspaces/a/channels/a/media/a",
                        "example", Map.of(), Map.of(), "view on /workspaces/*/channels/*/media/*"),
                new Change(Change.Subject.POLICY, "read", Change.Kind.GRANTED, "view", "/workspaces/a/channels/a/media/a",
                        "example", Map.of(), Map.of(), "view on /workspaces/*/channels/*/media/*"));
    }

    @Test
    void addedDeny_revokesPartOfAnAllow() {
        PolicySet before = set(new Policy("p", List.of(allow("any", "/workspaces/*/**"))));
        PolicySet after = set(new Policy("p", List.of(allow("any", "/workspaces/*/**"),
                deny("delete", "/workspaces/*/connectors/**"))));
        List<Change> changes = PolicyDiff.between(before, after).changes();
        assertThat(changes).extracting(Change::subject, Change::kind, Change::action, Change::region).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Change.Subject.ROLE, Change.Kind.REVOKED, "delete",
                        "delete on /workspaces/*/**, in part"),
                org.assertj.core.groups.Tuple.tuple(Change.Subject.POLICY, Change.Kind.REVOKED, "delete",
                        "delete on /workspaces/*/**, in part"));
        assertThat(changes.get(0).example()).isEqualTo("/workspaces/a/connectors/a");
    }

    @Test
    void widenedWildcard_isGrantedInPart() {
        PolicySet before = set(new Policy("p", List.of(allow("view", "/a/sms-*"))));
        PolicySet after = set(new Policy("p", List.of(allow("view", "/a/*"))));
        Change c = PolicyDiff.between(before, after).changes().get(0);
        assertThat(c.kind()).isEqualTo(Change.Kind.GRANTED);
        assertThat(c.region()).isEqualTo("view on /a/*, in part");
        assertThat(c.example()).isEqualTo("/a/a");
    }

    @Test
    void removedRole_revokesEverythingItGranted() {
        PolicySet before = set(new Policy("p", List.of(allow("view", "/a"))));
        PolicySet after = PolicySet.builder().add(new Policy("p", List.of(allow("view", "/a")))).build();
        assertThat(PolicyDiff.between(before, after).changes()).containsExactly(
                new Change(Change.Subject.ROLE, "reader", Change.Kind.REVOKED, "view", "/a", "example", Map.of(), Map.of(),
                        "view on /a"));
    }

    @Test
    void anyAction_coversANewlyDeclaredAction() {
        PolicySet before = set(new Policy("p", List.of(allow("any", "/a"))));
        PolicySet after = PolicySet.builder().declareAction("approve")
                .add(new Policy("p", List.of(allow("any", "/a")))).add(new Role("reader", List.of("p"))).build();
        assertThat(PolicyDiff.between(before, after).changes()).extracting(Change::action, Change::kind)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("approve", Change.Kind.GRANTED));
    }

    @Test
    void variables_exampleCarriesTheAttributes() {
        PolicySet before = set(new Policy("p", List.of(allow("view", "/workspaces/${principal.workspace}/channels"))));
        PolicySet after = set(new Policy("p", List.of(allow("view", "/workspaces/${principal.workspace}/channels"),
                allow("view", "/workspaces/${principal.workspace}/contacts"))));
        Change c = PolicyDiff.between(before, after).changes().get(0);
        assertThat(c.region()).isEqualTo("view on /workspaces/${principal.workspace}/contacts");
        assertThat(c.attributes()).containsKey("workspace");
        assertThat(c.example()).isEqualTo("/workspaces/" + c.attributes().get("workspace") + "/contacts");
    }

    @Test
    void missingVariable_inADeny_revokesForPrincipalsWithoutTheAttribute() {
        PolicySet before = set(new Policy("p", List.of(allow("delete", "/workspaces/*/connectors/*"))));
        PolicySet after = set(new Policy("p", List.of(allow("delete", "/workspaces/*/connectors/*"),
                deny("delete", "/workspaces/${principal.workspace}/connectors/*"))));
        List<Change> changes = PolicyDiff.between(before, after).changes();
        assertThat(changes).allMatch(c -> c.kind() == Change.Kind.REVOKED);
        // A key without the attribute loses delete on every workspace's connectors: the deny
        // matches as if its variable were `*`. The example shows such a key.
        assertThat(changes).anyMatch(c -> c.attributes().isEmpty()
                && c.example().startsWith("/workspaces/") && c.example().contains("/connectors/"));
    }
}
