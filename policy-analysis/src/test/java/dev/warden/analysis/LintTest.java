package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.SourceMap;
import dev.warden.core.Statement;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.Related;
import dev.warden.core.diagnostic.Severity;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One set that triggers each rule and one that does not, for every rule. */
class LintTest {

    static Statement st(Effect e, String actions, String... patterns) {
        return Statement.of(e, List.of(actions.split(",")), List.of(patterns));
    }

    static Statement allow(String actions, String... patterns) {
        return st(Effect.ALLOW, actions, patterns);
    }

    static Statement deny(String actions, String... patterns) {
        return st(Effect.DENY, actions, patterns);
    }

    /** The set with its policies all in one role, so that unused-policy stays quiet. */
    static PolicySet inRole(Policy... policies) {
        PolicySet.Builder b = PolicySet.builder();
        List<String> names = new java.util.ArrayList<>();
        for (Policy p : policies) {
            b.add(p, sources(p));
            names.add(p.name());
        }
        return b.add(new Role("all", names), at(90, 1)).build();
    }

    static SourceLocation at(int line, int column) {
        return new SourceLocation("f.policy", line, column);
    }

    /** The policy at line 1, its statements on the lines after it. */
    static SourceMap.PolicySources sources(Policy p) {
        List<SourceMap.StatementSources> s = new java.util.ArrayList<>();
        for (int i = 0; i < p.statements().size(); i++) {
            s.add(SourceMap.StatementSources.at(at(i + 2, 5)));
        }
        return new SourceMap.PolicySources(at(1, 1), s);
    }

    static String where(Diagnostic f) {
        return f.location().map(SourceLocation::toString).orElse("");
    }

    /** The rule a finding is of. */
    static Rule rule(Diagnostic d) {
        return Rule.of(d).orElseThrow();
    }

    static List<Rule> rules(PolicySet set) {
        return Lint.analyze(set).stream().map(LintTest::rule).toList();
    }

    /** A statement with the condition written in the policy language's form, parsed by the core's readers. */
    static Statement when(Statement s, String key, dev.warden.core.Clause.Operator op, String literal) {
        return s.when(dev.warden.core.Condition.of(clause(key, op, literal)));
    }

    static dev.warden.core.Clause clause(String key, dev.warden.core.Clause.Operator op, String literal) {
        dev.warden.core.ConditionValue v = literal.startsWith("\"")
                ? new dev.warden.core.ConditionValue.Text(literal.substring(1, literal.length() - 1))
                : new dev.warden.core.ConditionValue.Ranges(java.util.Arrays.stream(literal.split(","))
                        .map(dev.warden.core.IpRange::parse).toList());
        return new dev.warden.core.Clause(dev.warden.core.ConditionKey.parse(key), op, v);
    }

    static dev.warden.core.Condition and(dev.warden.core.Clause... clauses) {
        return dev.warden.core.Condition.allOf(List.of(clauses));
    }

    @Nested
    class Conditions {
        private static final dev.warden.core.Clause.Operator IN = dev.warden.core.Clause.Operator.IN;
        private static final dev.warden.core.Clause.Operator NOT_IN = dev.warden.core.Clause.Operator.NOT_IN;

        @Test
        void disjointRanges_neverHold_andTheAllowIsReportedOnlyForThat() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view", "/a/*").when(and(clause("context.ip", IN, "10.0.0.0/8"), clause("context.ip", IN, "192.168.0.0/16"))),
                    allow("view", "/a/*"))));
            assertThat(rules(set)).containsExactly(Rule.CONDITION_NEVER_HOLDS);
        }

        @Test
        void rangesMeetingInOneAddress_canHold() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view", "/a/*").when(and(clause("context.ip", IN, "10.0.0.0/8"), clause("context.ip", IN, "10.255.255.255"))))));
            assertThat(rules(set)).isEmpty();
        }

        @Test
        void aStringInAndNotInTheSameList_neverHolds_butInOneAndNotInAnotherCan() {
            PolicySet never = inRole(new Policy("p", List.of(allow("view", "/a/*").when(and(
                    clause("principal.team", IN, "\"ops\""), clause("principal.team", NOT_IN, "\"ops\""))))));
            PolicySet can = inRole(new Policy("p", List.of(allow("view", "/a/*").when(and(
                    clause("principal.team", IN, "\"ops\""), clause("principal.team", NOT_IN, "\"dev\""))))));
            assertThat(rules(never)).containsExactly(Rule.CONDITION_NEVER_HOLDS);
            assertThat(rules(can)).isEmpty();
        }

        @Test
        void everyAddress_alwaysHolds_butOneAddressLessDoesNot() {
            PolicySet always = inRole(new Policy("p", List.of(
                    when(allow("view", "/a/*"), "context.ip", IN, "0.0.0.0/0,::/0"))));
            PolicySet oneLess = inRole(new Policy("p", List.of(allow("view", "/a/*").when(and(
                    clause("context.ip", IN, "0.0.0.0/0,::/0"), clause("context.ip", NOT_IN, "2001:db8::7"))))));
            assertThat(rules(always)).containsExactly(Rule.CONDITION_ALWAYS_HOLDS);
            assertThat(rules(oneLess)).isEmpty();
        }

        @Test
        void anIpv6Range_holdsNoIpv4Address_soEveryIpv4AddressIsNotInIt() {
            // `not in ::/0` is true of every IPv4 address (a mapped one included), false of every IPv6 one
            PolicySet set = inRole(new Policy("p", List.of(allow("view", "/a/*").when(and(
                    clause("context.ip", NOT_IN, "::/0"), clause("context.ip", IN, "0.0.0.0/0"))))));
            assertThat(rules(set)).isEmpty();
        }

        @Test
        void aConditionedDeny_thatCoversTheAllowsCondition_shadowsIt_andOneThatDoesNot_doesNot() {
            PolicySet shadowed = inRole(new Policy("p", List.of(
                    when(allow("update", "/a/*"), "context.ip", NOT_IN, "10.0.0.0/8"),
                    when(deny("update", "/a/*"), "context.ip", NOT_IN, "10.0.0.0/16"))));
            PolicySet open = inRole(new Policy("p", List.of(
                    when(allow("update", "/a/*"), "context.ip", IN, "10.0.0.0/8"),
                    when(deny("update", "/a/*"), "context.ip", NOT_IN, "10.0.0.0/16"))));
            assertThat(rules(shadowed)).containsExactly(Rule.SHADOWED_ALLOW);
            assertThat(rules(open)).isEmpty();
        }

        @Test
        void aDenyWithAMissingValue_stillApplies_soItShadowsAnAllowThatNeedsThatValue() {
            // the allow needs team == ops; the deny applies where team != ops, and where team is missing
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view", "/a/*"),
                    when(deny("view", "/a/*"), "principal.team", dev.warden.core.Clause.Operator.NOT_EQUALS, "\"ops\""))));
            // not shadowed: team == ops passes the deny
            assertThat(rules(set)).isEmpty();
            PolicySet covered = inRole(new Policy("p", List.of(
                    when(allow("view", "/a/*"), "principal.team", dev.warden.core.Clause.Operator.NOT_EQUALS, "\"ops\""),
                    when(deny("view", "/a/*"), "principal.team", dev.warden.core.Clause.Operator.NOT_EQUALS, "\"ops\""))));
            assertThat(rules(covered)).containsExactly(Rule.SHADOWED_ALLOW);
        }

        @Test
        void anAllowUnderAConditionIsCoveredByTheSameAllowWithout() {
            PolicySet set = inRole(new Policy("p", List.of(
                    when(allow("view", "/a/*"), "context.ip", IN, "10.0.0.0/8"),
                    allow("view", "/a/*"))));
            List<Diagnostic> f = Lint.analyze(set);
            assertThat(f).extracting(LintTest::rule).containsExactly(Rule.REDUNDANT_STATEMENT);
            assertThat(where(f.get(0))).isEqualTo("f.policy:2:5");
        }

        @Test
        void aDenyWhoseConditionOnlyMeetsNoAllow_overridesNothing() {
            PolicySet set = inRole(new Policy("p", List.of(
                    when(allow("view", "/a/*"), "context.ip", IN, "10.0.0.0/8"),
                    when(deny("view", "/a/*"), "context.ip", IN, "192.168.0.0/16"))));
            // the deny applies in 192.168.0.0/16 and where context.ip is missing or no address, the allow in
            // 10.0.0.0/8 only: no request gets both
            assertThat(rules(set)).containsExactly(Rule.UNUSED_DENY);
        }
    }

    @Nested
    class Redundancy {
        @Test
        void coveredStatement_isRedundant_namingTheCover() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view,create", "/workspaces/*/channels/**"),
                    allow("view", "/workspaces/w1/channels/*/messages"))));
            List<Diagnostic> f = Lint.analyze(set);
            assertThat(f).extracting(LintTest::rule).containsExactly(Rule.REDUNDANT_STATEMENT);
            assertThat(f.get(0).related()).extracting(Related::location).containsExactly(at(2, 5));
            assertThat(f.get(0).location()).contains(at(3, 5));
            assertThat(f.get(0).message()).isEqualTo("statement 2 of policy `p` is covered by statement 1 (f.policy:2:5)");
        }

        @Test
        void unionOfOthers_orWiderAction_isNotRedundant() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view", "/a/*"),
                    allow("view,delete", "/a/b"),
                    allow("view,delete", "/b/x"), allow("view,delete", "/b/y"), allow("view", "/b/x", "/b/y"))));
            assertThat(rules(set)).doesNotContain(Rule.REDUNDANT_STATEMENT);
        }

        @Test
        void equivalentStatements_reportOnlyTheLater() {
            PolicySet set = inRole(new Policy("p", List.of(allow("any", "/a/*"), allow("view,create,update,delete", "/a/*"))));
            List<Diagnostic> f = Lint.analyze(set);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(rule(x)).isEqualTo(Rule.REDUNDANT_STATEMENT);
                assertThat(x.location()).contains(at(3, 5));
            });
        }

        @Test
        void variables_mustBeCoveredForEveryPrincipal() {
            PolicySet covered = inRole(new Policy("p", List.of(
                    allow("view", "/w/*/x"), allow("view", "/w/${principal.workspace}/x"))));
            PolicySet notCovered = inRole(new Policy("p", List.of(
                    allow("view", "/w/w1/x"), allow("view", "/w/${principal.workspace}/x"))));
            assertThat(rules(covered)).containsExactly(Rule.REDUNDANT_STATEMENT);
            assertThat(rules(notCovered)).isEmpty();
        }

        @Test
        void duplicate_isItsOwnRule() {
            PolicySet set = inRole(new Policy("p", List.of(allow("view", "/a"), allow("view", "/a"))));
            List<Diagnostic> f = Lint.analyze(set);
            assertThat(f).extracting(LintTest::rule).containsExactly(Rule.DUPLICATE_STATEMENT);
            assertThat(f.get(0).message()).isEqualTo("statement 2 of policy `p` repeats statement 1");
        }
    }

    @Nested
    class Shadowing {
        @Test
        void allowCoveredByDeniesInItsPolicy_isShadowed() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("delete", "/workspaces/*/connectors/*"),
                    deny("delete,update", "/workspaces/*/connectors/**"))));
            assertThat(rules(set)).contains(Rule.SHADOWED_ALLOW);
            Diagnostic shadowed = Lint.analyze(set).stream().filter(x -> rule(x) == Rule.SHADOWED_ALLOW).findFirst()
                    .orElseThrow();
            assertThat(shadowed.related()).extracting(Related::location).containsExactly(at(3, 5));
        }

        @Test
        void allowCoveredByDeniesOfAnotherPolicyOfARole_isShadowedInThatRole() {
            PolicySet set = inRole(
                    new Policy("grant", List.of(allow("delete", "/workspaces/*/connectors/*"))),
                    new Policy("guard", List.of(deny("any", "/workspaces/*/connectors/*"))));
            List<Diagnostic> f = Lint.analyze(set).stream().filter(x -> rule(x) == Rule.SHADOWED_ALLOW).toList();
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.message()).startsWith("statement 1 of policy `grant` can never take effect in role `all`");
            });
        }

        @Test
        void partlyDenied_isNotShadowed() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view,delete", "/workspaces/*/connectors/*"),
                    deny("delete", "/workspaces/*/connectors/*"))));
            assertThat(rules(set)).doesNotContain(Rule.SHADOWED_ALLOW);
        }
    }

    @Nested
    class UnusedDeny {
        @Test
        void denyOfNothingAllowed_isInfo() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view", "/workspaces/*/channels"),
                    deny("delete", "/workspaces/*/connectors/**"))));
            List<Diagnostic> f = Lint.analyze(set);
            assertThat(f).extracting(LintTest::rule).containsExactly(Rule.UNUSED_DENY);
            assertThat(f.get(0).severity()).isEqualTo(Severity.INFO);
        }

        @Test
        void denyOverridingAnotherPolicysAllow_isUsed() {
            PolicySet set = inRole(
                    new Policy("admin", List.of(allow("any", "/workspaces/*/**"))),
                    new Policy("guard", List.of(deny("delete", "/workspaces/*/connectors/**"))));
            assertThat(rules(set)).doesNotContain(Rule.UNUSED_DENY);
        }
    }

    @Nested
    class Overbroad {
        @Test
        void writesNearTheRoot_areOverbroad() {
            for (String pattern : List.of("/**", "/workspaces/**", "/workspaces/*/**", "/workspaces/w1/**")) {
                PolicySet set = inRole(new Policy("p", List.of(allow("create", pattern))));
                assertThat(rules(set)).as(pattern).contains(Rule.OVERBROAD_WRITE);
            }
        }

        @Test
        void readsOrDeeperWrites_areNot() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view", "/workspaces/**"),
                    allow("update", "/workspaces/*/channels/**"),
                    allow("any", "/workspaces/*/channels/*"))));
            assertThat(rules(set)).doesNotContain(Rule.OVERBROAD_WRITE);
        }
    }

    @Nested
    class RolesAndPolicies {
        @Test
        void emptyRole_andUnusedPolicy() {
            PolicySet set = PolicySet.builder()
                    .add(new Policy("lonely", List.of(allow("view", "/a"))), new SourceMap.PolicySources(at(1, 8),
                            List.of(SourceMap.StatementSources.at(at(2, 5)))))
                    .add(new Role("nobody", List.of()), at(5, 6))
                    .build();
            List<Diagnostic> f = Lint.analyze(set);
            assertThat(f).extracting(LintTest::rule)
                    .containsExactly(Rule.UNUSED_POLICY, Rule.EMPTY_ROLE);
            assertThat(f).extracting(LintTest::where).containsExactly("f.policy:1:8", "f.policy:5:6");
        }

        @Test
        void policiesInRoles_andNonEmptyRoles_areQuiet() {
            assertThat(Lint.analyze(inRole(new Policy("p", List.of(allow("view", "/a")))))).isEmpty();
        }
    }

    @Nested
    class WithSchema {
        final List<Operation> api = Operation.parseList("api.txt", """
                # the channels API
                GET /workspaces/{workspaceId}/channels
                GET /workspaces/{workspaceId}/channels/{channelId}
                POST /workspaces/{workspaceId}/channels/{channelId}/messages
                DELETE /workspaces/{workspaceId}/connectors/{connectorId}
                """);

        @Test
        void findings_areOrderedByLineNumber_notByText() {
            StringBuilder list = new StringBuilder();
            for (int i = 1; i <= 12; i++) {
                list.append(i == 3 || i == 12 ? "DELETE /workspaces/{workspaceId}/x" + i : "# line " + i).append('\n');
            }
            List<Diagnostic> f = Lint.analyze(inRole(new Policy("p", List.of(allow("view", "/a")))),
                    Operation.parseList("api.txt", list.toString()));
            assertThat(f).extracting(LintTest::where).containsExactly("api.txt:3:1", "api.txt:12:1", "f.policy:2:5");
        }

        @Test
        void findings_withoutAPlace_comeFirst() {
            PolicySet set = PolicySet.builder()
                    .add(new Policy("lonely", List.of(allow("view", "/a"))), sources(
                            new Policy("lonely", List.of(allow("view", "/a")))))
                    .add(new Role("nobody", List.of()))
                    .build();
            assertThat(Lint.analyze(set)).extracting(LintTest::where).containsExactly("", "f.policy:1:1");
        }

        @Test
        void patternMatchingNoOperation_andUnreachableOperation() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view", "/workspaces/*/channels", "/workspaces/*/chanels/*"),
                    allow("create", "/workspaces/*/channels/*/messages"))));
            List<Diagnostic> f = Lint.analyze(set, api);
            // ordered by where they were written: the schema file sorts before the policy file
            assertThat(f).extracting(LintTest::rule).containsExactly(
                    Rule.UNREACHABLE_OPERATION, Rule.UNREACHABLE_OPERATION, Rule.UNMATCHED_PATTERN);
            assertThat(f).extracting(LintTest::where).containsExactly("api.txt:3:1", "api.txt:5:1", "f.policy:2:5");
            assertThat(f.get(0).message()).isEqualTo("no role allows `GET /workspaces/{workspaceId}/channels/{channelId}`");
            assertThat(f.get(2).message()).contains("`/workspaces/*/chanels/*`");
        }

        @Test
        void coveredApi_isQuiet() {
            PolicySet set = inRole(new Policy("p", List.of(
                    allow("view", "/workspaces/*/channels", "/workspaces/*/channels/*"),
                    allow("create", "/workspaces/*/channels/*/messages"),
                    allow("delete", "/workspaces/${principal.workspace}/connectors/*"))));
            assertThat(Lint.analyze(set, api)).isEmpty();
        }

        @Test
        void badSchemaLine_namesFileAndLine() {
            assertThatThrownBy(() -> Operation.parseList("api.txt", "GET /a\nFETCH /b\n"))
                    .hasMessage("api.txt:2: `FETCH` is not an HTTP method Warden maps to an action");
            assertThatThrownBy(() -> Operation.parseList("api.txt", "GET\n"))
                    .hasMessage("api.txt:1: expected `METHOD /path`, found `GET`");
        }
    }
}
