package dev.warden.dsl;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

/**
 * Watches files and directories and runs a reload after they change: the policy files of a {@link
 * PolicyReloader} ({@link #watching(PolicyReloader)}, what {@link WatchedPolicies} and {@code
 * warden serve} use), or any other files ({@link #watching(List, Runnable)}: {@code warden
 * serve}'s keys and TLS files). Start it with {@link #start}; {@link #close} stops it. The watching
 * thread is a daemon; the reload runs on it.
 *
 * <p><b>What counts as a change.</b> The watcher keeps a fingerprint of the files the last reload
 * read: for each policy file (a file given, and each {@code .policy} and {@code .json} file directly
 * in a directory given, as the loader finds them), its real path (every symlink followed), size,
 * modification time, file key (the inode) and a CRC-32C of its content. A change is any
 * difference, whatever file name an event carries: a Kubernetes ConfigMap volume, which swaps the
 * {@code ..data} symlink of its directory while {@code gateway.policy -> ..data/gateway.policy}
 * stays as it was, changes the real path; a rewrite in place changes the content.
 *
 * <p><b>When it looks.</b> On any event in a watched directory: the directory of each file given,
 * each directory given, the directory of every symlink on the way from a file to its target, and
 * the target's own directory; the set is worked out again at each look, so a symlink that comes
 * to point elsewhere gets its new directory watched. And every {@value #POLL_MILLIS} ms whatever
 * happened, so that a missed event (a file system without notifications, an event queue overflow,
 * a directory that could not be watched) delays a reload but never loses it.
 *
 * <p><b>Waiting for a writer to finish.</b> After a change is seen, the reload waits until the
 * fingerprint stays the same over {@value #STABLE_CHECKS} looks {@value #QUIET_MILLIS} ms apart:
 * a file written in pieces ({@code >}, {@code cp}, {@code curl}, an editor that truncates then
 * writes) is loaded once it is whole, not half-way. A writer that stops for longer than that
 * mid-file is not told apart from one that is done: updates should be atomic (write a temporary
 * file, then rename it over the policy file).
 */
public final class FileWatcher implements Closeable {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** How often the files are looked at without an event. */
    static final long POLL_MILLIS = 2_000;
    /** The time between the looks that must find the files unchanged before a reload. */
    static final long QUIET_MILLIS = 100;
    /** How many looks in a row must find the files as the one before. */
    static final int STABLE_CHECKS = 2;
    /** After this long of files that keep changing, say so once. */
    private static final long RESTLESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** At most this many symlinks from a file to its target (as the kernel's limit). */
    private static final int MAX_LINKS = 40;

    private final List<Path> paths;
    private final Runnable reload;
    private final BooleanSupplier staleAtStart;
    private final long pollMillis;
    private final long quietMillis;
    private final int stableChecks;
    private final WatchService watch;
    private final Map<Path, WatchKey> watched = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    /** The state the last reload was started on (at first, the state at construction). */
    private List<FileState> loaded;

    /**
     * Watches the paths of {@code reloader} and reloads it. Its first look, when started, loads the
     * files and compares them with the set serving: a change made after the serving set was loaded
     * and before the watcher took its first fingerprint is reloaded too.
     *
     * @param reloader the reloader whose paths to watch and to reload
     * @return a watcher, not yet started
     * @throws IOException when the file system's watch service cannot be had
     */
    public static FileWatcher watching(PolicyReloader reloader) throws IOException {
        return new FileWatcher(reloader);
    }

    /**
     * Watches {@code files} (files or directories; in a directory, its {@code .policy} and {@code
     * .json} files) and runs {@code onChange} after they change; the files are taken to hold what
     * is in force when the watcher is made.
     *
     * @param files the files and directories to watch
     * @param onChange run on the watcher's thread once the files changed and stayed still
     * @return a watcher, not yet started
     * @throws IOException when the file system's watch service cannot be had
     */
    public static FileWatcher watching(List<Path> files, Runnable onChange) throws IOException {
        return new FileWatcher(files, onChange, () -> false, Duration.ofMillis(POLL_MILLIS),
                Duration.ofMillis(QUIET_MILLIS), STABLE_CHECKS, true);
    }

    private FileWatcher(PolicyReloader reloader) throws IOException {
        this(reloader.paths(), reloader::reload, reloader::filesDiffer, Duration.ofMillis(POLL_MILLIS),
                Duration.ofMillis(QUIET_MILLIS), STABLE_CHECKS, true);
    }

    /**
     * For tests: another poll interval and debounce, and {@code events} false to rely on polling
     * alone; the files are taken to hold the set serving.
     */
    FileWatcher(List<Path> paths, Runnable reload, Duration poll, Duration quiet, int stableChecks, boolean events)
            throws IOException {
        this(paths, reload, () -> false, poll, quiet, stableChecks, events);
    }

    /**
     * @param staleAtStart asked once when the watcher starts: whether the files hold another set than
     *     the one serving (they changed before the first fingerprint), and so need a reload
     */
    FileWatcher(List<Path> paths, Runnable reload, BooleanSupplier staleAtStart, Duration poll, Duration quiet,
            int stableChecks, boolean events) throws IOException {
        List<Path> abs = new ArrayList<>();
        for (Path p : paths) {
            abs.add(p.toAbsolutePath().normalize());
        }
        this.paths = List.copyOf(abs);
        this.reload = Objects.requireNonNull(reload, "reload");
        this.staleAtStart = Objects.requireNonNull(staleAtStart, "staleAtStart");
        this.pollMillis = Math.max(1, poll.toMillis());
        this.quietMillis = Math.max(1, quiet.toMillis());
        this.stableChecks = Math.max(0, stableChecks);
        this.watch = events ? FileSystems.getDefault().newWatchService() : null;
        Scan first = scan();
        this.loaded = first.files();
        register(first.directories());
        this.thread = new Thread(this::run, "warden-policy-watcher");
        thread.setDaemon(true);
    }

    /** Starts watching, on a thread of its own; call once. */
    public void start() {
        thread.start();
    }

    private void run() {
        boolean failing = false;
        try {
            if (staleAtStart.getAsBoolean()) {
                LOG.log(Level.INFO, "the policy files changed while warden started; reloading");
                reload.run();
            }
            while (!closed) {
                try {
                    awaitEventOrPoll();
                    check();
                    failing = false;
                } catch (RuntimeException e) {
                    if (closed || e instanceof ClosedWatchServiceException) {
                        return;
                    }
                    if (!failing) { // once until a look succeeds again: the next looks retry
                        LOG.log(Level.WARNING, "the policy file watcher failed; it looks again every " + pollMillis
                                + " ms (a reload asked for meanwhile runs at once)", e);
                        failing = true;
                    }
                    Thread.sleep(pollMillis);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Returns after an event in a watched directory (all pending ones taken), or after the poll interval. */
    private void awaitEventOrPoll() throws InterruptedException {
        if (watch == null) {
            Thread.sleep(pollMillis);
            return;
        }
        WatchKey key = watch.poll(pollMillis, TimeUnit.MILLISECONDS);
        while (key != null) {
            key.pollEvents(); // whatever the name: the fingerprint tells whether it matters
            key.reset();
            key = watch.poll();
        }
    }

    /** Reloads when the files differ from those last loaded, once they stay still. */
    private void check() throws InterruptedException {
        Scan now = scan();
        register(now.directories());
        if (now.files().equals(loaded)) {
            return;
        }
        Scan settled = now;
        int same = 0;
        long since = System.nanoTime();
        boolean told = false;
        while (same < stableChecks) {
            Thread.sleep(quietMillis);
            if (closed) {
                return;
            }
            Scan next = scan();
            if (next.files().equals(settled.files())) {
                same++;
            } else {
                same = 0;
                settled = next;
                register(next.directories());
            }
            if (!told && System.nanoTime() - since > RESTLESS_NANOS) {
                LOG.log(Level.WARNING, "the policy files keep changing; the reload waits until they stay unchanged for "
                        + quietMillis * stableChecks + " ms");
                told = true;
            }
        }
        if (settled.files().equals(loaded)) {
            return; // changed and changed back
        }
        LOG.log(Level.INFO, "policy files changed: " + changed(loaded, settled.files()) + "; reloading");
        loaded = settled.files();
        reload.run();
    }

    private static String changed(List<FileState> before, List<FileState> after) {
        Set<Path> names = new LinkedHashSet<>();
        for (FileState f : after) {
            if (!before.contains(f)) {
                names.add(f.path());
            }
        }
        for (FileState f : before) {
            if (!after.contains(f)) {
                names.add(f.path());
            }
        }
        List<String> shown = new ArrayList<>();
        for (Path p : names) {
            if (shown.size() == 5) {
                shown.add("...");
                break;
            }
            shown.add("`" + p + "`");
        }
        return String.join(", ", shown);
    }

    // ---- the fingerprint

    /**
     * One policy file as found: its real path, size, modification time, file key and content
     * checksum, or why it could not be read ({@code problem} not empty, the rest empty).
     */
    record FileState(Path path, Path real, long size, FileTime modified, Object fileKey, long crc, String problem) {}

    /** The state of every policy file, and the directories to watch for them. */
    record Scan(List<FileState> files, Set<Path> directories) {}

    Scan scan() {
        List<FileState> files = new ArrayList<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                dirs.add(p);
                List<Path> inDir = new ArrayList<>();
                try (DirectoryStream<Path> list = Files.newDirectoryStream(p)) {
                    for (Path f : list) {
                        if (isPolicyFile(f) && Files.isRegularFile(f)) {
                            inDir.add(f);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    files.add(problem(p, e));
                    continue;
                }
                inDir.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
                for (Path f : inDir) {
                    files.add(state(f, dirs));
                }
            } else {
                files.add(state(p, dirs));
            }
        }
        return new Scan(List.copyOf(files), dirs);
    }

    private static boolean isPolicyFile(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".policy") || name.endsWith(".json");
    }

    /** The state of one file; adds to {@code dirs} its directory and those of the symlinks to its target. */
    private static FileState state(Path file, Set<Path> dirs) {
        Path parent = file.getParent();
        if (parent != null) {
            dirs.add(parent);
        }
        try {
            Path hop = file;
            for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(hop); i++) {
                Path target = Files.readSymbolicLink(hop);
                Path from = hop.getParent();
                hop = from == null ? target : from.resolve(target);
                if (hop.getParent() != null) {
                    dirs.add(hop.getParent());
                }
            }
            Path real = file.toRealPath();
            if (real.getParent() != null) {
                dirs.add(real.getParent());
            }
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return new FileState(file, real, a.size(), a.lastModifiedTime(), a.fileKey(), crc(real), "");
        } catch (IOException | RuntimeException e) {
            return problem(file, e);
        }
    }

    private static FileState problem(Path path, Exception e) {
        String why = e.getClass().getSimpleName() + ": " + e.getMessage();
        return new FileState(path, path, -1, FileTime.fromMillis(0), "", 0, why);
    }

    private static long crc(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    // ---- the watch service

    /** Watches exactly {@code dirs} (by their real paths): new ones added, ones no longer needed or gone dropped. */
    private void register(Set<Path> dirs) {
        if (watch == null) {
            return;
        }
        Set<Path> wanted = new LinkedHashSet<>();
        for (Path d : dirs) {
            try {
                wanted.add(d.toRealPath());
            } catch (IOException | RuntimeException e) {
                // gone or unreadable: the poll covers it, and the next look tries again
            }
        }
        for (Iterator<Map.Entry<Path, WatchKey>> it = watched.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, WatchKey> e = it.next();
            if (!e.getValue().isValid() || !wanted.contains(e.getKey())) {
                e.getValue().cancel();
                it.remove();
            }
        }
        for (Path d : wanted) {
            if (!watched.containsKey(d)) {
                try {
                    watched.put(d, d.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "cannot watch `" + d + "` (polling covers it): " + e);
                }
            }
        }
    }

    /**
     * Stops watching; a reload running now finishes on its thread.
     *
     * @throws IOException when the watch service cannot be closed
     */
    @Override
    public void close() throws IOException {
        closed = true;
        if (watch != null) {
            watch.close();
        }
        thread.interrupt();
    }
}
