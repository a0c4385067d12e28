package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.random.RandomGenerator;

/**
 * Fuzzes the authorizer against the plain {@link ReferenceMatcher}: the fuzzer's bytes drive {@link
 * RandomPolicies} (every choice it makes, plus free-text pattern segments, path segments, actions
 * and whole paths), and every decision of the trie, uncached and through a small cache, must equal
 * the reference's reason and matched statements. The cached authorizer is asked each request twice
 * (a miss, then a hit) and reloaded with a second random set halfway.
 *
 * <p>The default test run replays {@code src/test/resources/dev/warden/core/AuthorizerFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/reliability.md, "Fuzzing").
 */
class AuthorizerFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decidesLikeTheReference(FuzzedDataProvider data) {
        RandomPolicies gen = new RandomPolicies(new FuzzedChoices(data), () -> data.consumeString(12));
        PolicySet set = gen.policySet();
        Authorizer uncached = Authorizer.builder().noCache().build(set);
        Authorizer cached = Authorizer.builder().cacheMaximumSize(4).build(set);
        ReferenceMatcher reference = new ReferenceMatcher(set);
        int requests = data.consumeInt(1, 12);
        for (int i = 0; i < requests; i++) {
            if (i == requests / 2 && data.consumeBoolean()) {
                set = gen.policySet();
                uncached.reload(set);
                cached.reload(set);
                reference = new ReferenceMatcher(set);
            }
            Principal p = gen.principal(set);
            String path = data.consumeBoolean() ? gen.path() : data.consumeString(64);
            boolean http = gen.http();
            String verb = http ? (data.consumeBoolean() ? gen.method() : data.consumeString(8)) : gen.action();
            String request = (http ? "HTTP " : "") + verb + " " + path;
            Decision actual = http ? uncached.authorizeHttp(p, verb, path) : uncached.authorize(p, verb, path);
            ReferenceMatcher.Expected expected = http ? reference.decideHttp(p, verb, path) : reference.decide(p, verb, path);
            String context = "request `" + request + "`, " + p + ", " + set.policies() + ", " + set.roles()
                    + ", declared " + set.declaredActions();
            assertThat(actual.reason()).as(context).isEqualTo(expected.reason());
            assertThat(actual.matched()).as(context).isEqualTo(expected.matched());
            assertThat(actual.allowed()).as(context).isEqualTo(expected.reason() == Reason.ALLOWED);
            if (!http) {
                // the third entry point: a path canonicalised beforehand
                assertThat(uncached.decide(new AccessRequest.OnPath(p, verb, ResourcePath.ofResource(path)))).as(context).isEqualTo(actual);
            }
            for (int round = 0; round < 2; round++) {
                Decision fromCache = http ? cached.authorizeHttp(p, verb, path) : cached.authorize(p, verb, path);
                assertThat(fromCache).as("cached, round %d: %s", round, context).isEqualTo(actual);
            }
        }
    }

    /** Every choice of the generator taken from the fuzzer's bytes (0 once they run out). */
    private static final class FuzzedChoices implements RandomGenerator {
        private final FuzzedDataProvider data;

        FuzzedChoices(FuzzedDataProvider data) {
            this.data = data;
        }

        @Override
        public int nextInt(int bound) {
            return data.consumeInt(0, bound - 1);
        }

        @Override
        public boolean nextBoolean() {
            return data.consumeBoolean();
        }

        @Override
        public int nextInt() {
            return data.consumeInt();
        }

        @Override
        public long nextLong() {
            return data.consumeLong();
        }
    }
}
