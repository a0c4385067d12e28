package dev.warden.gateway;

import java.lang.System.Logger.Level;
import java.lang.reflect.Proxy;

/**
 * {@code SIGHUP} handling, best effort: {@code sun.misc.Signal} (module {@code jdk.unsupported}) is
 * reached by reflection, so that the gateway compiles and runs where it is missing (then only
 * {@code POST /v1/reload} and the file watcher reload).
 */
final class Signals {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");

    private Signals() {}

    /** Runs {@code action} on every {@code SIGHUP}; false when that cannot be arranged. */
    static boolean onHangup(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object hup = signal.getConstructor(String.class).newInstance("HUP");
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
                        return "warden SIGHUP handler";
                    });
            signal.getMethod("handle", signal, handler).invoke(null, hup, proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "SIGHUP cannot be handled here (" + e + "); reload with POST /v1/reload");
            return false;
        }
    }
}
