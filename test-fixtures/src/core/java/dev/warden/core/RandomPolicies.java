package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Seeded generators of policy sets, principals and requests over a small vocabulary, so that
 * random patterns and random paths meet often: every segment kind, denies, roles, declared
 * actions, missing variables, unknown names and malformed paths all occur.
 */
public final class RandomPolicies {
    static final String[] WORDS = {"workspaces", "w1", "w2", "channels", "c1", "sms-eu", "sms-", "messages", "eu",
        "a-b", "x"};
    static final String[] GLOBS = {"sms-*", "*-eu", "*1", "w*", "s*s*", "*s*s*", "*a*e*", "a*b"};
    static final String[] VARS = {"${principal.workspace}", "${principal.id}", "${principal.team}"};
    static final String[] ODD = {"%2e%2e", "..", ".", "w%31", "%2F", "", "a;b", "%zz", "sms%2Deu", "%C3%A9", "a%20b"};
    static final String[] ACTIONS = {"view", "VIEW", "create", "update", "delete", "approve", "Approve", "publish"};
    static final String[] METHODS = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "get", "TRACE"};

    private final RandomGenerator r;
    private final String[] vars;
    private final String[] globs;
    /** Free text mixed into patterns, paths and actions; null for the seeded generators. */
    private final Supplier<String> freeText;

    /** The stress mix: three variables and eight globs. */
    public RandomPolicies(long seed) {
        this(new Random(seed), VARS, GLOBS, null);
    }

    /**
     * The stress mix, drawing every choice from {@code choices} and, now and then, a pattern
     * segment, a path segment or an action from {@code freeText} (the fuzz targets pass the
     * fuzzer's data for both). A free-text pattern segment that makes the pattern invalid is
     * replaced by a word, so every set builds.
     */
    public RandomPolicies(RandomGenerator choices, Supplier<String> freeText) {
        this(choices, VARS, GLOBS, freeText);
    }

    private RandomPolicies(RandomGenerator r, String[] vars, String[] globs, Supplier<String> freeText) {
        this.r = r;
        this.vars = vars;
        this.globs = globs;
        this.freeText = freeText;
    }

    /**
     * A mix closer to real policy sets: one attribute variable and the id, two globs. Analyses that
     * enumerate classes of principals stay fast on it.
     */
    public static RandomPolicies realistic(long seed) {
        return new RandomPolicies(new Random(seed), new String[] {"${principal.workspace}", "${principal.id}"},
                new String[] {"sms-*", "*-eu"}, null);
    }

    private <T> T pick(T[] items) {
        return items[r.nextInt(items.length)];
    }

    public String pattern() {
        int n = 1 + r.nextInt(5);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append('/');
            int k = r.nextInt(100);
            if (freeText != null && k >= 96) {
                int mark = b.length();
                b.append(freeText.get());
                if (!validPattern(b)) {
                    b.setLength(mark);
                    b.append(pick(WORDS));
                }
            } else if (i == n - 1 && k < 15) {
                b.append("**");
            } else if (k < 60) {
                b.append(pick(WORDS));
            } else if (k < 75) {
                b.append('*');
            } else if (k < 88) {
                b.append(pick(globs));
            } else {
                b.append(pick(vars));
            }
        }
        if (freeText != null && !validPattern(b)) {
            return "/" + WORDS[0]; // a free-text `**` that later segments followed
        }
        return b.toString();
    }

    private static boolean validPattern(CharSequence pattern) {
        try {
            ResourcePattern.parse(pattern.toString());
            return true;
        } catch (InvalidPatternException e) {
            return false;
        }
    }

    public Statement statement(boolean declared) {
        Effect effect = r.nextInt(10) < 3 ? Effect.DENY : Effect.ALLOW;
        List<String> actions = new ArrayList<>();
        String[] pool = declared
                ? new String[] {"view", "create", "update", "delete", "approve", "any", "*"}
                : new String[] {"view", "create", "update", "delete", "any"};
        int na = 1 + r.nextInt(2);
        for (int i = 0; i < na; i++) {
            actions.add(pick(pool));
        }
        List<String> patterns = new ArrayList<>();
        int np = 1 + r.nextInt(3);
        for (int i = 0; i < np; i++) {
            patterns.add(pattern());
        }
        return Statement.of(effect, actions, patterns);
    }

    public PolicySet policySet() {
        boolean declared = r.nextBoolean();
        PolicySet.Builder b = PolicySet.builder();
        if (declared) {
            b.declareAction("approve");
        }
        int np = 1 + r.nextInt(6);
        List<String> names = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            List<Statement> statements = new ArrayList<>();
            int ns = 1 + r.nextInt(4);
            for (int s = 0; s < ns; s++) {
                statements.add(statement(declared));
            }
            String name = "p" + p;
            names.add(name);
            List<SourceMap.StatementSources> sources = new ArrayList<>();
            for (int s = 0; s < ns; s++) {
                sources.add(SourceMap.StatementSources.at(new SourceLocation("gen.policy", p * 10 + s + 2, 5)));
            }
            b.add(new Policy(name, statements), new SourceMap.PolicySources(
                    new SourceLocation("gen.policy", p * 10 + 1, 1), sources));
        }
        int nr = r.nextInt(4);
        for (int i = 0; i < nr; i++) {
            Set<String> policies = new LinkedHashSet<>();
            int k = 1 + r.nextInt(3);
            for (int j = 0; j < k; j++) {
                policies.add(names.get(r.nextInt(names.size())));
            }
            b.add(new Role("r" + i, List.copyOf(policies)));
        }
        return b.build();
    }

    public Principal principal(PolicySet set) {
        Principal.Builder b = Principal.builder(pick(new String[] {"ak_1", "w1", "c1", "x"}));
        for (Role role : set.roles()) {
            if (r.nextInt(3) == 0) {
                b.role(role.name());
            }
        }
        for (Policy policy : set.policies()) {
            if (r.nextInt(3) == 0) {
                b.policy(policy.name());
            }
        }
        if (r.nextInt(25) == 0) {
            b.role("ghost");
        }
        if (r.nextInt(25) == 0) {
            b.policy("nope");
        }
        if (r.nextInt(3) > 0) {
            b.attribute("workspace", pick(new String[] {"w1", "w2", "c1"}));
        }
        if (r.nextInt(4) == 0) {
            b.attribute("team", pick(new String[] {"eu", "x"}));
        }
        if (freeText != null && r.nextInt(6) == 0) {
            // any string may be an attribute value: `w1/c1`, `..`, ``, `*`
            b.attribute(pick(new String[] {"workspace", "team", "id"}), freeText.get());
        }
        return b.build();
    }

    public String path() {
        int n = r.nextInt(7);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append('/');
            int k = r.nextInt(100);
            if (freeText != null && k >= 97) {
                b.append(freeText.get());
            } else if (k < 85) {
                b.append(pick(WORDS));
            } else if (k < 95) {
                b.append(pick(ODD));
            } else {
                b.append(pick(VARS)); // a literal `${...}` in a request is an ordinary segment
            }
        }
        if (n == 0 || r.nextInt(30) == 0) {
            b.append('/');
        }
        if (r.nextInt(20) == 0) {
            b.append(r.nextBoolean() ? "?limit=5" : "#frag");
        }
        return b.toString();
    }

    public String action() {
        if (freeText != null && r.nextInt(20) == 0) {
            return freeText.get();
        }
        return pick(ACTIONS);
    }

    public String method() {
        return pick(METHODS);
    }

    public boolean http() {
        return r.nextInt(4) == 0;
    }

    public int nextInt(int bound) {
        return r.nextInt(bound);
    }
}
