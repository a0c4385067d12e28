package dev.warden.server;

import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code SIGHUP}, {@code SIGTERM} and {@code SIGINT} handling, best effort: {@code sun.misc.Signal} (module {@code jdk.unsupported}) is
 * reached by reflection, so that the gateway compiles and runs where it is missing (then only
 * {@code POST /v1/reload} and the file watcher reload).
 *
 * <p>The handler is installed by {@link #onHangup} (the policy reload of {@code warden serve}); what
 * is registered with {@link #alsoOnHangup} (the decision log's reopen) runs on the same signal, but
 * only once a handler is installed: without one, a {@code SIGHUP} does what the JVM does by default.
 * {@link #onTerminate} (the graceful stop of {@code warden serve}) takes {@code SIGTERM} and {@code SIGINT}.
 */
final class Signals {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    private static final CopyOnWriteArrayList<Runnable> ALSO = new CopyOnWriteArrayList<>();
    private static volatile Runnable main;
    private static boolean installed;

    private Signals() {}

    /**
     * Runs {@code action} on every {@code SIGHUP}, instead of the action given before; false when
     * that cannot be arranged.
     */
    static synchronized boolean onHangup(Runnable action) {
        if (!installed) {
            installed = install();
        }
        if (installed) {
            main = action;
        }
        return installed;
    }

    /**
     * Runs {@code action} too on every {@code SIGHUP} once a handler is installed by {@link
     * #onHangup}; running the returned handle removes it again.
     */
    static Runnable alsoOnHangup(Runnable action) {
        Runnable own = action::run; // a fresh object: removing it removes this registration only
        ALSO.add(own);
        return () -> ALSO.remove(own);
    }

    /** What a {@code SIGHUP} runs: the registrations of {@link #alsoOnHangup}, then the action of {@link #onHangup}. */
    static void hangup() {
        for (Runnable r : ALSO) {
            runQuietly(r);
        }
        Runnable m = main;
        if (m != null) {
            runQuietly(m);
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a SIGHUP action failed: " + e);
        }
    }

    /**
     * Runs {@code action}, on a thread of its own, on {@code SIGTERM} and {@code SIGINT} instead of
     * the JVM's own exit (which would run the shutdown hooks and exit 143 or 130). Returns what puts
     * the handlers that were there before back; where the signals cannot be handled the JVM's
     * default stays, and it does nothing.
     */
    static Runnable onTerminate(Runnable action) {
        Runnable onThread = () -> new Thread(() -> runQuietly(action), "warden-stop").start();
        Object term = handle("TERM", onThread);
        Object interrupt = handle("INT", onThread);
        return () -> {
            restore("TERM", term);
            restore("INT", interrupt);
        };
    }

    private static boolean install() {
        return handle("HUP", Signals::hangup) != null;
    }

    private static void restore(String name, Object previous) {
        if (previous == null) {
            return;
        }
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name),
                    previous);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "SIG" + name + " handler not restored (" + e + ")");
        }
    }

    /** Installs a handler of {@code name} that runs {@code action}; the handler before it, or null when it cannot. */
    private static Object handle(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object hup = signal.getConstructor(String.class).newInstance(name);
            Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (self, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                            return null;
                        }
                        if (method.getName().equals("hashCode")) {
                            return System.identityHashCode(self);
                        }
                        if (method.getName().equals("equals")) {
                            return self == args[0];
                        }
                        return "warden SIG" + name + " handler";
                    });
            return signal.getMethod("handle", signal, handler).invoke(null, hup, proxy);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "SIG" + name + " cannot be handled here (" + e + ")"
                    + (name.equals("HUP") ? "; reload with POST /v1/reload" : ""));
            return null;
        }
    }
}
