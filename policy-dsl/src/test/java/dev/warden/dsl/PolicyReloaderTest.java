package dev.warden.dsl;

import dev.warden.testing.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reload safety without HTTP: good changes take effect, broken ones keep the old set and are reported. */
class PolicyReloaderTest {
    static final Principal P = Principal.builder("ak_1").policy("p").build();
    static final String A = "policy p { allow view on /docs/a }\npolicy marker-a { allow view on /marker }\n";
    static final String B = "policy p { allow view on /docs/b }\npolicy marker-b { allow view on /marker }\n";
    static final String BROKEN = "policy p { allow view on /docs/a }\npolicy q {\n  allow veiw on /docs/*\n}\n";

    @TempDir
    Path dir;

    Authorizer start(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return Authorizer.of(PolicyLoader.load(List.of(file)).orElseThrow());
    }

    static boolean allowed(Authorizer a, String path) {
        return a.authorize(P, "view", path).allowed();
    }

    @Test
    void goodChange_takesEffect_asANewVersion() throws IOException {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        PolicyReloader r = new PolicyReloader(List.of(f), a);
        assertThat(allowed(a, "/docs/a")).isTrue();
        Files.writeString(f, B);
        ReloadResult result = r.reload();
        assertThat(result.ok()).isTrue();
        assertThat(result.version()).isEqualTo(2);
        assertThat(r.version()).isEqualTo(2);
        assertThat(allowed(a, "/docs/a")).isFalse();
        assertThat(allowed(a, "/docs/b")).isTrue();
        assertThat(r.successes()).isEqualTo(1);
        assertThat(r.failures()).isZero();
    }

    @Test
    void aNewSet_isNotSwappedIn_whileAKeysReloadChecksAgainstTheServingOne() throws Exception {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        PolicyReloader r = new PolicyReloader(List.of(f), a);
        Files.writeString(f, B);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread keys = new Thread(() -> r.whileSwapping(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        keys.start();
        held.await();
        java.util.concurrent.CompletableFuture<ReloadResult> reload = java.util.concurrent.CompletableFuture.supplyAsync(r::reload);
        // the load runs, the swap waits: the serving set is the old one for as long as the check holds
        Thread.sleep(300);
        assertThat(reload).isNotDone();
        assertThat(allowed(a, "/docs/a")).isTrue();
        release.countDown();
        assertThat(reload.get(10, java.util.concurrent.TimeUnit.SECONDS).ok()).isTrue();
        assertThat(allowed(a, "/docs/b")).isTrue();
        keys.join();
    }

    @Test
    void brokenChange_keepsTheOldSet_isLoggedWithItsLocation_andTheNextGoodChangeLoads() throws IOException {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        PolicySet before = a.policySet();
        PolicyReloader r = new PolicyReloader(List.of(f), a);
        List<ReloadResult> heard = new ArrayList<>();
        r.addListener(heard::add);
        Files.writeString(f, BROKEN);
        ReloadResult failed;
        try (LogCapture logs = new LogCapture()) {
            failed = r.reload();
            assertThat(logs.text()).contains("WARNING policy reload failed (1 error(s)); version 1 keeps serving")
                    .contains(f + ":3:9").contains("unknown action `veiw`");
        }
        assertThat(failed.ok()).isFalse();
        assertThat(failed.version()).isEqualTo(1);
        assertThat(failed.diagnostics()).extracting(d -> d.location().orElseThrow().toString()).contains(f + ":3:9");
        assertThat(a.policySet()).isSameAs(before);
        assertThat(allowed(a, "/docs/a")).isTrue();
        assertThat(r.failures()).isEqualTo(1);
        assertThat(r.lastResult()).isSameAs(failed);
        assertThat(heard).containsExactly(failed);

        Files.writeString(f, B); // retried on the next change
        ReloadResult ok = r.reload();
        assertThat(ok.ok()).isTrue();
        assertThat(ok.version()).isEqualTo(2);
        assertThat(allowed(a, "/docs/b")).isTrue();
    }

    @Test
    void deletedFile_andUnreadableDirectory_keepTheOldSet() throws IOException {
        Path d = Files.createDirectories(dir.resolve("policies"));
        Path f = d.resolve("p.policy");
        Authorizer a = start(f, A);
        PolicyReloader r = new PolicyReloader(List.of(d), a);
        Files.delete(f);
        ReloadResult gone = r.reload();
        assertThat(gone.ok()).isFalse();
        assertThat(gone.message()).contains("keeps serving");
        assertThat(allowed(a, "/docs/a")).isTrue();
        Files.writeString(f, A);
        Files.writeString(d.resolve("q.json"), "{\"name\": \"q\", \"definitions\": [");
        assertThat(r.reload().ok()).isFalse();
        assertThat(allowed(a, "/docs/a")).isTrue();
    }

    @Test
    void aLoaderThatThrows_keepsTheOldSet() throws IOException {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        PolicyReloader r = new PolicyReloader(List.of(f), a, set -> List.of(), "", paths -> {
            throw new UncheckedIOException(new IOException("disk on fire"));
        });
        ReloadResult result = r.reload();
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("disk on fire");
        assertThat(allowed(a, "/docs/a")).isTrue();
    }

    /**
     * Threads decide while another reloads: good sets A and B alternate with a broken file, a file
     * deleted after the reload began, and a loader that throws. Each decision is checked against the
     * sets live during its call: the set in force just before it and just after it and every set
     * swapped in between.
     */
    @Test
    void stress_everyDecisionIsTheAnswerOfASetLiveDuringTheCall() throws Exception {
        Path main = dir.resolve("main.policy");
        Files.writeString(main, A);
        Authorizer a = Authorizer.builder().cacheMaximumSize(1_000).build(PolicyLoader.load(List.of(main)).orElseThrow());
        AtomicBoolean deleteMidReload = new AtomicBoolean();
        AtomicBoolean throwMidReload = new AtomicBoolean();
        Function<List<Path>, LoadResult> loader = paths -> {
            if (throwMidReload.get()) {
                throw new UncheckedIOException(new IOException("simulated I/O failure"));
            }
            if (deleteMidReload.get()) {
                // the file goes away after the reload began, before it is read
                try {
                    Files.delete(main);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return PolicyLoader.load(paths);
        };
        PolicyReloader r = new PolicyReloader(List.of(main), a, set -> List.of(), "", loader);

        // the sets in the order they were swapped in; the marker policy tells A from B
        List<PolicySet> history = new ArrayList<>();
        history.add(a.policySet());
        record Call(PolicySet before, boolean onA, boolean onB, PolicySet after) {}
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        List<Thread> deciders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                started.countDown();
                int i = 0;
                while (!done.get()) {
                    PolicySet before = a.policySet();
                    Decision onA = a.authorize(P, "view", "/docs/a");
                    Decision onB = a.authorize(P, "view", "/docs/b");
                    PolicySet after = a.policySet();
                    if (i++ % 4 == 0) { // keep a sample; the other calls are load
                        calls.add(new Call(before, onA.allowed(), onB.allowed(), after));
                    }
                }
            });
            deciders.add(th);
            th.start();
        }
        started.await();
        int ok = 0;
        for (int round = 0; round < 60; round++) {
            int kind = round % 5;
            switch (kind) {
                case 0 -> Files.writeString(main, round % 10 == 0 ? B : A);
                case 1 -> Files.writeString(main, BROKEN);
                case 2 -> deleteMidReload.set(true);
                case 3 -> throwMidReload.set(true);
                default -> Files.writeString(main, round % 10 == 4 ? A : B);
            }
            ReloadResult res = r.reload();
            deleteMidReload.set(false);
            throwMidReload.set(false);
            boolean shouldLoad = kind == 0 || kind == 4;
            assertThat(res.ok()).as("round %d: %s", round, res.message()).isEqualTo(shouldLoad);
            if (res.ok()) {
                ok++;
                history.add(a.policySet()); // only this thread swaps sets
            }
            if (!Files.exists(main)) {
                Files.writeString(main, A);
            }
            Thread.sleep(1);
        }
        done.set(true);
        for (Thread th : deciders) {
            th.join();
        }
        assertThat(ok).isEqualTo(24);
        assertThat(r.failures()).isEqualTo(36);
        assertThat(r.version()).isEqualTo(1 + ok);
        assertThat(calls.size()).isGreaterThan(100);

        Map<PolicySet, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < history.size(); i++) {
            index.put(history.get(i), i);
        }
        int spanning = 0;
        for (Call c : calls) {
            Integer from = index.get(c.before);
            Integer to = index.get(c.after);
            assertThat(from).as("a set that was never swapped in served").isNotNull();
            assertThat(to).isNotNull().isGreaterThanOrEqualTo(from);
            spanning += to > from ? 1 : 0;
            // A allows /docs/a only, B /docs/b only: each answer must be that of a set live during the call
            boolean aExplained = false;
            boolean bExplained = false;
            for (int i = from; i <= to; i++) {
                boolean isA = history.get(i).policy("marker-a").isPresent();
                aExplained |= c.onA == isA;
                bExplained |= c.onB == !isA;
            }
            assertThat(aExplained && bExplained).as("decisions %s/%s with sets %d..%d", c.onA, c.onB, from, to).isTrue();
        }
        // the sets really alternated under the deciders
        assertThat(history.stream().filter(s -> s.policy("marker-a").isPresent()).count()).isGreaterThan(5);
        assertThat(history.stream().filter(s -> s.policy("marker-b").isPresent()).count()).isGreaterThan(5);
    }

    /**
     * What {@code warden serve}'s access keys give the reloader, as lines: one key per policy
     * name, each naming its policy, and a line for each policy a set lacks.
     */
    static Function<PolicySet, List<String>> keysNaming(String... policies) {
        return set -> {
            List<String> lines = new ArrayList<>();
            for (String p : policies) {
                if (set.policy(p).isEmpty()) {
                    lines.add("key `ak_" + p + "` names policy `" + p + "`, which is not loaded");
                }
            }
            return lines;
        };
    }

    @Test
    void reloadThatDropsAPolicyAKeyNames_isRefused_namingKeyAndPolicy_andKeepsTheOldSet() throws IOException {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        PolicySet before = a.policySet();
        Function<PolicySet, List<String>> keys = keysNaming("p", "marker-a");
        PolicyReloader r = new PolicyReloader(List.of(f), a, keys, "access keys");
        Files.writeString(f, B); // has p, lacks marker-a
        ReloadResult refused;
        try (LogCapture logs = new LogCapture()) {
            refused = r.reload();
            assertThat(logs.text()).contains("WARNING policy reload refused")
                    .contains("key `ak_marker-a` names policy `marker-a`, which is not loaded")
                    .doesNotContain("ak_p`");
        }
        assertThat(refused.ok()).isFalse();
        assertThat(refused.version()).isEqualTo(1);
        assertThat(refused.message()).isEqualTo("policy reload refused (the new set lacks names that access keys use: "
                + "key `ak_marker-a` names policy `marker-a`, which is not loaded); version 1 keeps serving");
        assertThat(a.policySet()).isSameAs(before);
        assertThat(allowed(a, "/docs/a")).isTrue();
        assertThat(r.failures()).isEqualTo(1);
        assertThat(r.successes()).isZero();
        assertThat(r.lastResult()).isSameAs(refused);

        Files.writeString(f, B + "policy marker-a { allow view on /marker-a }\n");
        assertThat(r.reload().ok()).isTrue();
        assertThat(allowed(a, "/docs/b")).isTrue();
    }

    @Test
    void namesUnknownAlreadyAtTheStart_areWarnedOnce_andDoNotBlockAReload() throws IOException {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        Function<PolicySet, List<String>> keys = keysNaming("p", "never-loaded");
        PolicyReloader r;
        try (LogCapture logs = new LogCapture()) {
            r = new PolicyReloader(List.of(f), a, keys, "access keys");
            assertThat(logs.text()).contains("WARNING access keys name roles or policies that are not loaded")
                    .contains("key `ak_never-loaded` names policy `never-loaded`, which is not loaded");
        }
        Files.writeString(f, B);
        assertThat(r.reload().ok()).isTrue();
        assertThat(allowed(a, "/docs/b")).isTrue();
    }

    @Test
    void identicalFailures_areLoggedOncePerWindow_withACountOfThoseNotLogged_butAllAreCounted() throws IOException {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        PolicyReloader r = new PolicyReloader(List.of(f), a);
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        r.failureLogClock(now::get, java.time.Duration.ofSeconds(30));
        Files.writeString(f, BROKEN);
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                now.addAndGet(1_000_000_000L);
                assertThat(r.reload().ok()).isFalse();
            }
            assertThat(logs.text().split("policy reload failed", -1)).hasSize(2); // once
            now.addAndGet(31_000_000_000L);
            r.reload();
            assertThat(logs.text().split("policy reload failed", -1)).hasSize(3);
            assertThat(logs.text()).contains("(4 identical failure(s) since it was last logged were not logged)");
            Files.writeString(f, "policy broken {"); // another failure is logged at once
            now.addAndGet(1_000_000_000L);
            r.reload();
            assertThat(logs.text().split("policy reload failed", -1)).hasSize(4);
        }
        assertThat(r.failures()).isEqualTo(7);
        assertThat(r.lastResult().ok()).isFalse();
    }

    /** A loader that counts its loads and waits for {@code gate} (when set) before loading. */
    static final class SlowLoader implements Function<List<Path>, LoadResult> {
        final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        volatile CountDownLatch gate;
        volatile long pauseMillis;
        final CountDownLatch firstStarted = new CountDownLatch(1);

        @Override
        public LoadResult apply(List<Path> paths) {
            loads.incrementAndGet();
            firstStarted.countDown();
            try {
                CountDownLatch g = gate;
                if (g != null) {
                    g.await();
                }
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PolicyLoader.load(paths);
        }
    }

    @Test
    void callersDuringALoad_shareTheNextLoad_neverTheOneThatBeganBeforeThem() throws Exception {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        SlowLoader loader = new SlowLoader();
        loader.gate = new CountDownLatch(1);
        PolicyReloader r = new PolicyReloader(List.of(f), a, set -> List.of(), "", loader);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(9);
        try {
            var first = pool.submit(r::reload);
            loader.firstStarted.await(); // load 1 runs, before the change
            Files.writeString(f, B);
            List<Thread> waiting = new ArrayList<>();
            List<java.util.concurrent.Future<ReloadResult>> later = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                later.add(pool.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    return r.reload();
                }));
            }
            for (int i = 0; i < 400 && !allWaiting(waiting, 8); i++) {
                Thread.sleep(5);
            }
            assertThat(allWaiting(waiting, 8)).as("the 8 callers wait for the load running").isTrue();
            loader.gate.countDown();
            assertThat(first.get().version()).isEqualTo(2);
            for (var l : later) {
                ReloadResult result = l.get();
                assertThat(result.ok()).isTrue();
                assertThat(result.version()).as("the load after the change, shared").isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loader.loads.get()).isEqualTo(2);
        assertThat(allowed(a, "/docs/b")).isTrue();
    }

    static boolean allWaiting(List<Thread> threads, int n) {
        synchronized (threads) {
            if (threads.size() < n) {
                return false;
            }
            for (Thread t : threads) {
                if (t.getState() != Thread.State.WAITING) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void manyConcurrentCallers_runFarFewerLoads_andEachGetsALoadThatBeganAfterItsCall() throws Exception {
        Path f = dir.resolve("p.policy");
        Authorizer a = start(f, A);
        SlowLoader loader = new SlowLoader();
        loader.pauseMillis = 20;
        PolicyReloader r = new PolicyReloader(List.of(f), a, set -> List.of(), "", loader);
        int threads = 16;
        int calls = 20;
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < calls; i++) {
                        int startedBefore = loader.loads.get();
                        ReloadResult result = r.reload();
                        answered.incrementAndGet();
                        // every load succeeds: load n gives version n + 1
                        if (result == null || !result.ok() || result.version() - 1 <= startedBefore) {
                            problems.add("after " + startedBefore + " loads began: " + result);
                        }
                    }
                } catch (InterruptedException e) {
                    problems.add("interrupted");
                }
            });
            callers.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : callers) {
            th.join(60_000);
        }
        assertThat(problems).isEmpty();
        assertThat(answered.get()).isEqualTo(threads * calls);
        assertThat(loader.loads.get()).as("loads for %d calls", threads * calls).isLessThan(threads * calls / 4);
        assertThat(r.version()).isEqualTo(1 + loader.loads.get());
    }
}
