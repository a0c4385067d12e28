package dev.warden.server;

import dev.warden.core.AccessRequest;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.dsl.BatchFormat;
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
 * {@code POST /v1/decide} (admin listener): one request in the batch format of {@code warden eval}
 * ({@link BatchFormat}), of type {@code application/json}, one decision back in the same format, so
 * that a remote decision has exactly the shape of a line of {@code eval}'s output. Its decisions
 * are counted, and logged only when told.
 */
final class DecideEndpoint implements Endpoint {
    static final String PATH = "/v1/decide";
    private final Gate gate;
    private final GatewayMetrics metrics;
    private final Decisions decisions;
    private final boolean logged;
    private final AdminBody body;

    DecideEndpoint(Gate gate, GatewayMetrics metrics, Decisions decisions, boolean logged, AdminBody body) {
        this.gate = gate;
        this.metrics = metrics;
        this.decisions = decisions;
        this.logged = logged;
        this.body = body;
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        if (!request.getMethod().equals("POST")) {
            Replies.methodNotAllowed(response, callback, "POST");
        } else if (!AdminGuard.isJson(request.getHeaders().getValuesList(HttpHeader.CONTENT_TYPE))) {
            metrics.refused(415);
            Replies.text(response, callback, 415, Replies.TEXT, "/v1/decide takes a body of type `application/json`\n");
        } else {
            String id = Decisions.requestId(request.getHeaders().getValuesList(ForwardAuthCheck.REQUEST_ID));
            body.read(request, response, callback, b -> decide(b, id, response, callback));
        }
    }

    private void decide(byte[] body, String requestId, Response response, Callback callback) {
        long start = System.nanoTime();
        String line = new String(body, StandardCharsets.UTF_8);
        if (line.endsWith("\n")) {
            line = line.substring(0, line.length() - (line.endsWith("\r\n") ? 2 : 1));
        }
        BatchFormat.Line read = BatchFormat.read(line);
        Decision d = read.decide(gate.authorizer());
        int status = d.reason() == Reason.INVALID_REQUEST ? 400 : 200;
        // what the log and the metrics say of it: nothing of a line that is not a request
        String keyId = "";
        String method = "";
        String action = "";
        String target = "";
        String clientAddress = "";
        if (read instanceof BatchFormat.Line.Valid valid) {
            AccessRequest r = valid.request();
            clientAddress = r.context().getOrDefault("ip", "");
            keyId = r.principal().id();
            method = r instanceof AccessRequest.Http http ? http.method() : "";
            action = r.requestedAction().orElse("");
            target = HttpMapping.withoutQuery(r.target());
        }
        Verdict v = new Verdict(HttpMapping.status(d), d.reason().code(), d.detail(), keyId, action, target,
                Optional.of(d));
        decisions.record(Decisions.DECIDE, v, method, status, start, logged,
                new Decisions.Request(requestId, clientAddress, false));
        Replies.text(response, callback, status, Replies.JSON, BatchFormat.write(d) + "\n");
    }
}
