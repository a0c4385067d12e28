package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DecisionListenerTest {
    private static final PolicySet SET = PolicySet.builder()
            .add(new Policy("read", List.of(Statement.of(Effect.ALLOW, List.of("view"), List.of("/a/*")),
                    Statement.of(Effect.DENY, List.of("view"), List.of("/a/secret")))))
            .build();
    private static final Principal P = Principal.builder("ak_1").policy("read").build();

    /** The same requests, each twice, in every form, with malformed and unknown ones among them. */
    private static final List<AccessRequest> REQUESTS = List.of(
            new AccessRequest.OnResource(P, "view", "/a/1"),
            new AccessRequest.OnResource(P, "view", "/a/1"),
            new AccessRequest.OnResource(P, "view", "/a/secret"),
            new AccessRequest.OnResource(P, "view", "/a/secret"),
            new AccessRequest.Http(P, "GET", "/a/2?x=1"),
            new AccessRequest.Http(P, "GET", "/a/2?x=1"),
            new AccessRequest.Http(P, "GET", "/a/%2e%2e/b"),
            new AccessRequest.Http(P, "TRACE", "/a/1"),
            new AccessRequest.OnResource(P, "fly", "/a/1"),
            new AccessRequest.OnPath(P, "view", ResourcePath.ofHttpPath("/a/3")),
            new AccessRequest.OnPath(P, "view", ResourcePath.ofHttpPath("/a/3")));

    record Heard(AccessRequest request, Decision decision) {}

    static List<Heard> heardBy(Authorizer.Builder builder) {
        List<Heard> heard = new ArrayList<>();
        Authorizer a = builder.listener((r, d) -> heard.add(new Heard(r, d))).build(SET);
        for (AccessRequest r : REQUESTS) {
            Decision returned = a.decide(r);
            assertThat(heard.get(heard.size() - 1).decision()).isSameAs(returned);
        }
        return heard;
    }

    @Test
    void listener_isToldOncePerDecision_withTheRequestAsGiven_andTheDecisionReturned() {
        List<Heard> heard = heardBy(Authorizer.builder().noCache());
        assertThat(heard).hasSize(REQUESTS.size());
        for (int i = 0; i < REQUESTS.size(); i++) {
            assertThat(heard.get(i).request()).isSameAs(REQUESTS.get(i));
        }
        assertThat(heard.get(0).decision().allowed()).isTrue();
        assertThat(heard.get(2).decision().reason()).isEqualTo(Reason.EXPLICIT_DENY);
        assertThat(heard.get(6).decision().reason()).isEqualTo(Reason.MALFORMED_REQUEST);
        assertThat(heard.get(8).decision().reason()).isEqualTo(Reason.UNKNOWN_ACTION);
    }

    @Test
    void cachedDecisions_areHeardAsUncachedOnesAre() {
        Authorizer.Builder cached = Authorizer.builder().recordCacheStatistics();
        List<Heard> withCache = heardBy(cached);
        List<Heard> withoutCache = heardBy(Authorizer.builder().noCache());
        assertThat(withCache).isEqualTo(withoutCache);
    }

    @Test
    void cacheHits_areHeard() {
        List<Heard> heard = new ArrayList<>();
        Authorizer a = Authorizer.builder().recordCacheStatistics().listener((r, d) -> heard.add(new Heard(r, d))).build(SET);
        a.authorize(P, "view", "/a/1");
        a.authorize(P, "view", "/a/1");
        assertThat(a.cacheHits()).isEqualTo(1);
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1).decision()).isEqualTo(heard.get(0).decision());
    }

    @Test
    void listener_runsOnTheCallersThread() {
        AtomicReference<Thread> on = new AtomicReference<>();
        Authorizer a = Authorizer.builder().listener((r, d) -> on.set(Thread.currentThread())).build(SET);
        a.authorize(P, "view", "/a/1");
        assertThat(on.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void aListenerThatThrows_failsTheCall() {
        Authorizer a = Authorizer.builder().listener((r, d) -> {
            throw new IllegalStateException("audit log down");
        }).build(SET);
        assertThatThrownBy(() -> a.authorize(P, "view", "/a/1")).hasMessage("audit log down");
    }

    @Test
    void nullListener_isRefused() {
        assertThatThrownBy(() -> Authorizer.builder().listener(null)).isInstanceOf(NullPointerException.class);
    }
}
