package dev.warden.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.core.PolicySet;
import dev.warden.dsl.ReloadResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /readyz}, on both listeners: 200 while the server takes requests, with the policies and
 * keys loaded; 503 once it drains ({@link WardenServer#close}). The body says what serves and how
 * the last reloads went:
 *
 * <pre>{@code
 * {"status": "ready", "policy_set_version": 2, "policies": 3, "roles": 1, "keys": 3,
 *  "last_policy_reload": {"outcome": "reloaded", "time": "2026-01-01T10:00:00Z", "message": "..."},
 *  "last_keys_reload": {"outcome": "failed", "time": "...", "message": "..."}}
 * }</pre>
 *
 * <p>A failed reload does not make the server unready: the set loaded before serves on, and the
 * outcome says the files are not what serves.
 */
final class ReadyEndpoint implements Endpoint {
    static final String PATH = "/readyz";
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private final WardenServer server;

    ReadyEndpoint(WardenServer server) {
        this.server = server;
    }

    @Override
    public void handle(Request request, Response response, Callback callback) {
        boolean ready = !server.draining();
        PolicySet set = server.gate().authorizer().policySet();
        StringWriter s = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(s)) {
            json.writeStartObject();
            json.writeStringField("status", ready ? "ready" : "draining");
            json.writeNumberField("policy_set_version", server.reloader().version());
            json.writeNumberField("policies", set.policies().size());
            json.writeNumberField("roles", set.roles().size());
            json.writeNumberField("keys", server.gate().keys().size());
            json.writeFieldName("last_policy_reload");
            write(json, server.reloader().lastResult());
            if (server.lastKeysReload().isPresent()) {
                json.writeFieldName("last_keys_reload");
                write(json, server.lastKeysReload().get());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Replies.text(response, callback, ready ? 200 : 503, Replies.JSON, s + "\n");
    }

    private static void write(JsonGenerator json, ReloadResult r) throws IOException {
        json.writeStartObject();
        json.writeStringField("outcome", r.ok() ? "reloaded" : "failed");
        json.writeStringField("time", r.time().toString());
        json.writeStringField("message", r.message());
        json.writeEndObject();
    }
}
