package dev.warden.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.dsl.Diagnostic;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin listener: {@code POST /v1/decide}, {@code POST /v1/reload}, {@code GET /metrics} and
 * {@code /healthz}, on its own port and threads, after the checks of {@link AdminGuard}. Bodies
 * are read without holding a thread ({@link BodyReader}) and within a deadline (408 when it
 * passes).
 */
final class AdminEndpoints extends Handler.Abstract {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Gate gate;
    private final PolicyReloader reloader;
    private final GatewayMetrics metrics;
    private final Decisions decisions;
    private final Optional<BatchCodec> codec;
    private final boolean logDecide;
    private final Duration bodyDeadline;
    private volatile AdminGuard guard;

    AdminEndpoints(Gate gate, PolicyReloader reloader, GatewayMetrics metrics, Decisions decisions,
            Optional<BatchCodec> codec, boolean logDecide, Duration bodyDeadline) {
        this.gate = gate;
        this.reloader = reloader;
        this.metrics = metrics;
        this.decisions = decisions;
        this.codec = codec;
        this.logDecide = logDecide;
        this.bodyDeadline = bodyDeadline;
    }

    /** Set once the port is bound (the guard checks it in {@code Host}); until then every request is refused. */
    void guard(AdminGuard guard) {
        this.guard = guard;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
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
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (path == null) {
            path = "";
        }
        switch (path) {
            case "/healthz" -> ForwardAuthEndpoints.health(reloader, response, callback);
            case "/metrics" -> {
                if (method.equals("GET") || method.equals("HEAD")) {
                    Replies.text(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
                } else {
                    Replies.methodNotAllowed(response, callback, "GET");
                }
            }
            case "/v1/decide" -> {
                if (!method.equals("POST")) {
                    Replies.methodNotAllowed(response, callback, "POST");
                } else if (codec.isEmpty()) {
                    Replies.text(response, callback, 404, Replies.TEXT, "/v1/decide is not enabled on this server\n");
                } else if (!AdminGuard.isJson(request.getHeaders().getValuesList(HttpHeader.CONTENT_TYPE))) {
                    metrics.refused(415);
                    Replies.text(response, callback, 415, Replies.TEXT, "/v1/decide takes a body of type `application/json`\n");
                } else {
                    body(request, response, callback, body -> decide(body, response, callback));
                }
            }
            case "/v1/reload" -> {
                var type = request.getHeaders().getValuesList(HttpHeader.CONTENT_TYPE);
                if (!method.equals("POST")) {
                    Replies.methodNotAllowed(response, callback, "POST");
                } else if (!type.isEmpty() && !AdminGuard.isJson(type)) {
                    metrics.refused(415);
                    Replies.text(response, callback, 415, Replies.TEXT,
                            "/v1/reload takes an empty body, or one of type `application/json`\n");
                } else {
                    body(request, response, callback, ignored -> reload(response, callback));
                }
            }
            default -> Replies.notFound(response, callback);
        }
        return true;
    }

    /** Reads the body, then runs {@code then} with it, or answers 413, 408 or 400. */
    private void body(Request request, Response response, Callback callback, Consumer<byte[]> then) {
        BodyReader.read(request, WardenServer.MAX_BODY, bodyDeadline, (outcome, body) -> {
            switch (outcome) {
                case READ -> {
                    try {
                        then.accept(body);
                    } catch (RuntimeException e) {
                        callback.failed(e);
                    }
                }
                case TOO_LARGE -> {
                    metrics.refused(413);
                    Replies.closing(response, callback, 413, "a request must be at most 1 MiB");
                }
                case TOO_SLOW -> {
                    metrics.refused(408);
                    Replies.closing(response, callback, 408,
                            "the request body did not arrive within " + bodyDeadline.toMillis() + " ms");
                }
                case FAILED -> Replies.closing(response, callback, 400, "the request body could not be read");
            }
        });
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
                decided.action(), withoutQuery(decided.path()), Optional.of(d));
        decisions.record(Decisions.DECIDE, v, decided.method(), status, start, logDecide);
        Replies.text(response, callback, status, Replies.JSON, decided.json() + "\n");
    }

    private void reload(Response response, Callback callback) {
        ReloadResult r = reloader.reload();
        StringWriter s = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(s)) {
            json.writeStartObject();
            json.writeStringField("outcome", r.ok() ? "reloaded" : "failed");
            json.writeNumberField("policy_set_version", r.version());
            json.writeStringField("message", r.message());
            json.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : r.diagnostics()) {
                json.writeStartObject();
                json.writeStringField("severity", d.severity().word());
                json.writeStringField("code", d.code());
                json.writeStringField("location", d.location().toString());
                json.writeStringField("message", d.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Replies.text(response, callback, r.ok() ? 200 : 422, Replies.JSON, s + "\n");
    }

    /** A path as written, without its query or fragment: those may carry secrets and never reach the log. */
    static String withoutQuery(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                return path.substring(0, i);
            }
        }
        return path;
    }
}
