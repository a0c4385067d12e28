package dev.warden.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One endpoint of {@code warden serve}, found by its path in a {@link Routes} table; it always answers. */
@FunctionalInterface
interface Endpoint {
    void handle(Request request, Response response, Callback callback);
}
