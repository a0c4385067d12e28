package dev.warden.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * A listener's route table: a path (exactly) or a path prefix to its {@link Endpoint}; every other
 * path is 404. An exact path is looked up first; a prefix {@code /p} takes {@code /p} and {@code
 * /p/...}, not {@code /px}.
 *
 * <p>A table whose endpoints never wait (no blocking read, no lock held across I/O, no file work)
 * is {@linkplain #nonBlocking() non-blocking}: Jetty then runs each request on the selector thread
 * that read it, with no hand-off to a pool thread. The forward-auth listener is one (its endpoints
 * read headers only, and answer through callbacks); the admin listener, whose reload reads and
 * compiles files, is not.
 */
final class Routes extends Handler.Abstract {
    private final Map<String, Endpoint> exact = new LinkedHashMap<>();
    private final Map<String, Endpoint> prefixes = new LinkedHashMap<>();

    private Routes(InvocationType type) {
        super(type);
    }

    /** A table whose endpoints may block: each request runs on a pool thread. */
    static Routes blocking() {
        return new Routes(InvocationType.BLOCKING);
    }

    /** A table whose endpoints never block: each request runs on the thread that read it. */
    static Routes nonBlocking() {
        return new Routes(InvocationType.NON_BLOCKING);
    }

    /** Routes {@code path} to {@code endpoint}. */
    Routes path(String path, Endpoint endpoint) {
        exact.put(path, Objects.requireNonNull(endpoint, "endpoint"));
        return this;
    }

    /** Routes {@code prefix} and every path under {@code prefix/} to {@code endpoint}. */
    Routes prefix(String prefix, Endpoint endpoint) {
        prefixes.put(prefix, Objects.requireNonNull(endpoint, "endpoint"));
        return this;
    }

    /** The endpoint of {@code path}, or the 404 one. */
    Endpoint find(String path) {
        Endpoint e = exact.get(path);
        if (e != null) {
            return e;
        }
        for (Map.Entry<String, Endpoint> p : prefixes.entrySet()) {
            if (path.equals(p.getKey()) || path.startsWith(p.getKey() + "/")) {
                return p.getValue();
            }
        }
        return Replies::notFound;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        find(path == null ? "" : path).handle(request, response, callback);
        return true;
    }
}
