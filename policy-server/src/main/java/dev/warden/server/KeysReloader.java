package dev.warden.server;

import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.PolicyReloader;
import dev.warden.dsl.ReloadResult;
import dev.warden.gateway.AccessKeys;
import dev.warden.gateway.ConfigurationException;
import dev.warden.gateway.Gate;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Reloads the keys file of a {@link Gate} with the rules of a policy reload ({@link
 * PolicyReloader}): the file is read and checked whole, and the new keys are swapped in atomically
 * ({@link Gate#replaceKeys}); a file that does not load, or whose keys name a role or policy the
 * serving set lacks that no key named before, is refused, logged with its diagnostics and counted,
 * and the keys of before go on serving. Each successful load is a new keys version: 1 for the keys
 * it starts with, then 2, 3... One load runs at a time.
 */
final class KeysReloader {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");

    private final Path file;
    private final Gate gate;
    private final PolicyReloader policies;
    private final List<Consumer<ReloadResult>> listeners = new CopyOnWriteArrayList<>();
    private volatile long version = 1;
    private volatile long successes;
    private volatile long failures;
    private volatile ReloadResult last;

    KeysReloader(Path file, Gate gate, PolicyReloader policies) {
        this.file = Objects.requireNonNull(file, "file");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.last = new ReloadResult(true, 1, Instant.now(), List.of(), "initial access keys");
    }

    /** Reads the keys file again and swaps its keys in, or keeps the serving ones; never throws. */
    synchronized ReloadResult reload() {
        ReloadResult result;
        try {
            AccessKeys next = AccessKeys.load(file);
            // checked against the serving set and swapped in as one step: no policy reload in between
            List<String> broken = policies.whileSwapping(() -> {
                var set = gate.authorizer().policySet();
                Set<String> before = new HashSet<>(gate.keys().unknownReferences(set));
                List<String> b = next.unknownReferences(set).stream().filter(l -> !before.contains(l)).toList();
                if (b.isEmpty()) {
                    gate.replaceKeys(next);
                }
                return b;
            });
            if (!broken.isEmpty()) {
                failures++;
                result = new ReloadResult(false, version, Instant.now(), next.warnings(),
                        "access keys reload refused (the keys name roles or policies that are not loaded: "
                                + String.join("; ", broken) + "); keys version " + version + " keeps serving");
                LOG.log(Level.WARNING, result.message());
            } else {
                long v = version + 1;
                version = v;
                successes++;
                result = new ReloadResult(true, v, Instant.now(), next.warnings(),
                        "access keys reloaded: keys version " + v + ", " + next.size() + " key(s) from `" + file + "`");
            }
        } catch (ConfigurationException e) {
            failures++;
            result = new ReloadResult(false, version, Instant.now(), e.diagnostics(),
                    "access keys reload failed (" + Math.max(1, e.diagnostics().size()) + " error(s)); keys version "
                            + version + " keeps serving");
            LOG.log(Level.WARNING, result.message() + ":\n" + (e.diagnostics().isEmpty() ? e.getMessage()
                    : DiagnosticRenderer.human(e.diagnostics(), e.texts())));
        } catch (RuntimeException e) {
            failures++;
            result = new ReloadResult(false, version, Instant.now(), List.of(),
                    "access keys reload failed (internal error: " + e + "); keys version " + version + " keeps serving");
            LOG.log(Level.WARNING, result.message(), e);
        }
        last = result;
        PolicyReloader.tell(listeners, result);
        return result;
    }

    /** Called after every load, on the thread that ran it. */
    void addListener(Consumer<ReloadResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    Path file() {
        return file;
    }

    long version() {
        return version;
    }

    long successes() {
        return successes;
    }

    long failures() {
        return failures;
    }

    ReloadResult lastResult() {
        return last;
    }
}
