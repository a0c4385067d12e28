package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Statements with conditions, decided: three values, failing closed, and a cache that never serves a stale one. */
class ConditionDecisionTest {
    static Clause clause(String key, String op, ConditionValue value) {
        return new Clause(ConditionKey.parse(key), Clause.Operator.ofSymbol(op).orElseThrow(), value);
    }

    static Clause clause(String key, String op, String literal) {
        return clause(key, op, ConditionValue.literal(literal));
    }

    static Clause text(String key, String op, String value) {
        return clause(key, op, new ConditionValue.Text(value));
    }

    static Statement allow(String action, String pattern, Condition c) {
        return Statement.of(Effect.ALLOW, List.of(action), List.of(pattern)).when(c);
    }

    static Statement deny(String action, String pattern, Condition c) {
        return Statement.of(Effect.DENY, List.of(action), List.of(pattern)).when(c);
    }

    static Statement allow(String action, String pattern) {
        return Statement.of(Effect.ALLOW, List.of(action), List.of(pattern));
    }

    static Principal p(Map<String, String> attributes) {
        return Principal.builder("ak_1").policy("p").attributes(attributes).build();
    }

    static Authorizer authorizer(Statement... statements) {
        return Authorizer.builder().noCache().build(PolicySet.builder().add(new Policy("p", List.of(statements))).build());
    }

    static Reason decide(Authorizer a, Principal principal, String resource, Map<String, String> context) {
        return a.decide(new AccessRequest.OnResource(principal, "view", resource, context)).reason();
    }

    @Nested
    class ThreeValues {
        final Authorizer a = authorizer(
                allow("view", "/w/*/channels", Condition.of(clause("context.ip", "in", "10.0.0.0/8"))),
                allow("view", "/w/*/numbers", Condition.of(clause("context.ip", "not in", "10.0.0.0/8"))),
                allow("view", "/w/*/connectors/**"),
                deny("view", "/w/*/connectors/*", Condition.of(clause("context.ip", "not in", "10.0.0.0/8"))));

        @ParameterizedTest
        @CsvSource({
            "/w/1/channels, 10.1.2.3, ALLOWED",
            "/w/1/channels, 11.1.2.3, NO_MATCH",
            "/w/1/channels, localhost, NO_MATCH",
            "/w/1/channels, , NO_MATCH",
            "/w/1/numbers, 11.1.2.3, ALLOWED",
            "/w/1/numbers, 10.1.2.3, NO_MATCH",
            "/w/1/numbers, localhost, NO_MATCH",
            "/w/1/numbers, , NO_MATCH",
            "/w/1/connectors/c1, 10.1.2.3, ALLOWED",
            "/w/1/connectors/c1, 11.1.2.3, EXPLICIT_DENY",
            "/w/1/connectors/c1, localhost, EXPLICIT_DENY",
            "/w/1/connectors/c1, , EXPLICIT_DENY",
            "/w/1/connectors/c1/x, , ALLOWED",
        })
        void anAllow_appliesOnTrue_aDeny_onTrueOrUnknown(String resource, String ip, Reason expected) {
            Map<String, String> context = ip == null ? Map.of() : Map.of("ip", ip);
            assertThat(decide(a, p(Map.of()), resource, context)).isEqualTo(expected);
        }

        @Test
        void theMatchedStatements_areThoseThatApplied() {
            Authorizer two = authorizer(
                    allow("view", "/w/*", Condition.of(text("context.a", "==", "1"))),
                    allow("view", "/w/*", Condition.of(text("context.b", "==", "1"))));
            Decision d = two.decide(new AccessRequest.OnResource(p(Map.of()), "view", "/w/1", Map.of("b", "1")));
            assertThat(d.reason()).isEqualTo(Reason.ALLOWED);
            assertThat(d.matched()).extracting(MatchedStatement::index).containsExactly(1);
        }
    }

    @Nested
    class AndBeforeOr {
        // a or b and c
        final Condition c = new Condition(List.of(
                new Condition.Conjunction(List.of(text("context.a", "==", "1"))),
                new Condition.Conjunction(List.of(text("context.b", "==", "1"), text("context.c", "==", "1")))));
        final Authorizer a = authorizer(allow("view", "/w/*", c), allow("view", "/d/*"), deny("view", "/d/*", c));

        @ParameterizedTest
        @CsvSource({
            // a, b, c (- for missing): the allow on /w, the deny on /d
            "1, 0, 0, ALLOWED, EXPLICIT_DENY",
            "0, 1, 1, ALLOWED, EXPLICIT_DENY",
            "0, 1, 0, NO_MATCH, ALLOWED",
            "0, 0, 1, NO_MATCH, ALLOWED",
            "-, 1, 1, ALLOWED, EXPLICIT_DENY",
            "-, 0, 1, NO_MATCH, EXPLICIT_DENY",
            "0, -, 0, NO_MATCH, ALLOWED",
            "0, 1, -, NO_MATCH, EXPLICIT_DENY",
            "1, -, -, ALLOWED, EXPLICIT_DENY",
            "-, -, -, NO_MATCH, EXPLICIT_DENY",
        })
        void andBindsTighter_andUnknownFailsClosed(String va, String vb, String vc, Reason allow, Reason deny) {
            Map<String, String> context = new java.util.HashMap<>();
            for (String[] kv : new String[][] {{"a", va}, {"b", vb}, {"c", vc}}) {
                if (!kv[1].equals("-")) {
                    context.put(kv[0], kv[1]);
                }
            }
            assertThat(decide(a, p(Map.of()), "/w/1", context)).isEqualTo(allow);
            assertThat(decide(a, p(Map.of()), "/d/1", context)).isEqualTo(deny);
        }
    }

    @Nested
    class Values {
        @Test
        void principalKeys_readTheIdAndAttributes() {
            Authorizer a = authorizer(
                    allow("view", "/w/*", new Condition(List.of(
                            new Condition.Conjunction(List.of(text("principal.id", "==", "ak_root"))),
                            new Condition.Conjunction(List.of(text("principal.team", "==", "ops"), clause("principal.level", ">=", "3.5")))))));
            assertThat(decide(a, Principal.builder("ak_root").policy("p").build(), "/w/1", Map.of())).isEqualTo(Reason.ALLOWED);
            assertThat(decide(a, p(Map.of("team", "ops", "level", "3.50")), "/w/1", Map.of())).isEqualTo(Reason.ALLOWED);
            assertThat(decide(a, p(Map.of("team", "ops", "level", "3.4")), "/w/1", Map.of())).isEqualTo(Reason.NO_MATCH);
            assertThat(decide(a, p(Map.of("team", "ops", "level", "high")), "/w/1", Map.of())).isEqualTo(Reason.NO_MATCH);
            assertThat(decide(a, p(Map.of("team", "ops")), "/w/1", Map.of("level", "9"))).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void aContextValue_readByManyClauses_isParsedOnce_andEachTypeAlone() {
            Authorizer a = authorizer(
                    allow("view", "/w/*", Condition.allOf(List.of(
                            clause("context.n", ">", "1"), clause("context.n", "<", "10"), text("context.n", "!=", "5"),
                            clause("context.n", "not in", "10.0.0.0/8")))));
            // `7` is a number but no address: the address clause is unknown, so the allow does not apply
            assertThat(decide(a, p(Map.of()), "/w/1", Map.of("n", "7"))).isEqualTo(Reason.NO_MATCH);
            Authorizer b = authorizer(allow("view", "/w/*", Condition.allOf(List.of(
                    clause("context.n", ">", "1"), clause("context.n", "<", "10"), text("context.n", "!=", "5")))));
            assertThat(decide(b, p(Map.of()), "/w/1", Map.of("n", "7"))).isEqualTo(Reason.ALLOWED);
            assertThat(decide(b, p(Map.of()), "/w/1", Map.of("n", "5"))).isEqualTo(Reason.NO_MATCH);
            assertThat(decide(b, p(Map.of()), "/w/1", Map.of("n", "07"))).isEqualTo(Reason.ALLOWED);
        }

        @Test
        void stringsAreText_andAnEmptyStringIsAValue() {
            Authorizer a = authorizer(allow("view", "/w/*", Condition.of(text("context.ip", "like", "10.*"))),
                    allow("view", "/e/*", Condition.of(text("context.x", "==", ""))));
            assertThat(decide(a, p(Map.of()), "/w/1", Map.of("ip", "::ffff:10.1.2.3"))).isEqualTo(Reason.NO_MATCH);
            assertThat(decide(a, p(Map.of()), "/w/1", Map.of("ip", "10.1.2.3"))).isEqualTo(Reason.ALLOWED);
            assertThat(decide(a, p(Map.of()), "/e/1", Map.of("x", ""))).isEqualTo(Reason.ALLOWED);
            assertThat(decide(a, p(Map.of()), "/e/1", Map.of())).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void contextKeys_areCaseSensitive() {
            Authorizer a = authorizer(allow("view", "/w/*", Condition.of(text("context.mfa", "==", "true"))));
            assertThat(decide(a, p(Map.of()), "/w/1", Map.of("MFA", "true"))).isEqualTo(Reason.NO_MATCH);
            assertThat(decide(a, p(Map.of()), "/w/1", Map.of("mfa", "true"))).isEqualTo(Reason.ALLOWED);
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now;
        int reads;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            reads++;
            return now;
        }
    }

    @Nested
    class TimeAndTheCache {
        static final Instant T = Instant.parse("2027-01-01T00:00:00Z");
        final PolicySet set = PolicySet.builder().add(new Policy("p", List.of(
                allow("view", "/w/*", Condition.of(clause("context.time", "<", "2027-01-01T00:00:00Z"))),
                allow("view", "/x/*", Condition.of(clause("context.time", ">", "2027-01-01T00:00:00Z"))),
                allow("view", "/s/*", Condition.of(text("context.time", "like", "2026-*"))),
                allow("view", "/ip/*", Condition.of(clause("context.ip", "in", "10.0.0.0/8")))))).build();

        @Test
        void aDecisionThatReadTheClock_isNotServedPastTheInstantItsClauseFlips() {
            TestClock clock = new TestClock(T.minusSeconds(2));
            Authorizer cached = Authorizer.builder().clock(clock).recordCacheStatistics().build(set);
            Authorizer uncached = Authorizer.builder().clock(clock).noCache().build(set);
            Principal pr = p(Map.of());
            for (Instant at : List.of(T.minusSeconds(2), T.minusSeconds(1), T.minusNanos(1), T, T.plusNanos(1), T.plusSeconds(5))) {
                clock.now = at;
                for (String r : List.of("/w/1", "/x/1")) {
                    for (int round = 0; round < 2; round++) {
                        assertThat(cached.authorize(pr, "view", r)).as("%s at %s", r, at).isEqualTo(uncached.authorize(pr, "view", r));
                    }
                }
            }
            assertThat(cached.authorize(pr, "view", "/w/1").reason()).isEqualTo(Reason.NO_MATCH);
            assertThat(cached.authorize(pr, "view", "/x/1").reason()).isEqualTo(Reason.ALLOWED);
            assertThat(cached.cacheHits()).as("the cache served the rounds in between").isPositive();
        }

        @Test
        void theBoundaries_areExact() {
            TestClock clock = new TestClock(T.minusNanos(1));
            Authorizer a = Authorizer.builder().clock(clock).build(set);
            Principal pr = p(Map.of());
            assertThat(a.authorize(pr, "view", "/w/1").reason()).isEqualTo(Reason.ALLOWED);
            clock.now = T;
            assertThat(a.authorize(pr, "view", "/w/1").reason()).isEqualTo(Reason.NO_MATCH);
            assertThat(a.authorize(pr, "view", "/x/1").reason()).isEqualTo(Reason.NO_MATCH);
            clock.now = T.plusNanos(1);
            assertThat(a.authorize(pr, "view", "/x/1").reason()).isEqualTo(Reason.ALLOWED);
        }

        @Test
        void theClockAsText_isNeverCached() {
            TestClock clock = new TestClock(Instant.parse("2026-12-31T23:59:59Z"));
            Authorizer a = Authorizer.builder().clock(clock).build(set);
            Principal pr = p(Map.of());
            assertThat(a.authorize(pr, "view", "/s/1").reason()).isEqualTo(Reason.ALLOWED);
            clock.now = T;
            assertThat(a.authorize(pr, "view", "/s/1").reason()).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void aRequestsOwnTime_winsOverTheClock_andIsPartOfTheKey() {
            TestClock clock = new TestClock(T.plusSeconds(10));
            Authorizer a = Authorizer.builder().clock(clock).build(set);
            Principal pr = p(Map.of());
            assertThat(a.decide(new AccessRequest.OnResource(pr, "view", "/w/1", Map.of("time", "2026-01-01T00:00:00Z"))).reason())
                    .isEqualTo(Reason.ALLOWED);
            assertThat(a.decide(new AccessRequest.OnResource(pr, "view", "/w/1", Map.of("time", "2028-01-01T00:00:00Z"))).reason())
                    .isEqualTo(Reason.NO_MATCH);
            assertThat(a.authorize(pr, "view", "/w/1").reason()).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void withoutAClock_aMissingTime_isUnknown() {
            Authorizer a = Authorizer.of(set);
            assertThat(a.authorize(p(Map.of()), "view", "/w/1").reason()).isEqualTo(Reason.NO_MATCH);
            assertThat(a.authorize(p(Map.of()), "view", "/x/1").reason()).isEqualTo(Reason.NO_MATCH);
        }

        @Test
        void theCacheKey_holdsOnlyTheContextValuesConditionsRead() {
            Authorizer a = Authorizer.builder().recordCacheStatistics().build(set);
            Principal pr = p(Map.of());
            for (int i = 0; i < 50; i++) {
                Decision d = a.decide(new AccessRequest.OnResource(pr, "view", "/ip/1", Map.of("ip", "10.0.0.1", "trace", "t" + i)));
                assertThat(d.reason()).isEqualTo(Reason.ALLOWED);
                Decision h = a.decide(new AccessRequest.Http(pr, "GET", "/ip/1", Map.of("ip", "10.0.0.1", "trace", "t" + i)));
                assertThat(h.reason()).isEqualTo(Reason.ALLOWED);
            }
            assertThat(a.cachedDecisions()).isEqualTo(2);
            assertThat(a.decide(new AccessRequest.OnResource(pr, "view", "/ip/1", Map.of("ip", "11.0.0.1"))).reason())
                    .isEqualTo(Reason.NO_MATCH);
            assertThat(a.cachedDecisions()).isEqualTo(3);
        }

        @Test
        void theCacheKey_keepsEveryValueConditionsRead_andDropsTheOthers() {
            Authorizer a = Authorizer.builder().recordCacheStatistics().build(set);
            Principal pr = p(Map.of());
            for (int i = 0; i < 20; i++) {
                Map<String, String> context = Map.of("ip", "10.0.0.1", "time", "2026-06-01T00:00:00Z", "trace", "t" + i);
                assertThat(a.decide(new AccessRequest.OnResource(pr, "view", "/w/1", context)).reason()).isEqualTo(Reason.ALLOWED);
                assertThat(a.decide(new AccessRequest.Http(pr, "GET", "/ip/1", context)).reason()).isEqualTo(Reason.ALLOWED);
            }
            assertThat(a.cachedDecisions()).isEqualTo(2);
            assertThat(a.decide(new AccessRequest.OnResource(pr, "view", "/w/1",
                    Map.of("ip", "10.0.0.1", "time", "2027-06-01T00:00:00Z", "trace", "t"))).reason()).isEqualTo(Reason.NO_MATCH);
            assertThat(a.decide(new AccessRequest.Http(pr, "GET", "/ip/1",
                    Map.of("ip", "11.0.0.1", "time", "2026-06-01T00:00:00Z", "trace", "t"))).reason()).isEqualTo(Reason.NO_MATCH);
            assertThat(a.cachedDecisions()).isEqualTo(4);
        }

        @Test
        void aSetWithoutConditions_ignoresTheContext_andCachesOncePerRequest() {
            Authorizer a = Authorizer.of(PolicySet.builder().add(new Policy("p", List.of(allow("view", "/w/*")))).build());
            for (int i = 0; i < 20; i++) {
                assertThat(a.decide(new AccessRequest.OnResource(p(Map.of()), "view", "/w/1", Map.of("ip", "10.0.0." + i))).reason())
                        .isEqualTo(Reason.ALLOWED);
            }
            assertThat(a.cachedDecisions()).isEqualTo(1);
        }
    }

    @Test
    void statementsWithAndWithoutConditions_differ() {
        Statement plain = allow("view", "/w/*");
        Statement conditioned = plain.when(Condition.of(text("context.a", "==", "1")));
        assertThat(plain).isNotEqualTo(conditioned);
        assertThat(plain.condition()).isEmpty();
        assertThat(conditioned.condition().orElseThrow().keys()).isEqualTo(Set.of(ConditionKey.parse("context.a")));
    }
}
