package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trie against the plain {@link ReferenceMatcher}, and the cache against no cache, on
 * thousands of random policy sets and requests. Seeded: a failure names its seed and case.
 */
class AuthorizerPropertyTest {
    /**
     * 3,000 by default; the mutation run (the {@code mutation} profile of policy-core) sets
     * {@code -Dwarden.propertyTest.sets=300} so that each mutant costs a second, not twenty.
     */
    private static final int POLICY_SETS = Integer.getInteger("warden.propertyTest.sets", 3_000);
    private static final int REQUESTS_PER_SET = 60;

    @Test
    void trie_decidesLikeTheReference() {
        Map<Reason, Integer> seen = new EnumMap<>(Reason.class);
        for (int seed = 0; seed < POLICY_SETS; seed++) {
            RandomPolicies gen = new RandomPolicies(seed);
            PolicySet set = gen.policySet();
            Authorizer trie = Authorizer.builder().noCache().build(set);
            ReferenceMatcher reference = new ReferenceMatcher(set);
            for (int i = 0; i < REQUESTS_PER_SET; i++) {
                Principal p = gen.principal(set);
                String path = gen.path();
                Decision actual;
                ReferenceMatcher.Expected expected;
                String request;
                if (gen.http()) {
                    String method = gen.method();
                    request = method + " " + path;
                    actual = trie.authorizeHttp(p, method, path);
                    expected = reference.decideHttp(p, method, path);
                } else {
                    String action = gen.action();
                    request = action + " " + path;
                    actual = trie.authorize(p, action, path);
                    expected = reference.decide(p, action, path);
                }
                String context = "seed " + seed + ", request `" + request + "`, " + p + ", " + set.policies()
                        + ", " + set.roles();
                assertThat(actual.reason()).as(context).isEqualTo(expected.reason());
                assertThat(actual.matched()).as(context).isEqualTo(expected.matched());
                seen.merge(actual.reason(), 1, Integer::sum);
            }
        }
        // The generator must exercise every rule the authorizer decides by (not invalid_request,
        // which only the batch reader gives); otherwise agreement would prove little.
        assertThat(seen.keySet()).containsExactlyInAnyOrder(Reason.MALFORMED_REQUEST, Reason.UNKNOWN_ACTION,
                Reason.UNKNOWN_POLICY, Reason.EXPLICIT_DENY, Reason.ALLOWED, Reason.NO_MATCH);
        assertThat(seen.get(Reason.ALLOWED)).as("allowed decisions").isGreaterThan(POLICY_SETS * REQUESTS_PER_SET / 50);
        assertThat(seen.get(Reason.EXPLICIT_DENY)).as("explicit denies").isGreaterThan(POLICY_SETS * REQUESTS_PER_SET / 100);
    }

    @Test
    void cached_equalsUncached_acrossReloads() {
        for (int seed = 0; seed < POLICY_SETS / 10; seed++) {
            RandomPolicies gen = new RandomPolicies(1_000_000L + seed);
            PolicySet[] sets = {gen.policySet(), gen.policySet(), gen.policySet()};
            int current = 0;
            // A tiny cache, so that eviction happens as well as hits.
            Authorizer cached = Authorizer.builder().cacheMaximumSize(16).build(sets[current]);
            Authorizer uncached = Authorizer.builder().noCache().build(sets[current]);
            Principal[] principals = {gen.principal(sets[0]), gen.principal(sets[1]), gen.principal(sets[2])};
            String[] paths = new String[12];
            for (int i = 0; i < paths.length; i++) {
                paths[i] = gen.path();
            }
            for (int step = 0; step < 400; step++) {
                if (gen.nextInt(40) == 0) {
                    current = gen.nextInt(sets.length);
                    cached.reload(sets[current]);
                    uncached.reload(sets[current]);
                }
                Principal p = principals[gen.nextInt(principals.length)];
                String path = paths[gen.nextInt(paths.length)];
                String action = gen.action();
                String context = "seed " + seed + " step " + step + " `" + action + " " + path + "` " + p;
                Decision fromCache = cached.authorize(p, action, path);
                assertThat(fromCache).as(context).isEqualTo(uncached.authorize(p, action, path));
                assertThat(fromCache.reason()).as(context)
                        .isEqualTo(new ReferenceMatcher(sets[current]).decide(p, action, path).reason());
            }
        }
    }
}
