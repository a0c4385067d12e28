package dev.warden.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.ReloadResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /v1/reload} (admin listener; an empty body, or any JSON): reloads the policies and
 * then the keys file now; 200 with the new versions, or 422 with the diagnostics while what did
 * not load keeps serving as it was. The diagnostics are in the one JSON shape of {@code
 * docs/diagnostics.schema.json}; the keys file's outcome is under {@code "keys"}.
 */
final class ReloadEndpoint implements Endpoint {
    static final String PATH = "/v1/reload";
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private final WardenServer server;
    private final GatewayMetrics metrics;
    private final AdminBody body;

    ReloadEndpoint(WardenServer server, GatewayMetrics metrics, AdminBody body) {
        this.server = server;
        this.metrics = metrics;
        this.body = body;
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        var type = request.getHeaders().getValuesList(HttpHeader.CONTENT_TYPE);
        if (!request.getMethod().equals("POST")) {
            Replies.methodNotAllowed(response, callback, "POST");
        } else if (!type.isEmpty() && !AdminGuard.isJson(type)) {
            metrics.refused(415);
            Replies.text(response, callback, 415, Replies.TEXT,
                    "/v1/reload takes an empty body, or one of type `application/json`\n");
        } else {
            body.read(request, response, callback, ignored -> reload(response, callback));
        }
    }

    private void reload(Response response, Callback callback) {
        ReloadResult r = server.reloader().reload();
        var keys = server.reloadKeys();
        StringWriter s = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(s)) {
            json.writeStartObject();
            json.writeStringField("outcome", r.ok() ? "reloaded" : "failed");
            json.writeNumberField("policy_set_version", r.version());
            json.writeStringField("message", r.message());
            json.writeFieldName("diagnostics");
            DiagnosticRenderer.writeJson(json, r.diagnostics());
            if (keys.isPresent()) {
                json.writeObjectFieldStart("keys");
                json.writeStringField("outcome", keys.get().ok() ? "reloaded" : "failed");
                json.writeNumberField("keys_version", keys.get().version());
                json.writeNumberField("keys", server.gate().keys().size());
                json.writeStringField("message", keys.get().message());
                json.writeFieldName("diagnostics");
                DiagnosticRenderer.writeJson(json, keys.get().diagnostics());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean ok = r.ok() && keys.map(ReloadResult::ok).orElse(true);
        Replies.text(response, callback, ok ? 200 : 422, Replies.JSON, s + "\n");
    }
}
