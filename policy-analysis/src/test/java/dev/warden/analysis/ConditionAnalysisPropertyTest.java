package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionKey;
import dev.warden.core.ConditionValue;
import dev.warden.core.Effect;
import dev.warden.core.Explanation.Truth;
import dev.warden.core.IpRange;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import dev.warden.core.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random conditioned sets and small edits of them, checked against requests drawn from pools of
 * values that sit on and beside every literal: every request whose decision changed is reported by
 * diff (role, action, kind), every reported example changes decision with its context, and no
 * sampled request makes a condition that lint says can never be true true, or one it says can
 * never be false false.
 */
class ConditionAnalysisPropertyTest {
    /** Pairs in the default run; `-Dwarden.diff.pairs=1000` for a longer one. */
    private static final int PAIRS = Integer.getInteger("warden.diff.pairs", 15) * 4;
    private static final int REQUESTS = 1_500;

    private static final String[] RANGES = {"10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "192.168.0.0/16", "2001:db8::/32",
        "::/0", "0.0.0.0/0", "::ffff:10.0.0.0/104"};
    private static final String[] TIMES = {"2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z", "2027-01-01T00:00:00.000000001Z",
        "2027-01-01T02:00:00+02:00"};
    private static final String[] NUMBERS = {"-1", "0", "0.5", "5", "5.25"};
    private static final String[] TEAMS = {"ops", "dev", "o*", "*s", ""};
    private static final String[] IDS = {"u1", "u2", "u*"};
    private static final String[] PATTERNS = {"/a/*", "/a/b", "/a/**", "/b/${principal.team}", "/b/*"};
    private static final String[] ACTIONS = {"view", "update"};

    private static final String[] IP_VALUES = {null, "10.1.2.3", "10.1.2.4", "10.0.0.1", "10.2.0.0", "192.168.1.1", "11.0.0.0",
        "2001:db8::1", "::1", "::ffff:10.1.2.3", "localhost", "10.1.2.3/32"};
    private static final String[] TIME_VALUES = {null, "2026-12-31T23:59:58Z", "2026-12-31T23:59:59Z", "2026-12-31T23:59:59.5Z",
        "2027-01-01T00:00:00Z", "2027-01-01T00:00:00.000000001Z", "2027-01-01T00:00:00.000000002Z", "2027-01-01T01:00:00+01:00",
        "2028-01-01T00:00:00Z", "soon"};
    private static final String[] NUMBER_VALUES = {null, "-2", "-1", "-0.5", "0", "0.25", "0.5", "1", "5", "5.1", "5.25", "6", "007",
        "x", "1e3"};
    private static final String[] TEAM_VALUES = {null, "ops", "dev", "os", "o", "s", "", "x", "a/b"};
    private static final String[] ID_VALUES = {"u1", "u2", "u3", "ux", "ops"};
    private static final String[] PATHS = {"/a/x", "/a/b", "/a/b/c", "/b/ops", "/b/dev", "/b/os", "/c"};

    private final Random random = new Random();

    private <T> T pick(T[] from) {
        return from[random.nextInt(from.length)];
    }

    private Clause clause() {
        switch (random.nextInt(5)) {
            case 0 -> {
                List<IpRange> ranges = new ArrayList<>();
                for (int i = 0; i <= random.nextInt(2); i++) {
                    ranges.add(IpRange.parse(pick(RANGES)));
                }
                return new Clause(ConditionKey.parse("context.ip"), random.nextBoolean() ? Clause.Operator.IN : Clause.Operator.NOT_IN,
                        new ConditionValue.Ranges(ranges));
            }
            case 1 -> {
                return new Clause(ConditionKey.parse("context.time"), order(), ConditionValue.literal(pick(TIMES)));
            }
            case 2 -> {
                return new Clause(ConditionKey.parse("context.n"), order(), ConditionValue.literal(pick(NUMBERS)));
            }
            case 3 -> {
                return text("principal.team", TEAMS);
            }
            default -> {
                return text("principal.id", IDS);
            }
        }
    }

    private Clause.Operator order() {
        return pick(new Clause.Operator[] {Clause.Operator.LESS, Clause.Operator.LESS_OR_EQUAL, Clause.Operator.GREATER,
            Clause.Operator.GREATER_OR_EQUAL});
    }

    private Clause text(String key, String[] values) {
        String v = pick(values);
        ConditionKey k = ConditionKey.parse(key);
        if (v.contains("*")) {
            return new Clause(k, random.nextBoolean() ? Clause.Operator.LIKE : Clause.Operator.NOT_LIKE, new ConditionValue.Glob(v));
        }
        return switch (random.nextInt(3)) {
            case 0 -> new Clause(k, random.nextBoolean() ? Clause.Operator.EQUALS : Clause.Operator.NOT_EQUALS, new ConditionValue.Text(v));
            default -> new Clause(k, random.nextBoolean() ? Clause.Operator.IN : Clause.Operator.NOT_IN,
                    new ConditionValue.TextList(List.of(v, pick(values).replace("*", ""))));
        };
    }

    private Condition condition() {
        List<Condition.Conjunction> any = new ArrayList<>();
        for (int c = 0; c <= random.nextInt(2); c++) {
            List<Clause> all = new ArrayList<>();
            for (int i = 0; i <= random.nextInt(3); i++) {
                all.add(clause());
            }
            any.add(new Condition.Conjunction(all));
        }
        return new Condition(any);
    }

    private Statement statement() {
        Statement s = Statement.of(random.nextInt(3) == 0 ? Effect.DENY : Effect.ALLOW, List.of(pick(ACTIONS)), List.of(pick(PATTERNS)));
        return random.nextInt(4) == 0 ? s : s.when(condition());
    }

    private static PolicySet set(List<Statement> statements) {
        Policy p = new Policy("p", statements);
        return PolicySet.builder().add(p, LintTest.sources(p)).add(new Role("r", List.of("p"))).build();
    }

    private List<Statement> edit(List<Statement> old) {
        List<Statement> out = new ArrayList<>(old);
        int i = random.nextInt(out.size());
        Statement s = out.get(i);
        switch (random.nextInt(4)) {
            case 0 -> out.set(i, new Statement(s.effect(), s.actions(), s.resources()).when(condition()));
            case 1 -> out.set(i, new Statement(s.effect(), s.actions(), s.resources()));
            case 2 -> out.set(i, new Statement(s.effect() == Effect.ALLOW ? Effect.DENY : Effect.ALLOW, s.actions(), s.resources(),
                    s.condition()));
            default -> out.add(statement());
        }
        return out;
    }

    private record Sample(Principal principal, String action, String path, Map<String, String> context) {}

    private Sample sample(String role) {
        Principal.Builder b = Principal.builder(pick(ID_VALUES)).role(role);
        String team = pick(TEAM_VALUES);
        if (team != null) {
            b.attribute("team", team);
        }
        Map<String, String> context = new HashMap<>();
        put(context, "ip", pick(IP_VALUES));
        put(context, "time", pick(TIME_VALUES));
        put(context, "n", pick(NUMBER_VALUES));
        return new Sample(b.build(), pick(ACTIONS), pick(PATHS), context);
    }

    private static void put(Map<String, String> context, String key, String value) {
        if (value != null) {
            context.put(key, value);
        }
    }

    private static boolean allowed(Authorizer a, Principal p, String action, String path, Map<String, String> context) {
        return a.decide(new AccessRequest.OnResource(p, action, path).withContext(context)).allowed();
    }

    /** The plain three-valued reading of a condition, clause by clause. */
    private static Truth truth(Condition c, Principal p, Map<String, String> context) {
        Truth any = Truth.FALSE;
        for (Condition.Conjunction conjunction : c.anyOf()) {
            Truth all = Truth.TRUE;
            for (Clause clause : conjunction.allOf()) {
                ConditionKey k = clause.key();
                Optional<String> v = switch (k.scope()) {
                    case PRINCIPAL_ID -> Optional.of(p.id());
                    case PRINCIPAL_ATTRIBUTE -> Optional.ofNullable(p.attributes().get(k.name()));
                    case CONTEXT -> Optional.ofNullable(context.get(k.name()));
                };
                Truth t = clause.evaluate(v);
                if (t == Truth.FALSE) {
                    all = Truth.FALSE;
                } else if (t == Truth.UNKNOWN && all == Truth.TRUE) {
                    all = Truth.UNKNOWN;
                }
            }
            if (all == Truth.TRUE) {
                return Truth.TRUE;
            }
            if (all == Truth.UNKNOWN) {
                any = Truth.UNKNOWN;
            }
        }
        return any;
    }

    @Test
    void diffReportsEveryChangedDecision_andLintsClaimsHoldForEverySampledRequest() {
        int changed = 0;
        int neverTrue = 0;
        int neverFalse = 0;
        for (int seed = 0; seed < PAIRS; seed++) {
            random.setSeed(9_100_000L + seed);
            List<Statement> old = new ArrayList<>();
            for (int i = 0; i <= random.nextInt(4); i++) {
                old.add(statement());
            }
            PolicySet oldSet = set(old);
            PolicySet newSet = set(edit(old));
            PolicyDiff.Result diff = PolicyDiff.between(oldSet, newSet);
            String context = "seed " + seed + "\nOLD " + oldSet.policies() + "\nNEW " + newSet.policies() + "\nchanges " + diff.changes();
            assertThat(diff.exhaustive()).as(context).isTrue();
            Authorizer before = Authorizer.builder().noCache().build(oldSet);
            Authorizer after = Authorizer.builder().noCache().build(newSet);
            for (Change c : diff.changes()) {
                Principal.Builder pb = Principal.builder(c.principalId()).attributes(c.attributes());
                Principal p = c.subject() == Change.Subject.ROLE ? pb.role(c.name()).build() : pb.policy(c.name()).build();
                boolean was = allowed(before, p, c.action(), c.example(), c.context());
                boolean is = allowed(after, p, c.action(), c.example(), c.context());
                assertThat(c.kind() == Change.Kind.GRANTED ? is && !was : was && !is).as(context + "\n" + c).isTrue();
            }
            List<Diagnostic> lint = Lint.analyze(newSet);
            List<Statement> never = new ArrayList<>();
            List<Statement> always = new ArrayList<>();
            for (Diagnostic d : lint) {
                Statement s = newSet.policy("p").orElseThrow().statements().get(d.location().orElseThrow().line() - 2);
                if (d.code().equals(Rule.CONDITION_NEVER_HOLDS.code()) && d.message().startsWith("the condition")) {
                    never.add(s);
                    neverTrue++;
                } else if (d.code().equals(Rule.CONDITION_ALWAYS_HOLDS.code())) {
                    always.add(s);
                    neverFalse++;
                }
            }
            for (int i = 0; i < REQUESTS; i++) {
                Sample r = sample("r");
                boolean was = allowed(before, r.principal(), r.action(), r.path(), r.context());
                boolean is = allowed(after, r.principal(), r.action(), r.path(), r.context());
                if (was != is) {
                    changed++;
                    Change.Kind kind = is ? Change.Kind.GRANTED : Change.Kind.REVOKED;
                    assertThat(diff.changes()).as(context + "\nrequest " + r)
                            .anyMatch(c -> c.subject() == Change.Subject.ROLE && c.action().equals(r.action()) && c.kind() == kind);
                }
                for (Statement s : never) {
                    assertThat(truth(s.condition().orElseThrow(), r.principal(), r.context())).as(context + "\n" + s + "\n" + r)
                            .isNotEqualTo(Truth.TRUE);
                }
                for (Statement s : always) {
                    assertThat(truth(s.condition().orElseThrow(), r.principal(), r.context())).as(context + "\n" + s + "\n" + r)
                            .isNotEqualTo(Truth.FALSE);
                }
            }
        }
        assertThat(changed).as("sampled requests whose decision changed").isGreaterThan(PAIRS);
        assertThat(neverTrue + neverFalse).as("conditions lint found never true or never false").isGreaterThan(0);
    }
}
