package dev.warden.server;

import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.gateway.Gate;
import dev.warden.gateway.HttpMapping;
import dev.warden.gateway.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /v1/decide} (admin listener): one request in the batch format, of type {@code
 * application/json}, one decision back, when a {@link BatchCodec} is set (404 otherwise). Its
 * decisions are counted, and logged only when told.
 */
final class DecideEndpoint implements Endpoint {
    static final String PATH = "/v1/decide";
    private final Gate gate;
    private final Optional<BatchCodec> codec;
    private final GatewayMetrics metrics;
    private final Decisions decisions;
    private final boolean logged;
    private final AdminBody body;

    DecideEndpoint(Gate gate, Optional<BatchCodec> codec, GatewayMetrics metrics, Decisions decisions, boolean logged,
            AdminBody body) {
        this.gate = gate;
        this.codec = codec;
        this.metrics = metrics;
        this.decisions = decisions;
        this.logged = logged;
        this.body = body;
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        if (!request.getMethod().equals("POST")) {
            Replies.methodNotAllowed(response, callback, "POST");
        } else if (codec.isEmpty()) {
            Replies.text(response, callback, 404, Replies.TEXT, "/v1/decide is not enabled on this server\n");
        } else if (!AdminGuard.isJson(request.getHeaders().getValuesList(HttpHeader.CONTENT_TYPE))) {
            metrics.refused(415);
            Replies.text(response, callback, 415, Replies.TEXT, "/v1/decide takes a body of type `application/json`\n");
        } else {
            body.read(request, response, callback, b -> decide(b, response, callback));
        }
    }

    private void decide(byte[] body, Response response, Callback callback) {
        long start = System.nanoTime();
        String line = new String(body, StandardCharsets.UTF_8);
        if (line.endsWith("\n")) {
            line = line.substring(0, line.length() - (line.endsWith("\r\n") ? 2 : 1));
        }
        BatchCodec.Decided decided = codec.get().decide(gate.authorizer(), line);
        Decision d = decided.decision();
        int status = d.reason() == Reason.INVALID_REQUEST ? 400 : 200;
        Verdict v = new Verdict(HttpMapping.status(d), d.reason().code(), d.detail(), decided.principalId(),
                decided.action(), HttpMapping.withoutQuery(decided.path()), Optional.of(d));
        decisions.record(Decisions.DECIDE, v, decided.method(), status, start, logged);
        Replies.text(response, callback, status, Replies.JSON, decided.json() + "\n");
    }
}
