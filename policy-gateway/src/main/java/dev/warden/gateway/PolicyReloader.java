package dev.warden.gateway;

import dev.warden.core.Authorizer;
import dev.warden.core.PolicySet;
import dev.warden.dsl.Diagnostic;
import dev.warden.dsl.Diagnostics;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import dev.warden.dsl.Severity;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reloads an {@link Authorizer}'s policies from their files: the files are loaded and checked
 * (every load error) and the new set is swapped in atomically ({@link Authorizer#reload}); when
 * anything fails (a parse error, an I/O error, a file deleted mid-reload, a set that does not
 * compile) the running set goes on serving unchanged, the failure is logged with its diagnostics
 * ({@code file:line:col}) and counted, and the next reload tries again.
 *
 * <p>Each successful load is a new policy-set version: 1 for the set the reloader starts with,
 * then 2, 3... Reloads run one at a time; decisions run meanwhile against the set live when each
 * began. The reloader knows nothing of HTTP: {@code warden serve} calls it from its file watcher,
 * on {@code SIGHUP} and from {@code POST /v1/reload}.
 */
public final class PolicyReloader {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");

    private final List<Path> paths;
    private final Authorizer authorizer;
    private final Function<List<Path>, LoadResult> loader;
    private final List<Consumer<ReloadResult>> listeners = new CopyOnWriteArrayList<>();
    private volatile long version = 1;
    private volatile long successes;
    private volatile long failures;
    private volatile ReloadResult last;

    /**
     * A reloader for an authorizer that already holds the policies of {@code paths} (version 1).
     *
     * @param paths policy files and directories, as for {@link PolicyLoader#load}
     */
    public PolicyReloader(List<Path> paths, Authorizer authorizer) {
        this(paths, authorizer, PolicyLoader::load);
    }

    /** With another loader: for tests that make a load fail at a chosen moment. */
    PolicyReloader(List<Path> paths, Authorizer authorizer, Function<List<Path>, LoadResult> loader) {
        this.paths = List.copyOf(paths);
        if (this.paths.isEmpty()) {
            throw new IllegalArgumentException("no policy paths to reload from");
        }
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.last = new ReloadResult(true, 1, Instant.now(), List.of(), "initial policy set");
    }

    /**
     * Loads the policies once, for a start: the set, or a {@link ConfigurationException} with
     * every diagnostic when they do not load.
     */
    public static PolicySet loadInitial(List<Path> paths) throws ConfigurationException {
        LoadResult r = PolicyLoader.load(paths);
        if (!r.ok()) {
            throw new ConfigurationException("the policies did not load:\n" + Diagnostics.render(r.errors()),
                    r.diagnostics());
        }
        return r.policySet().get();
    }

    /** Loads the files again and swaps the new set in, or keeps the running one; never throws. */
    public synchronized ReloadResult reload() {
        ReloadResult result;
        try {
            LoadResult loaded = loader.apply(paths);
            if (loaded.ok()) {
                authorizer.reload(loaded.policySet().get());
                long v = version + 1;
                version = v;
                successes++;
                result = new ReloadResult(true, v, Instant.now(), loaded.diagnostics(),
                        "policies reloaded: version " + v + " from " + loaded.files().size() + " file(s)");
                LOG.log(Level.INFO, result.message() + warnings(loaded.diagnostics()));
            } else {
                result = failed(loaded.diagnostics(), loaded.errors().size() + " error(s)");
                LOG.log(Level.WARNING, result.message() + ":\n" + Diagnostics.render(loaded.errors()));
            }
        } catch (RuntimeException e) {
            // e.g. a set the compiler rejects, an unexpected I/O failure: fail closed to the old set
            result = failed(List.of(), "internal error: " + e);
            LOG.log(Level.WARNING, result.message(), e);
        }
        last = result;
        for (Consumer<ReloadResult> l : listeners) {
            l.accept(result);
        }
        return result;
    }

    private ReloadResult failed(List<Diagnostic> diagnostics, String why) {
        failures++;
        return new ReloadResult(false, version, Instant.now(), diagnostics,
                "policy reload failed (" + why + "); version " + version + " keeps serving");
    }

    private static String warnings(List<Diagnostic> diagnostics) {
        List<Diagnostic> w = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (d.severity() != Severity.ERROR) {
                w.add(d);
            }
        }
        return w.isEmpty() ? "" : ", with warnings:\n" + Diagnostics.render(w);
    }

    /** Called after every reload, on the reloading thread. */
    public void addListener(Consumer<ReloadResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The policy files and directories reloaded from. */
    public List<Path> paths() {
        return paths;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    /** The version of the set serving now: 1 at the start, one more after each successful reload. */
    public long version() {
        return version;
    }

    /** Successful reloads so far. */
    public long successes() {
        return successes;
    }

    /** Failed reloads so far. */
    public long failures() {
        return failures;
    }

    /** The last reload's result (the start counts as a successful one). */
    public ReloadResult lastResult() {
        return last;
    }
}
