package dev.warden.gateway;

import dev.warden.core.Decision;
import dev.warden.core.Reason;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The main listener: forward auth ({@code /v1/authz}, or {@code /v1/authz/envoy/...} in envoy
 * mode) and {@code /healthz}; every other path, the admin endpoints included, is 404. Nothing here
 * reads a request body, so no client can hold a thread of this listener.
 */
final class ForwardAuthEndpoints extends Handler.Abstract {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** A misconfigured gateway is logged at most once in this many nanoseconds. */
    static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final ForwardAuth mode;
    private final Gate gate;
    private final PolicyReloader reloader;
    private final Decisions decisions;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    ForwardAuthEndpoints(ForwardAuth mode, Gate gate, PolicyReloader reloader, Decisions decisions) {
        this.mode = mode;
        this.gate = gate;
        this.reloader = reloader;
        this.decisions = decisions;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null) {
            path = "";
        }
        if (path.equals("/v1/authz")) {
            forwardAuth(request, response, callback);
        } else if (mode == ForwardAuth.ENVOY
                && (path.startsWith(WardenServer.ENVOY_PREFIX + "/") || path.equals(WardenServer.ENVOY_PREFIX))) {
            envoy(request, response, callback);
        } else if (path.equals("/healthz")) {
            health(reloader, response, callback);
        } else {
            Replies.notFound(response, callback);
        }
        return true;
    }

    static void health(PolicyReloader reloader, Response response, Callback callback) {
        Replies.text(response, callback, 200, Replies.JSON,
                "{\"status\": \"ok\", \"policy_set_version\": " + reloader.version() + "}\n");
    }

    private void warnMisconfigured(String problem) {
        long last = lastWarned.get();
        long now = System.nanoTime();
        if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "forward auth answered 400: " + problem
                    + " (logged at most once a minute)");
        }
    }

    private void forwardAuth(Request request, Response response, Callback callback) {
        OriginalRequest original = OriginalRequest.fromHeaders(mode, request.getHeaders());
        decide(Decisions.AUTHZ, original, request, response, callback);
    }

    private void envoy(Request request, Response response, Callback callback) {
        String rest = request.getHttpURI().getPath().substring(WardenServer.ENVOY_PREFIX.length());
        String query = request.getHttpURI().getQuery();
        String target = query == null ? rest : rest + "?" + query;
        OriginalRequest original = OriginalRequest.envoy(request.getHeaders(), request.getMethod(), target);
        decide(Decisions.ENVOY, original, request, response, callback);
    }

    private void decide(String source, OriginalRequest original, Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        Verdict v;
        if (original.ok()) {
            v = gate.check(original.method(), original.target(), request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION));
        } else {
            if (original.misconfigured()) {
                warnMisconfigured(original.problem());
            }
            // the original request cannot be read unambiguously: 400, a deny
            Decision d = Decision.deny(Reason.MALFORMED_REQUEST, original.problem());
            v = new Verdict(400, d.reason().code(), original.problem(), "", "", "", Optional.of(d));
        }
        decisions.record(source, v, original.method(), v.status(), start, true);
        response.setStatus(v.status());
        var out = response.getHeaders();
        out.put("X-Warden-Decision", v.decisionWord());
        out.put("X-Warden-Reason", v.reason());
        if (v.allowed()) {
            out.put("X-Warden-Key-Id", v.keyId());
        }
        if (v.status() == 401) {
            out.put(HttpHeader.WWW_AUTHENTICATE, Gate.SCHEME);
        }
        out.put(HttpHeader.CONTENT_TYPE, Replies.TEXT);
        String detail = v.status() == 400 && !v.detail().isEmpty() ? ": " + v.detail() : "";
        Content.Sink.write(response, true, v.decisionWord() + " " + v.reason() + detail + "\n", callback);
    }
}
