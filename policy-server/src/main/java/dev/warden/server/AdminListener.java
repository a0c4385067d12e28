package dev.warden.server;

import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin listener: the checks of {@link AdminGuard} first, then its {@link Routes} ({@code POST
 * /v1/decide}, {@code POST /v1/reload}, {@code GET /metrics}, {@code /healthz}), on its own port
 * and threads.
 */
final class AdminListener extends Handler.Abstract {
    private final Routes routes;
    private final GatewayMetrics metrics;
    private volatile AdminGuard guard;

    AdminListener(Routes routes, GatewayMetrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
    }

    /** Set once the port is bound (the guard checks it in {@code Host}); until then every request is refused. */
    void guard(AdminGuard guard) {
        this.guard = guard;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        AdminGuard g = guard;
        if (g == null) {
            Replies.closing(response, callback, 503, "starting");
            return true;
        }
        Optional<AdminGuard.Refusal> refused = g.check(request.getHeaders());
        if (refused.isPresent()) {
            metrics.refused(refused.get().status());
            Replies.text(response, callback, refused.get().status(), Replies.TEXT, refused.get().message() + "\n");
            return true;
        }
        return routes.handle(request, response, callback);
    }
}
