package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizerCacheStatisticsTest {
    private static final PolicySet SET = PolicySet.builder()
            .add(new Policy("read", List.of(Statement.of(Effect.ALLOW, List.of("view"), List.of("/a/*")))))
            .build();
    private static final Principal P = Principal.builder("ak_1").policy("read").build();

    @Test
    void hitsAndMisses_countedAcrossReloads_whenAskedFor() {
        Authorizer a = Authorizer.builder().recordCacheStatistics().build(SET);
        a.authorize(P, "view", "/a/1");
        a.authorize(P, "view", "/a/1");
        a.authorizeHttp(P, "GET", "/a/2");
        a.authorizeHttp(P, "GET", "/a/2?x=1");
        assertThat(a.cacheMisses()).isEqualTo(2);
        assertThat(a.cacheHits()).isEqualTo(2);

        a.reload(SET); // a new cache: the next lookup misses, the counts go on
        a.authorize(P, "view", "/a/1");
        assertThat(a.cacheMisses()).isEqualTo(3);
        assertThat(a.cacheHits()).isEqualTo(2);
    }

    @Test
    void malformedAndUnknownMethods_neverReachTheCache() {
        Authorizer a = Authorizer.builder().recordCacheStatistics().build(SET);
        a.authorizeHttp(P, "GET", "/a//1");
        a.authorizeHttp(P, "get", "/a/1");
        assertThat(a.cacheHits() + a.cacheMisses()).isZero();
    }

    @Test
    void statistics_areZero_unlessAskedFor() {
        Authorizer a = Authorizer.of(SET);
        a.authorize(P, "view", "/a/1");
        a.authorize(P, "view", "/a/1");
        assertThat(a.cacheHits()).isZero();
        assertThat(a.cacheMisses()).isZero();
    }
}
