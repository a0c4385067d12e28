package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.gateway.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link WardenServer} built from Java, without the command line, has every endpoint {@code
 * warden serve} has: forward auth ({@code /v1/authz}, and {@code /v1/authz/envoy/...} in Envoy
 * mode) and {@code /healthz} on the main listener; {@code /v1/decide}, {@code /v1/reload}, {@code
 * /metrics} and {@code /healthz} on the admin listener. Each is called with a real HTTP client.
 * Forward auth answers with its status and headers, no body.
 */
class EmbeddedServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The admin key's principal (Fixtures.keysJson) in the batch format. */
    private static final String ADMIN_PRINCIPAL = "{\"id\": \"ak_admin\", \"policies\": [\"everything\", \"no-connectors\"], "
            + "\"attributes\": {\"team\": \"ops\"}}";

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSmallestPool_startsAndAnswersRequestsAtOnce(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        // an acceptor and the selectors (which decide forward-auth requests themselves) come out of
        // the pool: the smallest one allowed must leave room for them
        assertThat(WardenServer.selectors(4)).isEqualTo(1);
        assertThat(WardenServer.selectors(1_000)).isEqualTo(Runtime.getRuntime().availableProcessors());
        try (WardenServer server = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).maxThreads(4).watch(false).start()) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(HTTP.sendAsync(HttpRequest.newBuilder(server.uri().resolve("/v1/authz"))
                        .header("X-Original-Method", "GET").header("X-Original-URI", "/workspaces/w1/channels/c" + i)
                        .header("Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (var a : answers) {
                assertThat(a.get().statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void everyEndpointOfWardenServe_answers_onAServerBuiltFromJava(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        try (WardenServer server = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).watch(false).start()) {
            URI main = server.uri();
            URI admin = server.adminUri().orElseThrow();
            assertThat(main.getHost()).isEqualTo("127.0.0.1");
            assertThat(admin.getHost()).isEqualTo("127.0.0.1");

            // main listener: forward auth
            HttpResponse<String> allowed = get(main.resolve("/v1/authz"), "X-Original-Method", "GET",
                    "X-Original-URI", "/workspaces/w1/channels?limit=5", "Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY));
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).isEmpty();
            assertThat(allowed.headers().firstValue("X-Warden-Decision")).contains("allow");
            assertThat(allowed.headers().firstValue("X-Warden-Reason")).contains("allowed");
            assertThat(allowed.headers().firstValue("X-Warden-Key-Id")).contains("ak_support");
            HttpResponse<String> denied = get(main.resolve("/v1/authz"), "X-Original-Method", "DELETE",
                    "X-Original-URI", "/workspaces/w1/connectors/k1", "Authorization", Fixtures.auth(Fixtures.ADMIN_KEY));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).isEmpty();
            assertThat(denied.headers().firstValue("X-Warden-Decision")).contains("deny");
            assertThat(denied.headers().firstValue("X-Warden-Reason")).contains("explicit_deny");
            HttpResponse<String> anonymous = get(main.resolve("/v1/authz"), "X-Original-Method", "GET",
                    "X-Original-URI", "/workspaces/w1/channels");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).isEmpty();
            assertThat(anonymous.headers().firstValue("X-Warden-Decision")).contains("deny");
            assertThat(anonymous.headers().firstValue("X-Warden-Reason")).contains("missing_credentials");

            // main listener: health; the admin endpoints are not there
            HttpResponse<String> health = get(main.resolve("/healthz"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\": \"ok\", \"policy_set_version\": 1}\n");
            assertThat(post(main.resolve("/v1/decide"), "{}").statusCode()).isEqualTo(404);

            // admin listener: a remote decision, in the batch format of `warden eval`
            HttpResponse<String> decided = post(admin.resolve("/v1/decide"), "{\"principal\": " + ADMIN_PRINCIPAL
                    + ", \"action\": \"update\", \"resource\": \"/workspaces/w1/channels/c1\"}\n");
            assertThat(decided.statusCode()).isEqualTo(200);
            assertThat(decided.body()).isEqualTo("{\"decision\": \"allow\", \"reason\": \"allowed\", \"matched\": "
                    + "[{\"policy\": \"everything\", \"effect\": \"allow\", \"source\": \"" + policies.resolve("main.policy")
                    + ":8:5\"}]}\n");
            HttpResponse<String> unknownAction = post(admin.resolve("/v1/decide"), "{\"principal\": " + ADMIN_PRINCIPAL
                    + ", \"method\": \"TRACE\", \"path\": \"/workspaces/w1\"}");
            assertThat(unknownAction.statusCode()).isEqualTo(200);
            assertThat(unknownAction.body()).isEqualTo("{\"decision\": \"deny\", \"reason\": \"unknown_action\", "
                    + "\"error\": \"HTTP method `TRACE` maps to no action\"}\n");
            HttpResponse<String> invalid = post(admin.resolve("/v1/decide"), "{\"principal\": {\"id\": \"ak_admin\"}}");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).isEqualTo("{\"decision\": \"deny\", \"reason\": \"invalid_request\", "
                    + "\"error\": \"missing `action` and `resource` (or `method` and `path`)\"}\n");

            // admin listener: reload, a good set then a broken one (the old set keeps serving)
            HttpResponse<String> reloaded = post(admin.resolve("/v1/reload"), "");
            assertThat(reloaded.statusCode()).isEqualTo(200);
            JsonNode r = JSON.readTree(reloaded.body());
            assertThat(r.get("outcome").textValue()).isEqualTo("reloaded");
            assertThat(r.get("policy_set_version").longValue()).isEqualTo(2);
            assertThat(r.get("diagnostics").size()).isZero();
            Files.writeString(policies.resolve("main.policy"), "policy broken {\n");
            HttpResponse<String> refused = post(admin.resolve("/v1/reload"), "{}");
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode f = JSON.readTree(refused.body());
            assertThat(f.get("outcome").textValue()).isEqualTo("failed");
            assertThat(f.get("policy_set_version").longValue()).isEqualTo(2);
            assertThat(f.get("diagnostics").get(0).get("severity").textValue()).isEqualTo("error");
            assertThat(get(main.resolve("/v1/authz"), "X-Original-Method", "GET", "X-Original-URI",
                    "/workspaces/w1/channels", "Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY)).statusCode())
                    .isEqualTo(200);

            // admin listener: metrics and health
            HttpResponse<String> metrics = get(admin.resolve("/metrics"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            // three forward-auth decisions that reached the policies and two remote ones, counted alike
            assertThat(WardenServerTest.counter(metrics.body(), "warden_decisions_total{decision=\"allow\",reason=\"allowed\"}"))
                    .isEqualTo(3);
            assertThat(WardenServerTest.counter(metrics.body(),
                    "warden_decisions_total{decision=\"deny\",reason=\"unknown_action\"}")).isEqualTo(1);
            assertThat(metrics.body()).contains("warden_policy_set_version 2.0");
            HttpResponse<String> adminHealth = get(admin.resolve("/healthz"));
            assertThat(adminHealth.statusCode()).isEqualTo(200);
            assertThat(adminHealth.body()).isEqualTo("{\"status\": \"ok\", \"policy_set_version\": 2}\n");
        }
    }

    @Test
    void envoyMode_servesForwardAuthUnderItsPrefix_onAServerBuiltFromJava(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        try (WardenServer server = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).watch(false).forwardAuth(ForwardAuth.ENVOY).start()) {
            HttpResponse<String> allowed = get(server.uri().resolve("/v1/authz/envoy/workspaces/w1/channels?limit=5"),
                    "Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY));
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).isEmpty();
            assertThat(allowed.headers().firstValue("X-Warden-Decision")).contains("allow");
            assertThat(allowed.headers().firstValue("X-Warden-Reason")).contains("allowed");
            HttpResponse<String> denied = get(server.uri().resolve("/v1/authz/envoy/workspaces/w1/settings"),
                    "Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).isEmpty();
            assertThat(denied.headers().firstValue("X-Warden-Decision")).contains("deny");
            assertThat(denied.headers().firstValue("X-Warden-Reason")).contains("no_match");
            assertThat(get(server.uri().resolve("/v1/authz"), "Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY))
                    .statusCode()).isEqualTo(400);
            assertThat(get(server.uri().resolve("/healthz")).statusCode()).isEqualTo(200);
            assertThat(server.adminUri()).isEmpty();
        }
    }
}
