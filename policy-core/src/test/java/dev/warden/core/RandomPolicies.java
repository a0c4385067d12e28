package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

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

    private final Random r;
    private final String[] vars;
    private final String[] globs;

    /** The stress mix: three variables and eight globs. */
    public RandomPolicies(long seed) {
        this(seed, VARS, GLOBS);
    }

    private RandomPolicies(long seed, String[] vars, String[] globs) {
        this.r = new Random(seed);
        this.vars = vars;
        this.globs = globs;
    }

    /**
     * A mix closer to real policy sets: one attribute variable and the id, two globs. Analyses that
     * enumerate classes of principals stay fast on it.
     */
    public static RandomPolicies realistic(long seed) {
        return new RandomPolicies(seed, new String[] {"${principal.workspace}", "${principal.id}"},
                new String[] {"sms-*", "*-eu"});
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
            if (i == n - 1 && k < 15) {
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
        return b.toString();
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
            List<String> sources = new ArrayList<>();
            for (int s = 0; s < ns; s++) {
                sources.add("gen.policy:" + (p * 10 + s + 1) + ":5");
            }
            b.add(new Policy(name, statements), "gen.policy:" + (p * 10) + ":1", sources);
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
        return b.build();
    }

    public String path() {
        int n = r.nextInt(7);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append('/');
            int k = r.nextInt(100);
            if (k < 85) {
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
