package dev.warden.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /metrics} (admin listener): the metrics in the Prometheus text format. */
final class MetricsEndpoint implements Endpoint {
    static final String PATH = "/metrics";
    private final GatewayMetrics metrics;

    MetricsEndpoint(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            Replies.text(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        } else {
            Replies.methodNotAllowed(response, callback, "GET");
        }
    }
}
