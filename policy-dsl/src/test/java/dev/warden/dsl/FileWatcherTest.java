package dev.warden.dsl;

import dev.warden.testing.LogCapture;
import dev.warden.testing.ConfigMapVolume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file watcher: Kubernetes ConfigMap volumes, symlinks into other directories, polling when
 * events are missed, and files written in pieces.
 */
class FileWatcherTest {
    static final Principal P = Principal.builder("ak_1").policy("p").build();
    static final Principal Z = Principal.builder("ak_z").policy("z-last").build();
    static final Duration NEVER = Duration.ofHours(1);
    static final Duration QUICK = Duration.ofMillis(50);

    @TempDir
    Path dir;

    final List<FileWatcher> watchers = new ArrayList<>();

    @AfterEach
    void closeWatchers() throws IOException {
        for (FileWatcher w : watchers) {
            w.close();
        }
    }

    static String allowing(String path) {
        return "policy p { allow view on " + path + " }\n";
    }

    static boolean allowed(Authorizer a, String path) {
        return a.authorize(P, "view", path).allowed();
    }

    /** A reloader and a started watcher on {@code file}, which holds the policies to start with. */
    PolicyReloader watch(Path file, Duration poll, boolean events, Function<PolicySet, List<String>> references)
            throws IOException {
        Authorizer a = Authorizer.of(PolicyLoader.load(List.of(file)).orElseThrow());
        PolicyReloader r = new PolicyReloader(List.of(file), a, references, "access keys");
        FileWatcher w = new FileWatcher(List.of(file), r::reload, poll, QUICK, FileWatcher.STABLE_CHECKS, events);
        watchers.add(w);
        w.start();
        return r;
    }

    static void await(PolicyReloader r, Predicate<Authorizer> served, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !served.test(r.authorizer()); i++) {
            Thread.sleep(25);
        }
        assertThat(served.test(r.authorizer())).as(what + " (version %d, last reload: %s)", r.version(),
                r.lastResult().message()).isTrue();
    }

    @Test
    void configMapUpdate_isReloaded_throughTheEventsOfItsDirectory() throws Exception {
        ConfigMapVolume cm = new ConfigMapVolume(dir.resolve("mount"), allowing("/docs/a"));
        PolicyReloader r = watch(cm.file(), NEVER, true, set -> List.of());
        assertThat(allowed(r.authorizer(), "/docs/a")).isTrue();

        cm.update(allowing("/docs/b"));
        await(r, a -> allowed(a, "/docs/b") && !allowed(a, "/docs/a"), "the second ConfigMap version serves");
        cm.update(allowing("/docs/c")); // the new data directory is watched in turn
        await(r, a -> allowed(a, "/docs/c") && !allowed(a, "/docs/b"), "the third ConfigMap version serves");
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.failures()).isZero();
    }

    @Test
    void configMapUpdate_isReloaded_byPollingAlone_whenNoEventComes() throws Exception {
        ConfigMapVolume cm = new ConfigMapVolume(dir.resolve("mount"), allowing("/docs/a"));
        PolicyReloader r = watch(cm.file(), Duration.ofMillis(100), false, set -> List.of());
        cm.update(allowing("/docs/b"));
        await(r, a -> allowed(a, "/docs/b") && !allowed(a, "/docs/a"), "the polled update serves");
        assertThat(r.version()).isEqualTo(2);
    }

    @Test
    void configMapDirectory_givenAsThePolicyPath_isReloaded() throws Exception {
        ConfigMapVolume cm = new ConfigMapVolume(dir.resolve("mount"), allowing("/docs/a"));
        PolicyReloader r = watch(cm.mount(), NEVER, true, set -> List.of());
        cm.update(allowing("/docs/b"));
        await(r, a -> allowed(a, "/docs/b") && !allowed(a, "/docs/a"), "the update through the directory serves");
    }

    @Test
    void symlinkIntoAnotherDirectory_targetRewritten_andRetargeted_isReloaded() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(real.resolve("p.policy"), allowing("/docs/a"));
        Path link = conf.resolve("p.policy");
        Files.createSymbolicLink(link, Path.of("..", "real", "p.policy"));
        PolicyReloader r = watch(link, NEVER, true, set -> List.of());

        // rewritten where it really is, atomically: no event in conf/
        Path tmp = real.resolve(".p.policy.tmp");
        Files.writeString(tmp, allowing("/docs/b"));
        Files.move(tmp, real.resolve("p.policy"), StandardCopyOption.ATOMIC_MOVE);
        await(r, a -> allowed(a, "/docs/b"), "the rewritten target serves");

        // the link now points into a third directory, which is then rewritten in place
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("p.policy"), allowing("/docs/c"));
        Path newLink = conf.resolve(".p.policy.link");
        Files.createSymbolicLink(newLink, Path.of("..", "other", "p.policy"));
        Files.move(newLink, link, StandardCopyOption.ATOMIC_MOVE);
        await(r, a -> allowed(a, "/docs/c"), "the retargeted link serves");
        Files.writeString(other.resolve("p.policy"), allowing("/docs/d"));
        await(r, a -> allowed(a, "/docs/d") && !allowed(a, "/docs/c"), "the new target, rewritten in place, serves");
    }

    @Test
    void sameSizeRewrite_withinOneTimestamp_isSeenByItsContent() throws Exception {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, allowing("/docs/a"));
        PolicyReloader r = watch(f, Duration.ofMillis(100), false, set -> List.of());
        var before = Files.getLastModifiedTime(f);
        Files.writeString(f, allowing("/docs/b")); // as long as before
        Files.setLastModifiedTime(f, before);
        await(r, a -> allowed(a, "/docs/b"), "the rewrite serves");
    }

    @Test
    void unchangedFiles_areNotReloaded_byEventsOrPolls() throws Exception {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, allowing("/docs/a"));
        PolicyReloader r = watch(f, Duration.ofMillis(20), true, set -> List.of());
        for (int i = 0; i < 10; i++) {
            Files.writeString(dir.resolve("other-" + i + ".txt"), "noise"); // events in the watched directory
            Thread.sleep(20);
        }
        Thread.sleep(300); // polls meanwhile
        assertThat(r.successes() + r.failures()).isZero();
        Files.writeString(f, allowing("/docs/b"));
        await(r, a -> allowed(a, "/docs/b"), "the one real change serves");
        long reloads = r.successes() + r.failures();
        Thread.sleep(300); // polls meanwhile find nothing new
        assertThat(r.successes() + r.failures()).isEqualTo(reloads);
    }

    @Test
    void changeBeforeTheFirstFingerprint_isReloadedWhenTheWatcherStarts() throws Exception {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, allowing("/docs/a"));
        Authorizer a = Authorizer.of(PolicyLoader.load(List.of(f)).orElseThrow());
        PolicyReloader r = new PolicyReloader(List.of(f), a);
        Files.writeString(f, allowing("/docs/b")); // after the serving set was read, before the watcher looks
        FileWatcher w = FileWatcher.watching(r);
        watchers.add(w);
        w.start();
        await(r, x -> allowed(x, "/docs/b"), "the change made during the start serves");
        assertThat(r.version()).isEqualTo(2);
    }

    @Test
    void unchangedFilesAtTheStart_areNotReloaded() throws Exception {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, allowing("/docs/a"));
        Authorizer a = Authorizer.of(PolicyLoader.load(List.of(f)).orElseThrow());
        PolicyReloader r = new PolicyReloader(List.of(f), a);
        assertThat(r.filesDiffer()).isFalse();
        Files.writeString(f, "# a comment changes no decision\n" + allowing("/docs/a"));
        assertThat(r.filesDiffer()).isFalse();
        Files.writeString(f, allowing("/docs/b"));
        assertThat(r.filesDiffer()).isTrue();
        Files.writeString(f, "policy broken {");
        assertThat(r.filesDiffer()).isTrue();
    }

    @Test
    void aReloadThatThrows_doesNotStopTheWatcher() throws Exception {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, allowing("/docs/a"));
        Authorizer a = Authorizer.of(PolicyLoader.load(List.of(f)).orElseThrow());
        PolicyReloader r = new PolicyReloader(List.of(f), a);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        Runnable reload = () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("simulated failure");
            }
            r.reload();
        };
        FileWatcher w = new FileWatcher(List.of(f), reload, Duration.ofMillis(50), QUICK, 2, true);
        watchers.add(w);
        try (LogCapture logs = new LogCapture()) {
            w.start();
            Files.writeString(f, allowing("/docs/b"));
            for (int i = 0; i < 400 && runs.get() == 0; i++) {
                Thread.sleep(25);
            }
            Files.writeString(f, allowing("/docs/c"));
            await(r, x -> allowed(x, "/docs/c"), "the change after the failure serves");
            assertThat(logs.text()).contains("the policy file watcher failed").contains("simulated failure");
        }
    }

    // ---- files written in pieces

    static final String[] PIECES = {
        "policy p { allow view on /docs/a }\n",
        "policy q { allow view on /docs/q }\n",
        "policy r { allow view on /docs/r }\n",
        "policy s { allow view on /docs/s }\n",
        "policy t { allow view on /docs/t }\n",
        "policy z-last { allow view on /docs/z }\n",
    };

    /** Truncates {@code file}, then writes {@code pieces} one at a time with {@code pause} ms between them. */
    static Thread slowWriter(Path file, String[] pieces, long pause) {
        Thread t = new Thread(() -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (String piece : pieces) {
                    Thread.sleep(pause);
                    ch.write(ByteBuffer.wrap(piece.getBytes(StandardCharsets.UTF_8)));
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "slow-writer");
        t.start();
        return t;
    }

    /**
     * Waits until the reloader's listeners have heard of at least one swap: they are told after the
     * set is swapped in, so a test that saw the new set serve may look before they were.
     */
    static void awaitHeard(ConcurrentLinkedQueue<Boolean> served) throws InterruptedException {
        for (int i = 0; i < 400 && served.isEmpty(); i++) {
            Thread.sleep(25);
        }
    }

    /** Every set swapped in while the test runs, checked for the policy {@code must} as it is swapped in. */
    static ConcurrentLinkedQueue<Boolean> servedWith(PolicyReloader r, String must) {
        ConcurrentLinkedQueue<Boolean> served = new ConcurrentLinkedQueue<>();
        r.addListener(result -> {
            if (result.ok()) {
                served.add(r.authorizer().policySet().policy(must).isPresent());
            }
        });
        return served;
    }

    @Test
    void fileWrittenInQuickPieces_isLoadedOnlyWhenWhole() throws Exception {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, String.join("", PIECES).replace("/docs/z", "/docs/old"));
        Authorizer a = Authorizer.of(PolicyLoader.load(List.of(f)).orElseThrow());
        PolicyReloader r = new PolicyReloader(List.of(f), a);
        ConcurrentLinkedQueue<Boolean> served = servedWith(r, "z-last");
        // looks 250 ms apart must agree twice: pieces 20 ms apart never look still
        FileWatcher w = new FileWatcher(List.of(f), r::reload, NEVER, Duration.ofMillis(250), 2, true);
        watchers.add(w);
        w.start();

        slowWriter(f, PIECES, 20).join();
        await(r, x -> x.authorize(Z, "view", "/docs/z").allowed(), "the whole file serves");
        awaitHeard(served);
        assertThat(served).as("sets swapped in, each with the last policy or not").containsOnly(true);
        assertThat(r.version()).isEqualTo(2);
    }

    @Test
    void fileWrittenInSlowPieces_isRefusedUntilWhole_whenAKeyNamesAPolicyItLacks() throws Exception {
        Path f = dir.resolve("p.policy");
        Files.writeString(f, String.join("", PIECES).replace("/docs/z", "/docs/old"));
        Function<PolicySet, List<String>> keys = set -> set.policy("z-last").isPresent() ? List.of()
                : List.of("key `ak_last` names policy `z-last`, which is not loaded");
        Authorizer a = Authorizer.of(PolicyLoader.load(List.of(f)).orElseThrow());
        PolicyReloader r = new PolicyReloader(List.of(f), a, keys, "access keys");
        ConcurrentLinkedQueue<Boolean> served = servedWith(r, "z-last");
        // pauses far longer than the debounce: each piece is loaded on its own
        FileWatcher w = new FileWatcher(List.of(f), r::reload, NEVER, Duration.ofMillis(20), 2, true);
        watchers.add(w);
        w.start();

        String[] three = {PIECES[0], PIECES[1], PIECES[5]};
        try (LogCapture logs = new LogCapture()) {
            slowWriter(f, three, 500).join();
            await(r, x -> x.authorize(Z, "view", "/docs/z").allowed(), "the whole file serves");
            assertThat(logs.text()).contains("policy reload refused")
                    .contains("key `ak_last` names policy `z-last`, which is not loaded");
        }
        assertThat(r.failures()).as("half files refused").isGreaterThanOrEqualTo(1);
        awaitHeard(served);
        assertThat(served).as("sets swapped in, each with the last policy or not").containsOnly(true);
        assertThat(a.policySet().policy("q")).isPresent();
        assertThat(a.policySet().policy("r")).isEmpty();
    }
}
