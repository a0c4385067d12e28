package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every limit of policy-core, at the limit (accepted, decided as usual) and one past it (a
 * malformed request, denied; or a rejected pattern or name). The policy set allows everything,
 * so a request over a limit that were not caught would be allowed.
 */
class LimitsTest {
    private static final PolicySet ALLOW_ALL = PolicySet.builder()
            .add(new Policy("all", List.of(Statement.of(Effect.ALLOW, List.of("any"), List.of("/**")))))
            .build();
    private static final Principal KEY = Principal.builder("ak_1").policy("all").build();

    /** A path of exactly {@code length} characters: {@code /xxx...}. */
    private static String pathOfLength(int length) {
        return "/" + "x".repeat(length - 1);
    }

    /** A path of exactly {@code n} segments: {@code /s/s/...}. */
    private static String pathOfSegments(int n) {
        return "/s".repeat(n);
    }

    @Nested
    class RequestPaths {
        final Authorizer cached = Authorizer.of(ALLOW_ALL);
        final Authorizer uncached = Authorizer.builder().noCache().build(ALLOW_ALL);

        private void assertDecided(String path, Reason expected) {
            for (Authorizer a : List.of(cached, uncached)) {
                assertThat(a.authorize(KEY, "view", path).reason()).as("resource form").isEqualTo(expected);
                assertThat(a.authorizeHttp(KEY, "GET", path).reason()).as("HTTP form").isEqualTo(expected);
                assertThat(a.decide(new AccessRequest.OnPath(KEY, "view", ResourcePath.ofResource(path))).reason())
                        .as("canonical resource form").isEqualTo(expected);
                assertThat(a.decide(new AccessRequest.OnPath(KEY, "view", ResourcePath.ofHttpPath(path))).reason())
                        .as("canonical HTTP form").isEqualTo(expected);
            }
        }

        @Test
        void pathLength_atTheLimit_isDecided() {
            assertDecided(pathOfLength(Limits.MAX_PATH_LENGTH), Reason.ALLOWED);
        }

        @Test
        void pathLength_onePast_isMalformedInBothForms() {
            String path = pathOfLength(Limits.MAX_PATH_LENGTH + 1);
            assertDecided(path, Reason.MALFORMED_REQUEST);
            assertThat(cached.authorizeHttp(KEY, "GET", path).detail()).isEqualTo("path is longer than 4096 bytes");
            assertThat(cached.authorize(KEY, "view", path).detail()).isEqualTo("path is longer than 4096 bytes");
        }

        @Test
        void pathLength_isCountedBeforeDecoding() {
            // 1 + 1365 escapes of 3 characters = 4096 characters, which decode to 1366: the raw length counts
            String atLimit = "/" + "%41".repeat(1365);
            assertThat(atLimit).hasSize(Limits.MAX_PATH_LENGTH);
            assertDecided(atLimit, Reason.ALLOWED);
            assertDecided(atLimit + "x", Reason.MALFORMED_REQUEST);
        }

        @Test
        void pathLength_inTheHttpForm_isCountedWithoutTheQuery() {
            String path = pathOfLength(Limits.MAX_PATH_LENGTH);
            assertThat(cached.authorizeHttp(KEY, "GET", path + "?q=" + "y".repeat(10_000)).reason())
                    .isEqualTo(Reason.ALLOWED);
            assertThat(cached.authorizeHttp(KEY, "GET", path + "x?q=1").reason()).isEqualTo(Reason.MALFORMED_REQUEST);
            // the resource form has no query: a `?` is malformed whatever the length
            assertThat(cached.authorize(KEY, "view", path + "?q=1").reason()).isEqualTo(Reason.MALFORMED_REQUEST);
        }

        @Test
        void segments_atTheLimit_areDecided() {
            assertDecided(pathOfSegments(Limits.MAX_PATH_SEGMENTS), Reason.ALLOWED);
        }

        @Test
        void segments_onePast_areMalformedInBothForms() {
            String path = pathOfSegments(Limits.MAX_PATH_SEGMENTS + 1);
            assertDecided(path, Reason.MALFORMED_REQUEST);
            assertThat(cached.authorizeHttp(KEY, "GET", path).detail()).isEqualTo("path has more than 128 segments");
        }

        @Test
        void segments_onePast_inTheHttpForm_countOnlyThePath() {
            String path = pathOfSegments(Limits.MAX_PATH_SEGMENTS);
            assertThat(cached.authorizeHttp(KEY, "GET", path + "?next=/a/b/c").reason()).isEqualTo(Reason.ALLOWED);
            assertThat(cached.authorizeHttp(KEY, "GET", path + "/s?x=1").reason()).isEqualTo(Reason.MALFORMED_REQUEST);
        }
    }

    @Nested
    class PatternsAndNames {
        @Test
        void patternLength_atTheLimit_isAccepted_onePast_isRejected() {
            assertThat(ResourcePattern.parse(pathOfLength(Limits.MAX_PATH_LENGTH)).toString())
                    .hasSize(Limits.MAX_PATH_LENGTH);
            assertThatThrownBy(() -> ResourcePattern.parse(pathOfLength(Limits.MAX_PATH_LENGTH + 1)))
                    .isInstanceOf(InvalidPatternException.class)
                    .hasMessageContaining("longer than 4096 characters");
        }

        @Test
        void patternSegments_atTheLimit_areAccepted_onePast_areRejected() {
            ResourcePattern.parse(pathOfSegments(Limits.MAX_PATH_SEGMENTS));
            assertThatThrownBy(() -> ResourcePattern.parse(pathOfSegments(Limits.MAX_PATH_SEGMENTS + 1)))
                    .isInstanceOf(InvalidPatternException.class)
                    .hasMessageContaining("at most 128 segments");
        }

        @Test
        void nameLength_atTheLimit_isAccepted_onePast_isRejected() {
            String name = "n".repeat(Limits.MAX_NAME_LENGTH);
            assertThat(new Policy(name, List.of()).name()).isEqualTo(name);
            assertThat(new Role(name, List.of()).name()).isEqualTo(name);
            assertThatThrownBy(() -> new Policy(name + "n", List.of()))
                    .hasMessage("a policy name is at most 256 characters");
            assertThatThrownBy(() -> new Role(name + "n", List.of()))
                    .hasMessage("a role name is at most 256 characters");
        }
    }

    @Nested
    class DecisionCache {
        @Test
        void cache_neverGrowsPastItsBound_underAStreamOfDistinctRequests() {
            long bound = 1_000;
            Authorizer a = Authorizer.builder().cacheMaximumSize(bound).build(ALLOW_ALL);
            Random random = new Random(7);
            long max = 0;
            for (int i = 0; i < 50_000; i++) { // 50 times the bound
                Principal p = Principal.builder("ak_" + random.nextInt(1_000)).policy("all")
                        .attribute("n", Integer.toString(i)).build();
                Decision d = switch (i % 3) {
                    case 0 -> a.authorize(p, "view", "/w/" + i);
                    case 1 -> a.authorizeHttp(p, "GET", "/w/" + i + "?page=" + i);
                    default -> a.decide(new AccessRequest.OnPath(p, "update", ResourcePath.ofResource("/w/" + i + "/c")));
                };
                assertThat(d.reason()).isEqualTo(Reason.ALLOWED);
                if (i % 1_000 == 999) {
                    long size = a.cachedDecisions();
                    assertThat(size).as("after %d requests", i + 1).isLessThanOrEqualTo(bound);
                    max = Math.max(max, size);
                }
            }
            assertThat(max).as("the cache was used").isGreaterThan(bound / 2);
        }

        @Test
        void requestsOverTheCachedSize_areDecidedButNotCached() {
            Authorizer a = Authorizer.builder().cacheMaximumSize(100).build(ALLOW_ALL);
            String path = "/w/c";
            String action = "view";
            // principal chars: id (2) + policy (3) + attribute name (1) + value
            int value = Limits.MAX_CACHED_REQUEST_CHARS - 2 - 3 - 1 - path.length();
            Principal atLimit = Principal.builder("ak").policy("all").attribute("a", "v".repeat(value)).build();
            Principal onePast = Principal.builder("ak").policy("all").attribute("a", "v".repeat(value + 1)).build();

            assertThat(a.authorize(onePast, action, path).reason()).isEqualTo(Reason.ALLOWED);
            assertThat(a.authorizeHttp(onePast, "GET", path).reason()).isEqualTo(Reason.ALLOWED);
            assertThat(a.cachedDecisions()).isZero();

            assertThat(a.authorize(atLimit, action, path).reason()).isEqualTo(Reason.ALLOWED);
            assertThat(a.cachedDecisions()).isEqualTo(1);
            assertThat(a.authorizeHttp(atLimit, "GET", path).reason()).isEqualTo(Reason.ALLOWED);
            assertThat(a.cachedDecisions()).isEqualTo(2);
        }

        @Test
        void requestsOverTheCachedSize_getTheSameDecisionsAsCachedOnes() {
            PolicySet set = PolicySet.builder()
                    .add(new Policy("p", List.of(
                            Statement.of(Effect.ALLOW, List.of("view"), List.of("/w/${principal.ws}/**")),
                            Statement.of(Effect.DENY, List.of("view"), List.of("/w/*/secret")))))
                    .build();
            Authorizer a = Authorizer.of(set);
            Authorizer none = Authorizer.builder().noCache().build(set);
            String big = "x".repeat(Limits.MAX_CACHED_REQUEST_CHARS);
            Principal p = Principal.builder("ak").policy("p").attribute("ws", "w1").attribute("pad", big).build();
            for (String path : List.of("/w/w1/a", "/w/w2/a", "/w/w1/secret", "/w/w1")) {
                assertThat(a.authorize(p, "view", path)).isEqualTo(none.authorize(p, "view", path));
                assertThat(a.authorizeHttp(p, "GET", path)).isEqualTo(none.authorizeHttp(p, "GET", path));
            }
            assertThat(a.cachedDecisions()).isZero();
        }
    }
}
