package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
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
                statements.add(new Statement(random.nextInt(4) == 0 ? Effect.DENY : Effect.ALLOW, stActions, patterns));
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
