package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionKey;
import dev.warden.core.ConditionValue;
import dev.warden.core.IpRange;
import dev.warden.core.Principal;
import dev.warden.core.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random policy sets, written in the policy language and as Bird JSON, load back to equal sets;
 * DSL -> JSON -> DSL gives the same set and the same text. Seeded: a failure names its seed.
 * Runs {@code warden.roundTrips} sets (default 3000).
 */
class RoundTripPropertyTest {
    private static final int RUNS = Integer.getInteger("warden.roundTrips", 3000);
    private static final String[] PLAIN = {"read", "channels-read", "org:team.v2", "_x", "A", "p0", "Policy", "Any"};
    private static final String[] ODD = {"read all", "role", "policy", "when", "any", "a/b", "say \"hi\"", "back\\slash",
        "café", "日本", "🙂 smile", "#hash", "a,b", "a;b", "{braces}", "9lives", "-dash", "x  y", "'single'", "$1"};
    private static final String[] LITERALS = {"workspaces", "w1", "channels", "a b", "x,y", "{x}", "a}b", "q\"uote",
        "+31612345678", "a@example.com", "x~y=z:1", "$", "$x", "it's", "(p)", "[0]", "a!b", "^_^", "<>", "|", "`tick`",
        "...", ".a", "a."};
    private static final String[] GLOBS = {"sms-*", "*-eu", "a*b", "*x*", "a*b*c", "{*}", "* *"};
    private static final String[] VARS = {"${principal.id}", "${principal.workspace}", "${principal.team-1}",
        "${principal._x}"};
    private static final String[] DESCRIPTIONS = {"", "Read channels", "with \"quotes\" and \\", "line\nbreak\ttab",
        "ctrl \u0001 char", "ünïcödé 🙂", "# not a comment", "}{;,", "\r"};

    final Random random = new Random();

    private <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    String name() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(ODD);
            case 1 -> pick(PLAIN) + random.nextInt(100);
            default -> pick(PLAIN);
        };
    }

    String segment(boolean last) {
        int k = random.nextInt(100);
        if (last && k < 12) {
            return "**";
        }
        if (k < 45) {
            return pick(LITERALS);
        }
        if (k < 60) {
            return "*";
        }
        if (k < 80) {
            return pick(GLOBS);
        }
        return pick(VARS);
    }

    String pattern() {
        int n = 1 + random.nextInt(5);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append('/').append(segment(i == n - 1));
        }
        return b.toString();
    }

    String actionName() {
        StringBuilder b = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        String rest = "abcdefghijklmnopqrstuvwxyz0123456789_-";
        for (int i = random.nextInt(8); i > 0; i--) {
            b.append(rest.charAt(random.nextInt(rest.length())));
        }
        return b.toString();
    }

    PolicySet policySet() {
        PolicySet.Builder builder = PolicySet.builder();
        List<String> actions = new ArrayList<>(List.of("view", "create", "update", "delete", "any"));
        for (int i = random.nextInt(3); i > 0; i--) {
            String a = actionName();
            if (!actions.contains(a) && !Checks.KEYWORDS.contains(a)) {
                builder.declareAction(a);
                actions.add(a);
            }
        }
        Set<String> policyNames = new LinkedHashSet<>();
        for (int p = random.nextInt(6); p > 0; p--) {
            String name = name();
            if (!policyNames.add(name)) {
                continue;
            }
            List<Statement> statements = new ArrayList<>();
            for (int s = random.nextInt(5); s > 0; s--) {
                Set<String> stActions = new LinkedHashSet<>();
                for (int a = 1 + random.nextInt(3); a > 0; a--) {
                    stActions.add(actions.get(random.nextInt(actions.size())));
                }
                List<ResourcePattern> patterns = new ArrayList<>();
                for (int r = 1 + random.nextInt(3); r > 0; r--) {
                    patterns.add(ResourcePattern.parse(pattern()));
                }
                Statement st = new Statement(random.nextInt(4) == 0 ? Effect.DENY : Effect.ALLOW, stActions, patterns);
                statements.add(random.nextInt(3) == 0 ? st.when(condition(true)) : st);
            }
            builder.add(new Policy(name, pick(DESCRIPTIONS), statements));
        }
        List<String> names = new ArrayList<>(policyNames);
        Set<String> roleNames = new LinkedHashSet<>();
        for (int r = random.nextInt(4); r > 0; r--) {
            String name = name();
            if (!roleNames.add(name)) {
                continue;
            }
            List<String> refs = new ArrayList<>();
            for (int k = names.isEmpty() ? 0 : random.nextInt(4); k > 0; k--) {
                refs.add(names.get(random.nextInt(names.size())));
            }
            builder.add(new Role(name, pick(DESCRIPTIONS), refs));
        }
        return builder.build();
    }

    private static final String[] KEYS = {"context.ip", "context.time", "context.n", "context.s", "principal.team", "principal.id"};
    private static final String[] TEXTS = {"", "ops", "eu-west", "a \"quoted\" \\ word", "caf\u00e9", "10.1.2.3", "x*y"};
    private static final String[] CONDITION_GLOBS = {"*", "sms-*", "*.png", "vip\\*", "a*b*c", "\\\\x"};
    private static final String[] RANGES = {"10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "::ffff:10.0.0.0/104", "0.0.0.0/0"};
    private static final String[] TIMES = {"2027-01-01T00:00:00Z", "2026-06-01T12:00:00.5+02:00", "2027-01-01t01:00:00-00:30"};
    private static final String[] NUMBERS = {"0", "-12", "3.5", "007", "-0.25"};

    /**
     * A random condition; {@code exact}: of a shape Bird JSON writes as one definition (one
     * conjunction, or conjunctions of one clause each).
     */
    Condition condition(boolean exact) {
        int conjunctions = 1 + random.nextInt(3);
        boolean singles = exact && conjunctions > 1;
        List<Condition.Conjunction> any = new ArrayList<>();
        for (int c = 0; c < conjunctions; c++) {
            List<Clause> all = new ArrayList<>();
            for (int k = singles ? 1 : 1 + random.nextInt(3); k > 0; k--) {
                all.add(clause());
            }
            any.add(new Condition.Conjunction(all));
        }
        return new Condition(any);
    }

    Clause clause() {
        ConditionKey key = ConditionKey.parse(pick(KEYS));
        switch (random.nextInt(6)) {
            case 0:
                return new Clause(key, random.nextBoolean() ? Clause.Operator.EQUALS : Clause.Operator.NOT_EQUALS,
                        new ConditionValue.Text(pick(TEXTS)));
            case 1:
                return new Clause(key, random.nextBoolean() ? Clause.Operator.IN : Clause.Operator.NOT_IN,
                        new ConditionValue.TextList(List.of(pick(TEXTS), pick(TEXTS))));
            case 2:
                return new Clause(key, random.nextBoolean() ? Clause.Operator.LIKE : Clause.Operator.NOT_LIKE,
                        new ConditionValue.Glob(pick(CONDITION_GLOBS)));
            case 3: {
                List<IpRange> ranges = new ArrayList<>();
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    ranges.add(IpRange.parse(pick(RANGES)));
                }
                return new Clause(key, random.nextBoolean() ? Clause.Operator.IN : Clause.Operator.NOT_IN,
                        new ConditionValue.Ranges(ranges));
            }
            default:
                return new Clause(key, Clause.Operator.values()[6 + random.nextInt(4)],
                        ConditionValue.literal(random.nextBoolean() ? pick(TIMES) : pick(NUMBERS)));
        }
    }

    @Test
    void randomConditions_ofAnyShape_keepEveryDecision_throughJsonAndBack() {
        random.setSeed(Long.getLong("warden.seed", 20261201L));
        for (int run = 0; run < RUNS; run++) {
            List<Statement> statements = new ArrayList<>();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                statements.add(new Statement(random.nextInt(3) == 0 ? Effect.DENY : Effect.ALLOW, Set.of("view"),
                        List.of(ResourcePattern.parse("/w/*"))).when(condition(false)));
            }
            PolicySet set = PolicySet.builder().add(new Policy("p", "", statements)).build();
            String json = BirdJson.write(set);
            PolicySet fromJson = PolicyLoader.loadTexts(Map.of("gen.json", json)).orElseThrow();
            PolicySet again = PolicyLoader.loadTexts(Map.of("gen.policy", PolicyWriter.write(fromJson))).orElseThrow();
            Authorizer original = Authorizer.builder().noCache().build(set);
            Authorizer roundTripped = Authorizer.builder().noCache().build(again);
            for (int r = 0; r < 20; r++) {
                Map<String, String> context = new java.util.HashMap<>();
                context.put("ip", pick(new String[] {"10.1.2.3", "::ffff:10.9.9.9", "192.0.2.7", "2001:db8::1", "x"}));
                context.put("time", pick(new String[] {"2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z", "2026-06-01T10:00:00.5Z"}));
                context.put("n", pick(new String[] {"-12", "0", "3.5", "7", "x"}));
                context.put("s", pick(TEXTS));
                Principal principal = Principal.builder(random.nextBoolean() ? "ops" : "ak_1").policy("p")
                        .attribute("team", pick(TEXTS)).build();
                AccessRequest request = new AccessRequest.OnResource(principal, "view", "/w/1", context);
                assertThat(roundTripped.decide(request).reason()).as("%s%n%s", json, request)
                        .isEqualTo(original.decide(request).reason());
            }
        }
    }

    @Test
    void randomSets_writtenAsDslAndJson_loadBackEqual() {
        long base = Long.getLong("warden.seed", 20240601L);
        for (int run = 0; run < RUNS; run++) {
            long seed = base + run;
            random.setSeed(seed);
            PolicySet set = policySet();

            String dsl = PolicyWriter.write(set);
            LoadResult fromDsl = PolicyLoader.loadTexts(Map.of("gen.policy", dsl));
            assertThat(fromDsl.diagnostics()).as("seed %d, DSL:%n%s", seed, dsl).isEmpty();
            assertThat(fromDsl.orElseThrow()).as("seed %d, DSL:%n%s", seed, dsl).isEqualTo(set);

            String json = BirdJson.write(set);
            LoadResult fromJson = PolicyLoader.loadTexts(Map.of("gen.json", json));
            assertThat(fromJson.diagnostics()).as("seed %d, JSON:%n%s", seed, json).isEmpty();
            assertThat(fromJson.orElseThrow()).as("seed %d, JSON:%n%s", seed, json).isEqualTo(set);

            String dslAgain = PolicyWriter.write(fromJson.orElseThrow());
            assertThat(dslAgain).as("seed %d: DSL -> JSON -> DSL", seed).isEqualTo(dsl);
            assertThat(PolicyLoader.loadTexts(Map.of("again.policy", dslAgain)).orElseThrow()).isEqualTo(set);
        }
    }

    @Test
    void generator_coversEverySegmentKindQuotedNamesAndDeclaredActions() {
        random.setSeed(7);
        boolean quoted = false;
        boolean declared = false;
        Set<String> kinds = new LinkedHashSet<>();
        for (int i = 0; i < 300; i++) {
            PolicySet set = policySet();
            String dsl = PolicyWriter.write(set);
            quoted |= dsl.contains("policy \"") || dsl.contains("role \"");
            declared |= !set.declaredActions().isEmpty();
            for (Policy p : set.policies()) {
                for (Statement s : p.statements()) {
                    for (ResourcePattern r : s.resources()) {
                        String t = r.text();
                        kinds.add(t.endsWith("/**") ? "**" : t.contains("${") ? "var" : t.contains("/*/") ? "*" : "other");
                        if (PolicyWriter.pattern(t).startsWith("\"")) {
                            kinds.add("quoted pattern");
                        }
                    }
                }
            }
        }
        assertThat(quoted).isTrue();
        assertThat(declared).isTrue();
        assertThat(kinds).contains("**", "var", "*", "other", "quoted pattern");
    }
}
