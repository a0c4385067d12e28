package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Threads authorize while the test thread makes a sequence of reload attempts, some of which fail
 * (a bad pattern, an unknown action, a role naming a missing policy, an I/O error, no set at all).
 *
 * <p>Attempts are numbered; the set live after each attempt is known in advance (a failed attempt
 * leaves the one before). A reader notes how many attempts had completed before its call and how
 * many had started after it: the call can only have read a set live after one of those attempts,
 * so its decision must equal the uncached answer of one of them. When no attempt began during the
 * call there is exactly one such set. After every attempt the test thread also checks that {@link
 * Authorizer#policySet()} is the very set expected, so a failed attempt leaves the previous set in
 * place, the same object.
 */
class AuthorizerConcurrencyTest {
    private static final int READERS = 3;
    /**
     * After {@link #MIN_ATTEMPTS} attempts the loop stops once this long has passed, so that a
     * loaded machine keeps the test short.
     */
    private static final long MAX_NANOS = 1_000_000_000L;
    private static final int MIN_ATTEMPTS = 50;

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

    private enum Form { ACTION, HTTP, CANONICAL }

    /** A request and, per candidate set, the decision an uncached authorizer of that set gives it. */
    private record Request(Principal principal, Form form, String verb, String path, List<Decision> answers) {
        Decision ask(Authorizer a) {
            return switch (form) {
                case ACTION -> a.authorize(principal, verb, path);
                case HTTP -> a.authorizeHttp(principal, verb, path);
                case CANONICAL -> a.decide(new AccessRequest.OnPath(principal, verb, ResourcePath.ofResource(path)));
            };
        }

        /** @param uncached one authorizer without a cache per candidate set */
        static Request of(List<Authorizer> uncached, Principal principal, Form form, String verb, String path) {
            List<Decision> answers = new ArrayList<>();
            for (Authorizer a : uncached) {
                answers.add(new Request(principal, form, verb, path, List.of()).ask(a));
            }
            return new Request(principal, form, verb, path, List.copyOf(answers));
        }
    }

    private static List<Authorizer> uncached(List<PolicySet> sets) {
        return sets.stream().map(s -> Authorizer.builder().noCache().build(s)).toList();
    }

    /**
     * One reload attempt: {@code load} makes the set to install (as a loader would, from files),
     * which is {@code sets[set]}; or it throws, or the reload itself does, when {@code set} is -1.
     */
    private record Attempt(int set, String what, Supplier<PolicySet> load, Class<? extends RuntimeException> error) {
        boolean fails() {
            return set < 0;
        }
    }

    private static Attempt install(List<PolicySet> sets, int i) {
        return new Attempt(i, "install set " + i, () -> sets.get(i), null);
    }

    /** The ways a reload can fail before anything is swapped. */
    private static final List<Attempt> FAILURES = List.of(
            new Attempt(-1, "bad pattern", () -> PolicySet.builder()
                    .add(new Policy("p0", List.of(st(Effect.ALLOW, "view", "/workspaces/../admin")))).build(),
                    InvalidPatternException.class),
            new Attempt(-1, "unknown action", () -> PolicySet.builder()
                    .add(new Policy("p0", List.of(st(Effect.ALLOW, "publish", "/workspaces/*")))).build(),
                    PolicySetException.class),
            new Attempt(-1, "role names a missing policy", () -> PolicySet.builder()
                    .add(new Policy("p0", List.of(st(Effect.ALLOW, "any", "/**"))))
                    .add(new Role("r0", List.of("p0", "p9"))).build(),
                    PolicySetException.class),
            new Attempt(-1, "i/o error", () -> {
                throw new UncheckedIOException(new IOException("policy file deleted mid-reload"));
            }, UncheckedIOException.class),
            new Attempt(-1, "no set", () -> null, NullPointerException.class));

    @Test
    void decisions_comeWhollyFromOneSet_andFromTheNewOneAfterReload() throws Exception {
        stressAlternating(Authorizer.builder().cacheMaximumSize(1_000).build(A));
    }

    @Test
    void decisions_comeWhollyFromOneSet_withoutCache() throws Exception {
        stressAlternating(Authorizer.builder().noCache().build(A));
    }

    @Test
    void failedReloads_leaveThePreviousSetServing_withCache() throws Exception {
        stressRandom(Authorizer.builder().cacheMaximumSize(64), 7L);
    }

    @Test
    void failedReloads_leaveThePreviousSetServing_withoutCache() throws Exception {
        stressRandom(Authorizer.builder().noCache(), 8L);
    }

    @Test
    void failedReload_keepsTheSameSetAndItsAnswers() {
        List<PolicySet> sets = List.of(A, B);
        Authorizer authorizer = Authorizer.of(A);
        Principal p = Principal.builder("k").role("r").build();
        Decision before = authorizer.authorize(p, "view", "/a/1");
        assertThat(before.allowed()).isTrue();
        for (Attempt failure : FAILURES) {
            try {
                authorizer.reload(failure.load().get());
                throw new AssertionError(failure.what() + " did not fail");
            } catch (RuntimeException e) {
                assertThat(e).as(failure.what()).isInstanceOf(failure.error());
            }
            assertThat(authorizer.policySet()).as(failure.what()).isSameAs(A);
            assertThat(authorizer.authorize(p, "view", "/a/1")).as(failure.what()).isEqualTo(before);
        }
        authorizer.reload(install(sets, 1).load().get());
        assertThat(authorizer.authorize(p, "view", "/a/1").reason()).isEqualTo(Reason.EXPLICIT_DENY);
    }

    /** Reloads alternate between two sets that give opposite answers. */
    private static void stressAlternating(Authorizer authorizer) throws Exception {
        List<PolicySet> sets = List.of(A, B);
        List<Authorizer> uncached = uncached(sets);
        List<Request> requests = new ArrayList<>();
        Principal[] principals = {
            Principal.builder("k1").role("r").build(), Principal.builder("k2").policy("p").build()};
        for (Principal p : principals) {
            for (String path : new String[] {"/a/1", "/a/2", "/b/x", "/b/x/y", "/a/1/2"}) {
                for (String action : new String[] {"view", "delete"}) {
                    requests.add(Request.of(uncached, p, Form.ACTION, action, path));
                }
            }
        }
        assertThat(requests).anyMatch(r -> !r.answers().get(0).equals(r.answers().get(1))); // the sets disagree
        List<Attempt> attempts = new ArrayList<>();
        for (int k = 1; k <= 2_000; k++) {
            attempts.add(install(sets, k % 2));
        }
        stress(authorizer, sets, 0, requests, attempts);
    }

    /** Reloads between four random sets, a third of the attempts failing in one of five ways. */
    private static void stressRandom(Authorizer.Builder builder, long seed) throws Exception {
        RandomPolicies gen = new RandomPolicies(seed);
        List<PolicySet> sets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sets.add(gen.policySet());
        }
        List<Authorizer> uncached = uncached(sets);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Principal p = gen.principal(sets.get(gen.nextInt(sets.size())));
            String path = gen.path();
            Form form = Form.values()[gen.nextInt(3)];
            requests.add(Request.of(uncached, p, form, form == Form.HTTP ? gen.method() : gen.action(), path));
        }
        // The uncached answers are the reference's, and the sets disagree on many requests.
        List<ReferenceMatcher> references = sets.stream().map(ReferenceMatcher::new).toList();
        int disagreements = 0;
        for (Request r : requests) {
            for (int s = 0; s < sets.size(); s++) {
                ReferenceMatcher reference = references.get(s);
                ReferenceMatcher.Expected e = r.form() == Form.HTTP
                        ? reference.decideHttp(r.principal(), r.verb(), r.path())
                        : reference.decide(r.principal(), r.verb(), r.path());
                assertThat(r.answers().get(s).reason()).as(r.toString()).isEqualTo(e.reason());
                assertThat(r.answers().get(s).matched()).as(r.toString()).isEqualTo(e.matched());
            }
            disagreements += r.answers().stream().distinct().count() > 1 ? 1 : 0;
        }
        assertThat(disagreements).as("requests the sets answer differently").isGreaterThan(requests.size() / 4);
        Random plan = new Random(seed);
        List<Attempt> attempts = new ArrayList<>();
        for (int k = 0; k < 1_500; k++) {
            attempts.add(plan.nextInt(3) == 0
                    ? FAILURES.get(plan.nextInt(FAILURES.size()))
                    : install(sets, plan.nextInt(sets.size())));
        }
        stress(builder.build(sets.get(0)), sets, 0, requests, attempts);
    }

    /**
     * Runs {@link #READERS} threads asking {@code requests} round-robin while this thread makes the
     * attempts in order, starting from {@code sets[initial]}; fails on any decision that no set live
     * during its call gives, and on any attempt that does not leave the expected set in place.
     */
    private static void stress(Authorizer authorizer, List<PolicySet> sets, int initial, List<Request> requests,
            List<Attempt> attempts) throws Exception {
        // liveAfter[k]: the index of the set serving once attempt k (1-based) has returned; [0] at start.
        int[] liveAfter = new int[attempts.size() + 1];
        liveAfter[0] = initial;
        for (int k = 1; k <= attempts.size(); k++) {
            Attempt a = attempts.get(k - 1);
            liveAfter[k] = a.fails() ? liveAfter[k - 1] : a.set();
        }
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
                    Decision d = r.ask(authorizer);
                    long after = started.get();
                    calls.incrementAndGet();
                    // The call read the set live after some attempt in [before, after].
                    boolean fromALiveSet = false;
                    for (long k = before; k <= after && !fromALiveSet; k++) {
                        fromALiveSet = d.equals(r.answers().get(liveAfter[(int) k]));
                    }
                    if (before == after) {
                        strictChecks.incrementAndGet();
                    }
                    if (!fromALiveSet) {
                        failures.add("attempts " + before + ".." + after + ": no live set answers " + d + " to " + r);
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        ready.await();
        int made = 0;
        int failed = 0;
        long deadline = System.nanoTime() + MAX_NANOS;
        try {
            for (Attempt a : attempts) {
                if (made >= MIN_ATTEMPTS && System.nanoTime() > deadline) {
                    break;
                }
                started.incrementAndGet();
                try {
                    authorizer.reload(a.load().get());
                    if (a.fails()) {
                        failures.add("attempt " + (made + 1) + " (" + a.what() + ") did not fail");
                    }
                } catch (RuntimeException e) {
                    if (!a.fails()) {
                        throw e;
                    }
                    if (!a.error().isInstance(e)) {
                        failures.add("attempt " + (made + 1) + " (" + a.what() + ") failed with " + e);
                    }
                    failed++;
                }
                completed.incrementAndGet();
                made++;
                if (authorizer.policySet() != sets.get(liveAfter[made])) {
                    failures.add("after attempt " + made + " (" + a.what() + ") set " + liveAfter[made]
                            + " is not the one serving");
                }
                // Let the readers make some calls between attempts, even on a loaded machine (bounded wait).
                long target = calls.get() + READERS;
                long wait = System.nanoTime() + 20_000_000L;
                while (calls.get() < target && System.nanoTime() < wait) {
                    Thread.onSpinWait();
                }
            }
        } finally {
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(strictChecks.get()).as("calls checked against one exact set").isPositive();
        if (attempts.stream().anyMatch(Attempt::fails)) {
            assertThat(failed).as("failed attempts").isPositive();
        }
        // Quiescent: once the attempts are over every request gets the answer of the set left serving.
        for (Request r : requests) {
            assertThat(r.ask(authorizer)).as(r.toString()).isEqualTo(r.answers().get(liveAfter[made]));
        }
    }
}
