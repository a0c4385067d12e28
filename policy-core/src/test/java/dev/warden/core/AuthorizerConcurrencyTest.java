package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Threads authorize while another reloads between two policy sets that give opposite answers.
 * Every decision must be one of the two sets' answers for its request; a call that began after a
 * reload returned, with no reload begun before it ended, must get exactly that set's answer.
 */
class AuthorizerConcurrencyTest {
    private static final int READERS = 3;
    private static final int RELOADS = 2_000;

    private static Statement st(Effect e, String action, String pattern) {
        return Statement.of(e, List.of(action), List.of(pattern));
    }

    // Opposite sets: what one allows the other denies (explicitly or by default), and vice versa.
    private static final PolicySet A = PolicySet.builder()
            .add(new Policy("p", List.of(st(Effect.ALLOW, "view", "/a/*"), st(Effect.DENY, "any", "/b/**"))))
            .add(new Role("r", List.of("p")))
            .build();
    private static final PolicySet B = PolicySet.builder()
            .add(new Policy("p", List.of(st(Effect.DENY, "view", "/a/*"), st(Effect.ALLOW, "any", "/b/**"))))
            .add(new Role("r", List.of("p")))
            .build();

    private record Request(Principal principal, String action, String path, Decision inA, Decision inB) {}

    private static List<Request> requests() {
        Authorizer a = Authorizer.builder().noCache().build(A);
        Authorizer b = Authorizer.builder().noCache().build(B);
        List<Request> out = new ArrayList<>();
        Principal[] principals = {
            Principal.builder("k1").role("r").build(), Principal.builder("k2").policy("p").build()};
        String[] paths = {"/a/1", "/a/2", "/b/x", "/b/x/y", "/a/1/2"};
        String[] actions = {"view", "delete"};
        for (Principal p : principals) {
            for (String path : paths) {
                for (String action : actions) {
                    out.add(new Request(p, action, path, a.authorize(p, action, path), b.authorize(p, action, path)));
                }
            }
        }
        return out;
    }

    @Test
    void decisions_comeWhollyFromOneSet_andFromTheNewOneAfterReload() throws Exception {
        assertConsistentUnderReload(Authorizer.builder().cacheMaximumSize(1_000).build(A));
    }

    @Test
    void decisions_comeWhollyFromOneSet_withoutCache() throws Exception {
        assertConsistentUnderReload(Authorizer.builder().noCache().build(A));
    }

    private void assertConsistentUnderReload(Authorizer authorizer) throws Exception {
        List<Request> requests = requests();
        assertThat(requests).anyMatch(r -> !r.inA().equals(r.inB())); // the sets really disagree
        AtomicLong started = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong strictChecks = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(READERS);
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < READERS; t++) {
            int seed = t;
            Thread reader = new Thread(() -> {
                ready.countDown();
                int i = seed;
                while (!done.get()) {
                    Request r = requests.get(i++ % requests.size());
                    long before = completed.get();
                    Decision d = authorizer.authorize(r.principal(), r.action(), r.path());
                    long after = started.get();
                    calls.incrementAndGet();
                    if (!d.equals(r.inA()) && !d.equals(r.inB())) {
                        failures.add("decision of neither set for " + r + ": " + d);
                    }
                    if (after == before) {
                        // No reload began during the call: the set of reload number `before` was live.
                        Decision expected = before % 2 == 0 ? r.inA() : r.inB();
                        strictChecks.incrementAndGet();
                        if (!d.equals(expected)) {
                            failures.add("after reload " + before + " expected " + expected + " for " + r + ": " + d);
                        }
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        ready.await();
        for (int k = 1; k <= RELOADS; k++) {
            started.incrementAndGet();
            authorizer.reload(k % 2 == 0 ? A : B);
            completed.incrementAndGet();
            // Let the readers make some calls between reloads, even on a loaded machine (bounded wait).
            long target = calls.get() + READERS;
            long deadline = System.nanoTime() + 20_000_000L;
            while (calls.get() < target && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(strictChecks.get()).as("calls checked against one exact set").isPositive();
        // Quiescent: after the last reload every request gets the final set's answer.
        PolicySet last = RELOADS % 2 == 0 ? A : B;
        for (Request r : requests) {
            assertThat(authorizer.authorize(r.principal(), r.action(), r.path()))
                    .isEqualTo(last == A ? r.inA() : r.inB());
        }
    }
}
