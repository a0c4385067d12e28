package dev.warden.dsl;

import dev.warden.core.Authorizer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Policy files that an application decides with and that reload when they change, without {@code
 * warden serve}: the files are loaded once ({@link Builder#build}, which fails with every
 * diagnostic when they do not load), an {@link Authorizer} is built on them, and after {@link
 * #start} a {@link FileWatcher} reloads them through a {@link PolicyReloader} whenever they change:
 * each reload loads and checks the files whole and swaps the new set in atomically, or keeps the
 * serving set when anything fails. Every reload, success or failure, is told to the {@link
 * #onReload} listeners with its diagnostics.
 *
 * <pre>{@code
 * try (WatchedPolicies policies = WatchedPolicies.builder(List.of(Path.of("policies")))
 *         .authorizer(Authorizer.builder().cacheMaximumSize(50_000).clock(Clock.systemUTC()))
 *         .build()) {
 *     policies.onReload(r -> log.info(r.message()));
 *     policies.start();
 *     Decision d = policies.authorizer().authorize(principal, "view", "/workspaces/w1/channels");
 *     long version = policies.current().version();
 * }
 * }</pre>
 *
 * <p>The authorizer is the same object for the life of this value: hold it, and every decision
 * after a reload uses the new set. Thread-safe.
 */
public final class WatchedPolicies implements Closeable {
    private final PolicyReloader reloader;
    private final boolean watch;
    private final Object lock = new Object();
    private FileWatcher watcher;
    private boolean closed;

    private WatchedPolicies(PolicyReloader reloader, boolean watch) {
        this.reloader = reloader;
        this.watch = watch;
    }

    /**
     * Policies from {@code paths}: files and directories, as for {@link PolicyLoader#load} (a
     * directory's {@code .policy} and {@code .json} files).
     *
     * @param paths the policy files and directories
     * @return a builder that watches by default
     */
    public static Builder builder(List<Path> paths) {
        return new Builder(paths);
    }

    /**
     * Starts watching the files (a no-op with {@link Builder#watch watch(false)}, or when started
     * already). The first look compares the files with the set loaded by {@link Builder#build}, so
     * a change in between is reloaded too.
     *
     * @throws UncheckedIOException when the file system's watch service cannot be had
     * @throws IllegalStateException after {@link #close}
     */
    public void start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the policies are closed");
            }
            if (!watch || watcher != null) {
                return;
            }
            try {
                watcher = FileWatcher.watching(reloader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot watch the policy files: " + e.getMessage(), e);
            }
            watcher.start();
        }
    }

    /**
     * The authorizer that decides with the serving set; the same object after every reload.
     *
     * @return the authorizer
     */
    public Authorizer authorizer() {
        return reloader.authorizer();
    }

    /**
     * The set serving now and its version (1 for the set first loaded, one more per successful reload).
     *
     * @return the serving set and its version, read together
     */
    public PolicyReloader.Serving current() {
        return reloader.serving();
    }

    /**
     * Loads the files now and swaps the new set in, or keeps the serving one; never throws. The
     * listeners are told, as for a reload the watcher runs.
     *
     * @return what the load did: the new version, or why the serving set stays
     */
    public ReloadResult reload() {
        return reloader.reload();
    }

    /**
     * The last reload's result (loading at {@link Builder#build} counts as a successful one).
     *
     * @return the result of the last load to finish
     */
    public ReloadResult lastResult() {
        return reloader.lastResult();
    }

    /**
     * Tells {@code listener} of every reload from now on, successful or not ({@link
     * ReloadResult#ok}, the version, the diagnostics with their {@code file:line:col}), on the
     * thread that ran it (the watcher's, or the caller of {@link #reload}), after the swap. A
     * listener that throws is logged and the others still run.
     *
     * @param listener given each reload's result
     */
    public void onReload(Consumer<ReloadResult> listener) {
        reloader.addListener(listener);
    }

    /**
     * The reloader behind this value: its counts ({@code successes}, {@code failures}) and paths.
     *
     * @return the reloader
     */
    public PolicyReloader reloader() {
        return reloader;
    }

    /**
     * Stops watching; the authorizer goes on deciding with the last set.
     *
     * @throws IOException when the watch service cannot be closed
     */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closed = true;
            if (watcher != null) {
                watcher.close();
            }
        }
    }

    /** Configures {@link WatchedPolicies}. */
    public static final class Builder {
        private final List<Path> paths;
        private Authorizer.Builder authorizer = Authorizer.builder();
        private boolean watch = true;
        private final List<Consumer<ReloadResult>> listeners = new ArrayList<>();

        private Builder(List<Path> paths) {
            this.paths = List.copyOf(paths);
            if (this.paths.isEmpty()) {
                throw new IllegalArgumentException("no policy paths to load");
            }
        }

        /**
         * How to build the authorizer (cache, clock, decision listener); {@link Authorizer#builder()} by default.
         *
         * @param builder the configured authorizer builder; {@link #build} calls its {@code build}
         * @return this builder
         */
        public Builder authorizer(Authorizer.Builder builder) {
            this.authorizer = Objects.requireNonNull(builder, "builder");
            return this;
        }

        /**
         * Whether {@link WatchedPolicies#start} watches the files (default true); without, only {@link
         * WatchedPolicies#reload} reloads.
         *
         * @param watch false to reload only when asked
         * @return this builder
         */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /**
         * A listener told of every reload, as {@link WatchedPolicies#onReload}.
         *
         * @param listener given each reload's result
         * @return this builder
         */
        public Builder onReload(Consumer<ReloadResult> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Loads the files and builds the authorizer; does not start watching.
         *
         * @return the policies, loaded, with their authorizer
         * @throws PolicyFilesException when the files do not load, with every diagnostic
         */
        public WatchedPolicies build() throws PolicyFilesException {
            LoadResult loaded = PolicyLoader.load(paths);
            if (!loaded.ok()) {
                throw new PolicyFilesException(loaded);
            }
            PolicyReloader reloader = new PolicyReloader(paths, authorizer.build(loaded.policySet().get()));
            for (Consumer<ReloadResult> l : listeners) {
                reloader.addListener(l);
            }
            return new WatchedPolicies(reloader, watch);
        }
    }
}
