package dev.warden.dsl;

import dev.warden.core.Authorizer;
import dev.warden.core.PolicySet;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.Severity;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reloads an {@link Authorizer}'s policies from their files: the files are loaded and checked
 * (every load error) and the new set is swapped in atomically ({@link Authorizer#reload}); when
 * anything fails (a parse error, an I/O error, a file deleted mid-reload, a set that does not
 * compile, a set that drops a role or policy that something outside the policies names, such as
 * {@code warden serve}'s access keys) the running set goes on serving
 * unchanged, the failure is logged with its diagnostics ({@code file:line:col}) and counted, and
 * the next reload tries again.
 *
 * <p>Each successful load is a new policy-set version: 1 for the set the reloader starts with,
 * then 2, 3... Decisions run meanwhile against the set live when each began. The reloader knows
 * nothing of HTTP or of watching: a {@link FileWatcher} calls it when the files change ({@link
 * WatchedPolicies} puts the two together for an application), and {@code warden serve} also calls
 * it on {@code SIGHUP} and from {@code POST /v1/reload}.
 *
 * <p><b>Concurrent calls share loads.</b> One load runs at a time. A call to {@link #reload}
 * returns the result of a load that <em>began after the call did</em>: when no load is running,
 * the call runs one itself; when one is running, it may have read the files before the caller's
 * change, so the caller waits for it to end and then shares the next load with every other
 * caller that arrived meanwhile. A burst of calls thus runs at most two loads (the one running
 * and one after it), and no caller ever gets the result of a load that may have missed its change.
 *
 * <p><b>Repeated failures are logged once.</b> The same failure (the same message and
 * diagnostics) is logged at most once per {@value #FAILURE_LOG_SECONDS} seconds; the next time it
 * is logged, it says how many identical failures were not. Every failure is still counted
 * ({@link #failures}) and reported in {@link #lastResult}.
 */
public final class PolicyReloader {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** The same failure is logged at most once in this many seconds. */
    static final int FAILURE_LOG_SECONDS = 30;
    /** How many unresolved names a refusal lists in its one-line message. */
    private static final int LISTED = 10;

    private final List<Path> paths;
    private final Authorizer authorizer;
    private final Function<List<Path>, LoadResult> loader;
    private final Function<PolicySet, List<String>> references;
    private final String referrers;
    private final List<Consumer<ReloadResult>> listeners = new CopyOnWriteArrayList<>();
    private volatile Serving serving;
    private volatile long successes;
    private volatile long failures;
    private volatile ReloadResult last;

    /**
     * Held while a new set is checked against the keys and swapped in, and while a keys reload
     * checks new keys against the set and swaps them in ({@link #whileSwapping}): so that neither
     * checks against what the other is replacing.
     */
    private final Object swap = new Object();

    /**
     * Runs {@code action} while no policy set is being checked and swapped in: for a reload of
     * something the reference check reads (the access keys of {@code warden serve}), so that it
     * checks against the set that serves and no set is swapped in meanwhile.
     *
     * @param <T> what the action returns
     * @param action the check and swap to run, on this thread
     * @return what {@code action} returned
     */
    public <T> T whileSwapping(java.util.function.Supplier<T> action) {
        synchronized (swap) {
            return action.get();
        }
    }

    // coalescing, guarded by lock: loads are numbered 1, 2, ... in the order they start
    private final Object lock = new Object();
    private long started;
    private boolean running;
    private long finished;
    private ReloadResult finishedResult;

    private final FailureLog failureLog = new FailureLog();

    /**
     * A reloader for an authorizer that already holds the policies of {@code paths} (version 1).
     *
     * @param paths policy files and directories, as for {@link PolicyLoader#load}
     * @param authorizer the authorizer to swap each new set into
     * @throws IllegalArgumentException if {@code paths} is empty
     */
    public PolicyReloader(List<Path> paths, Authorizer authorizer) {
        this(paths, authorizer, set -> List.of(), "", PolicyLoader::load);
    }

    /**
     * A reloader that refuses a new set which leaves a name unresolved that the serving set
     * resolves: {@code references} gives, for a set, one line for each name that something outside
     * the policies (called {@code referrers} in messages: the access keys of {@code warden serve})
     * gives and that the set lacks. A reload after which {@code references} gives a line it did
     * not give for the serving set fails, naming them, and the serving set stays. Lines it gives
     * already for the serving set do not block a reload; they are logged as a warning now, when
     * the reloader is made.
     *
     * <p>A half-written policy file that parses (cut off between two policies) loads as a valid
     * set without the policies after the cut; every request naming one of them would be denied
     * with {@code unknown_policy} until the next reload. This check refuses such a set.
     *
     * @param paths policy files and directories, as for {@link PolicyLoader#load}
     * @param authorizer the authorizer to swap each new set into
     * @param references for a set, one line for each name that the referrers give and the set lacks
     * @param referrers what gives the names, as messages call it ({@code access keys})
     * @throws IllegalArgumentException if {@code paths} is empty
     */
    public PolicyReloader(List<Path> paths, Authorizer authorizer, Function<PolicySet, List<String>> references,
            String referrers) {
        this(paths, authorizer, references, referrers, PolicyLoader::load);
    }

    /** With another loader: for tests that make a load fail or take long at a chosen moment. */
    PolicyReloader(List<Path> paths, Authorizer authorizer, Function<PolicySet, List<String>> references,
            String referrers, Function<List<Path>, LoadResult> loader) {
        this.paths = List.copyOf(paths);
        if (this.paths.isEmpty()) {
            throw new IllegalArgumentException("no policy paths to reload from");
        }
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.references = Objects.requireNonNull(references, "references");
        this.referrers = Objects.requireNonNull(referrers, "referrers");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.serving = new Serving(authorizer.policySet(), 1);
        this.last = new ReloadResult(true, 1, Instant.now(), List.of(), "initial policy set");
        List<String> unresolved = references.apply(authorizer.policySet());
        if (!unresolved.isEmpty()) {
            LOG.log(Level.WARNING, referrers + " name roles or policies that are not loaded; their requests are denied "
                    + "(unknown_policy):\n  " + String.join("\n  ", unresolved));
        }
    }

    /**
     * Loads the files again and swaps the new set in, or keeps the running one; never throws.
     * Returns the result of a load that began after this call (see the class comment): with a
     * load running, the caller waits for it and for the next one, which it shares with the other
     * callers that came meanwhile.
     *
     * @return what the load did: the new version, or why the serving set stays
     */
    public ReloadResult reload() {
        long load;
        boolean interrupted = false;
        synchronized (lock) {
            long need = started + 1; // the first load that cannot have begun before this call
            while (true) {
                if (finished >= need) {
                    ReloadResult shared = finishedResult;
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return shared;
                }
                if (!running) {
                    running = true;
                    load = ++started;
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the load is bounded: wait for it, keep the interrupt for later
                }
            }
        }
        ReloadResult result = null;
        try {
            result = loadAndSwap();
        } finally {
            synchronized (lock) {
                running = false;
                if (result != null) {
                    finished = load;
                    finishedResult = result;
                }
                lock.notifyAll();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }

    private ReloadResult loadAndSwap() {
        ReloadResult result;
        try {
            LoadResult loaded = loader.apply(paths);
            if (!loaded.ok()) {
                result = failed(loaded.diagnostics(), loaded.errors().size() + " error(s)");
                failureLog.log(result.message() + ":\n" + DiagnosticRenderer.human(loaded.errors(), loaded.texts()), null);
            } else {
                PolicySet next = loaded.policySet().get();
                List<String> broken;
                synchronized (swap) { // the check and the swap as one step, keys reloads included
                    broken = brokenReferences(authorizer.policySet(), next);
                    if (broken.isEmpty()) {
                        authorizer.reload(next);
                        serving = new Serving(next, serving.version() + 1);
                    }
                }
                if (!broken.isEmpty()) {
                    result = refused(loaded.diagnostics(), broken);
                    failureLog.log(result.message() + ":\n  " + String.join("\n  ", broken), null);
                } else {
                    long v = serving.version();
                    successes++;
                    result = new ReloadResult(true, v, Instant.now(), loaded.diagnostics(),
                            "policies reloaded: version " + v + " from " + loaded.files().size() + " file(s)");
                    LOG.log(Level.INFO, result.message() + warnings(loaded) + failureLog.succeeded());
                }
            }
        } catch (RuntimeException e) {
            // e.g. a set the compiler rejects, an unexpected I/O failure: fail closed to the old set
            result = failed(List.of(), "internal error: " + e);
            failureLog.log(result.message(), e);
        }
        last = result;
        tell(listeners, result);
        return result;
    }

    /** The lines {@code references} gives for {@code next} and not for {@code serving}, in its order. */
    private List<String> brokenReferences(PolicySet serving, PolicySet next) {
        List<String> after = references.apply(next);
        if (after.isEmpty()) {
            return List.of();
        }
        Set<String> before = new HashSet<>(references.apply(serving));
        List<String> broken = new ArrayList<>();
        for (String line : after) {
            if (!before.contains(line)) {
                broken.add(line);
            }
        }
        return broken;
    }

    private ReloadResult failed(List<Diagnostic> diagnostics, String why) {
        failures++;
        long version = serving.version();
        return new ReloadResult(false, version, Instant.now(), diagnostics,
                "policy reload failed (" + why + "); version " + version + " keeps serving");
    }

    private ReloadResult refused(List<Diagnostic> diagnostics, List<String> broken) {
        failures++;
        List<String> listed = broken.size() <= LISTED ? broken : broken.subList(0, LISTED);
        String more = broken.size() <= LISTED ? "" : "; and " + (broken.size() - LISTED) + " more";
        long version = serving.version();
        return new ReloadResult(false, version, Instant.now(), diagnostics,
                "policy reload refused (the new set lacks names that " + referrers + " use: " + String.join("; ", listed)
                        + more + "); version " + version + " keeps serving");
    }

    private static String warnings(LoadResult loaded) {
        List<Diagnostic> w = new ArrayList<>();
        for (Diagnostic d : loaded.diagnostics()) {
            if (d.severity() != Severity.ERROR) {
                w.add(d);
            }
        }
        return w.isEmpty() ? "" : ", with warnings:\n" + DiagnosticRenderer.human(w, loaded.texts());
    }

    /**
     * Whether the files, loaded now, hold another set than the one serving, or do not load: for a
     * watcher's first look, which cannot know what the files held when the serving set was read.
     */
    boolean filesDiffer() {
        try {
            LoadResult now = loader.apply(paths);
            return !now.ok() || !now.policySet().get().equals(authorizer.policySet());
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Runs each listener with {@code result}; one that throws is logged, and the others still run (also for other
     * reloaders than this class, such as {@code warden serve}'s keys).
     *
     * @param listeners the listeners to run, in order
     * @param result the reload's result to give each
     */
    public static void tell(List<Consumer<ReloadResult>> listeners, ReloadResult result) {
        for (Consumer<ReloadResult> l : listeners) {
            try {
                l.accept(result);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a reload listener failed", e);
            }
        }
    }

    /**
     * Adds a listener called after every load, on the thread that ran it, before the callers sharing it return.
     *
     * @param listener given each load's result; one that throws is logged and the others still run
     */
    public void addListener(Consumer<ReloadResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * The policy files and directories reloaded from.
     *
     * @return the paths given to the constructor
     */
    public List<Path> paths() {
        return paths;
    }

    /**
     * The authorizer each new set is swapped into.
     *
     * @return the authorizer given to the constructor
     */
    public Authorizer authorizer() {
        return authorizer;
    }

    /**
     * The version of the set serving now: 1 at the start, one more after each successful reload.
     *
     * @return the serving set's version
     */
    public long version() {
        return serving.version();
    }

    /**
     * The set serving now and its version, read together.
     *
     * @return the serving set and its version
     */
    public Serving serving() {
        return serving;
    }

    /**
     * A policy set and its version ({@link #version}), as swapped in together.
     *
     * @param policies the set the authorizer decides with
     * @param version 1 for the set the reloader started with, one more after each successful reload
     */
    public record Serving(PolicySet policies, long version) {
        /**
         * Requires a set.
         *
         * @param policies the set the authorizer decides with
         * @param version 1 for the set the reloader started with, one more after each successful reload
         */
        public Serving {
            Objects.requireNonNull(policies, "policies");
        }
    }

    /**
     * Successful reloads so far.
     *
     * @return the number of loads swapped in, the initial set not counted
     */
    public long successes() {
        return successes;
    }

    /**
     * Failed reloads so far (refused ones included).
     *
     * @return the number of loads that left the serving set in place
     */
    public long failures() {
        return failures;
    }

    /**
     * The last reload's result (the start counts as a successful one).
     *
     * @return the result of the last load to finish
     */
    public ReloadResult lastResult() {
        return last;
    }

    /** For tests: the clock (in nanoseconds) and window of the failure log. */
    void failureLogClock(LongSupplier nanos, Duration window) {
        failureLog.clock(nanos, window);
    }

    /** Logs a failure unless the same one was logged within the window; counts those it skips. */
    private static final class FailureLog {
        private LongSupplier nanos = System::nanoTime;
        private long window = Duration.ofSeconds(FAILURE_LOG_SECONDS).toNanos();
        private String lastText;
        private long lastLogged;
        private long skipped;

        synchronized void clock(LongSupplier nanos, Duration window) {
            this.nanos = Objects.requireNonNull(nanos, "nanos");
            this.window = window.toNanos();
        }

        synchronized void log(String text, Throwable thrown) {
            long now = nanos.getAsLong();
            if (text.equals(lastText) && now - lastLogged < window) {
                skipped++;
                return;
            }
            String note = "";
            if (skipped > 0) {
                note = text.equals(lastText)
                        ? "\n(" + skipped + " identical failure(s) since it was last logged were not logged)"
                        : "\n(the previous failure repeated " + skipped + " more time(s) without being logged)";
            }
            lastText = text;
            lastLogged = now;
            skipped = 0;
            if (thrown == null) {
                LOG.log(Level.WARNING, text + note);
            } else {
                LOG.log(Level.WARNING, text + note, thrown);
            }
        }

        /** Forgets the last failure; a note on the repeats not logged, or nothing. */
        synchronized String succeeded() {
            String note = skipped > 0 ? " (after " + skipped + " repeated failure(s) that were not logged)" : "";
            lastText = null;
            skipped = 0;
            return note;
        }
    }
}
