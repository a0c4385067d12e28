package dev.warden.server;

import dev.warden.gateway.Gate;
import dev.warden.gateway.HttpMapping;
import dev.warden.gateway.Verdict;
import dev.warden.gateway.VerdictReply;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What every forward-auth entry point ({@link AuthzEndpoint}, {@link EnvoyEndpoint}, and {@link
 * EnvoyGrpcService} through {@link #decide}) does once it has read the original request: decide it
 * through the {@link Gate} and record the decision; the HTTP endpoints then answer the verdict's
 * status and headers with no body ({@code Content-Length: 0}), so that the gateway keeps the
 * connection, or with {@code withBody} the whole {@link VerdictReply} (with the detail of a 400),
 * for debugging. Nothing here reads a request body, so no client can hold a thread of the
 * main listener.
 */
final class ForwardAuthCheck {
    private static final System.Logger LOG = System.getLogger("dev.warden.gateway");
    /** A misconfigured gateway is logged at most once in this many nanoseconds. */
    static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final Gate gate;
    private final Decisions decisions;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    /** The header in which the gateway names the client's address; empty for none (no {@code context.ip}). */
    private final java.util.Optional<String> clientAddressHeader;

    /** Whether the answer has the {@link VerdictReply}'s body ({@code --forward-auth-body}). */
    private final boolean withBody;

    ForwardAuthCheck(Gate gate, Decisions decisions, java.util.Optional<String> clientAddressHeader, boolean withBody) {
        this.gate = gate;
        this.decisions = decisions;
        this.clientAddressHeader = clientAddressHeader;
        this.withBody = withBody;
    }

    void answer(String source, OriginalRequest original, Request request, Response response, Callback callback) {
        Verdict v = decide(source, original, request.getHeaders());
        if (withBody) {
            Replies.verdict(response, callback, VerdictReply.of(v, true));
        } else {
            Replies.verdictHeaders(response, callback, v);
        }
    }

    /**
     * Decides {@code original}, with the key, the client's address and the request id from the
     * forward-auth request's {@code headers}, and records the decision under {@code source}: what
     * every forward-auth entry point does before it answers in its own protocol ({@link
     * EnvoyGrpcService} too).
     */
    Verdict decide(String source, OriginalRequest original, HttpFields headers) {
        long start = System.nanoTime();
        Verdict v;
        java.util.Map<String, String> context = clientAddressHeader
                .map(h -> HttpMapping.clientContext(headers.getValuesList(h)))
                .orElse(java.util.Map.of());
        if (original.ok()) {
            v = gate.check(original.method(), original.target(), headers.getValuesList(HttpHeader.AUTHORIZATION), context);
        } else {
            if (original.misconfigured()) {
                warnMisconfigured(original.problem());
            }
            // the original request cannot be read unambiguously: 400, a deny
            v = Verdict.malformed(original.problem());
        }
        decisions.record(source, v, original.method(), v.status(), start, true, new Decisions.Request(
                Decisions.requestId(headers.getValuesList(REQUEST_ID)), context.getOrDefault("ip", ""),
                !original.ok() && original.misconfigured()));
        return v;
    }

    /** Whether answers carry the {@link VerdictReply}'s body ({@code --forward-auth-body}). */
    boolean withBody() {
        return withBody;
    }

    /** The header a gateway names its request id in. */
    static final String REQUEST_ID = "X-Request-Id";

    private void warnMisconfigured(String problem) {
        long last = lastWarned.get();
        long now = System.nanoTime();
        if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "forward auth answered 400: " + problem
                    + " (logged at most once a minute)");
        }
    }
}
