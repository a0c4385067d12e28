package dev.warden.server;

import dev.warden.dsl.PolicyReloader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /healthz}, on both listeners: ok, with the policy-set version serving. */
final class HealthEndpoint implements Endpoint {
    static final String PATH = "/healthz";
    private final PolicyReloader reloader;

    HealthEndpoint(PolicyReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        Replies.text(response, callback, 200, Replies.JSON,
                "{\"status\": \"ok\", \"policy_set_version\": " + reloader.version() + "}\n");
    }
}
