package dev.warden.server;

import dev.warden.testing.LogCapture;
import dev.warden.gateway.HttpMapping;
import dev.warden.gateway.ConfigurationException;
import dev.warden.gateway.Fixtures;
import dev.warden.gateway.Malformed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WardenServerTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    Path policies;
    Path decisionLog;
    WardenServer server;
    /** The same policies and keys behind Traefik, Caddy and Envoy. */
    WardenServer traefik;
    WardenServer caddy;
    WardenServer envoy;
    LogCapture logs;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        logs = new LogCapture();
        policies = Fixtures.write(dir);
        decisionLog = dir.resolve("decisions.jsonl");
        server = WardenServer.builder()
                .policies(List.of(policies))
                .keysFile(dir.resolve("keys.json"))
                .port(0)
                .adminPort(0)
                .watch(false)
                .decisionLog(decisionLog)
                .start();
        traefik = started(dir, ForwardAuth.TRAEFIK);
        caddy = started(dir, ForwardAuth.CADDY);
        envoy = started(dir, ForwardAuth.ENVOY);
    }

    static WardenServer started(Path dir, ForwardAuth mode) throws ConfigurationException {
        return WardenServer.builder().policies(List.of(dir.resolve("policies"))).keysFile(dir.resolve("keys.json"))
                .port(0).watch(false).forwardAuth(mode).start();
    }

    @AfterAll
    void stop() {
        for (WardenServer s : new WardenServer[] {server, traefik, caddy, envoy}) {
            if (s != null) {
                s.close();
            }
        }
        logs.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the admin listener. */
    HttpResponse<String> admin(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.adminUri().orElseThrow().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return admin("POST", path, "application/json", body);
    }

    HttpResponse<String> authz(String method, String uri, String key) throws Exception {
        List<String> h = new ArrayList<>(List.of("X-Original-Method", method, "X-Original-URI", uri));
        if (key != null) {
            h.addAll(List.of("Authorization", Fixtures.auth(key)));
        }
        return get("/v1/authz", h.toArray(new String[0]));
    }

    @Test
    void boundToLoopback_onTheChosenPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void healthz_isOk() throws Exception {
        HttpResponse<String> r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\": \"ok\"");
    }

    @Test
    void authz_nginxHeaders_allowDenyAndUnauthenticated() throws Exception {
        HttpResponse<String> allowed = authz("GET", "/workspaces/w1/channels/c1?limit=5", Fixtures.SUPPORT_KEY);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("X-Warden-Decision")).contains("allow");
        assertThat(allowed.headers().firstValue("X-Warden-Reason")).contains("allowed");
        assertThat(allowed.headers().firstValue("X-Warden-Key-Id")).contains("ak_support");

        HttpResponse<String> denied = authz("DELETE", "/workspaces/w1/channels/c1", Fixtures.SUPPORT_KEY);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("X-Warden-Decision")).contains("deny");
        assertThat(denied.headers().firstValue("X-Warden-Reason")).contains("no_match");
        assertThat(denied.headers().firstValue("X-Warden-Key-Id")).isEmpty();

        HttpResponse<String> explicit = authz("GET", "/workspaces/w1/connectors/x", Fixtures.ADMIN_KEY);
        assertThat(explicit.statusCode()).isEqualTo(403);
        assertThat(explicit.headers().firstValue("X-Warden-Reason")).contains("explicit_deny");

        HttpResponse<String> unknown = authz("GET", "/workspaces/w1/channels", Fixtures.UNKNOWN_KEY);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("X-Warden-Reason")).contains("unknown_key");
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).contains("AccessKey");

        HttpResponse<String> none = authz("GET", "/workspaces/w1/channels", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("X-Warden-Reason")).contains("missing_credentials");

        HttpResponse<String> bearer = get("/v1/authz", "X-Original-Method", "GET", "X-Original-URI", "/workspaces/w1/channels",
                "Authorization", "Bearer " + Fixtures.SUPPORT_KEY);
        assertThat(bearer.statusCode()).isEqualTo(401);
        assertThat(bearer.headers().firstValue("X-Warden-Reason")).contains("unsupported_credentials");
    }

    /** Sends {@code GET /v1/authz} with these header lines, as written (repeats included), to {@code s}. */
    static Fixtures.Raw rawAuthz(WardenServer s, String... headers) throws Exception {
        return Fixtures.raw(s.port(), "GET /v1/authz HTTP/1.1", headers);
    }

    static final String ADMIN_AUTH = "Authorization: " + Fixtures.auth(Fixtures.ADMIN_KEY);

    @Test
    void authz_traefikAndCaddyModes_readTheForwardedHeaders() throws Exception {
        for (WardenServer s : List.of(traefik, caddy)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/authz"))
                    .header("X-Forwarded-Method", "GET").header("X-Forwarded-Uri", "/workspaces/w1/channels")
                    .header("Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            HttpResponse<String> p = HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/authz"))
                    .header("X-Forwarded-Method", "POST").header("X-Forwarded-Uri", "/workspaces/w1/channels")
                    .header("Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(p.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void authz_traefikOrCaddyMode_clientSentOriginalHeaders_are400_notTheDecidedRequest() throws Exception {
        // Traefik and Caddy pass the client's own headers through and set only X-Forwarded-Method/-Uri
        for (WardenServer s : List.of(traefik, caddy)) {
            for (String[] injected : List.of(new String[] {"X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels"},
                    new String[] {"X-Original-Method: GET"}, new String[] {"X-Original-URI: /workspaces/w1/channels"})) {
                List<String> h = new ArrayList<>(List.of(injected));
                h.addAll(List.of("X-Forwarded-Method: DELETE", "X-Forwarded-Uri: /workspaces/w1/connectors/c", ADMIN_AUTH));
                Fixtures.Raw r = rawAuthz(s, h.toArray(new String[0]));
                assertThat(r.status()).as("%s", h).isEqualTo(400);
                assertThat(r.header("X-Warden-Decision")).isEqualTo("deny");
                assertThat(r.header("X-Warden-Reason")).isEqualTo("malformed_request");
            }
        }
    }

    @Test
    void authz_nginxMode_forwardedHeaders_are400_evenBesideTheOriginalPair() throws Exception {
        for (String foreign : List.of("X-Forwarded-Method: GET", "X-Forwarded-Uri: /workspaces/w1")) {
            Fixtures.Raw r = rawAuthz(server, "X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels",
                    foreign, ADMIN_AUTH);
            assertThat(r.status()).as(foreign).isEqualTo(400);
            assertThat(r.header("X-Warden-Reason")).isEqualTo("malformed_request");
        }
        Fixtures.Raw traefikPair = rawAuthz(server, "X-Forwarded-Method: GET", "X-Forwarded-Uri: /workspaces/w1/channels",
                ADMIN_AUTH);
        assertThat(traefikPair.status()).isEqualTo(400);
    }

    @Test
    void authz_halfAPair_is400_inEveryHeaderMode() throws Exception {
        for (WardenServer s : List.of(server, traefik, caddy)) {
            boolean nginx = s == server;
            String method = nginx ? "X-Original-Method: GET" : "X-Forwarded-Method: GET";
            String uri = nginx ? "X-Original-URI: /workspaces/w1/channels" : "X-Forwarded-Uri: /workspaces/w1/channels";
            assertThat(rawAuthz(s, method, ADMIN_AUTH).status()).as(method).isEqualTo(400);
            assertThat(rawAuthz(s, uri, ADMIN_AUTH).status()).as(uri).isEqualTo(400);
            assertThat(rawAuthz(s, method, uri, ADMIN_AUTH).status()).as("both").isEqualTo(200);
        }
    }

    @Test
    void authz_aRepeatedHeader_is400_inEveryHeaderMode() throws Exception {
        for (WardenServer s : List.of(server, traefik, caddy)) {
            boolean nginx = s == server;
            String method = nginx ? "X-Original-Method: " : "X-Forwarded-Method: ";
            String uri = nginx ? "X-Original-URI: " : "X-Forwarded-Uri: ";
            Fixtures.Raw twoMethods = rawAuthz(s, method + "GET", method + "DELETE", uri + "/workspaces/w1/channels", ADMIN_AUTH);
            assertThat(twoMethods.status()).isEqualTo(400);
            assertThat(twoMethods.header("X-Warden-Reason")).isEqualTo("malformed_request");
            Fixtures.Raw twoUris = rawAuthz(s, method + "GET", uri + "/workspaces/w1/channels",
                    uri + "/workspaces/w1/connectors/c", ADMIN_AUTH);
            assertThat(twoUris.status()).isEqualTo(400);
            // the same value twice is still two headers
            assertThat(rawAuthz(s, method + "GET", method + "GET", uri + "/workspaces/w1/channels", ADMIN_AUTH).status())
                    .isEqualTo(400);
        }
    }

    @Test
    void authz_withoutOriginalHeaders_is400_namingAMisconfiguredGateway() throws Exception {
        for (WardenServer s : List.of(server, traefik, caddy)) {
            HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/authz"))
                    .header("Authorization", Fixtures.auth(Fixtures.ADMIN_KEY)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(400);
            assertThat(none.headers().firstValue("X-Warden-Reason")).contains("malformed_request");
            // no body: the detail is in the log below (and in the body with forwardAuthBody, ForwardAuthAnswerTest)
            assertThat(none.body()).isEmpty();
        }
        // and the operator hears of it, once a minute at most per server
        assertThat(logs.text()).contains("WARNING forward auth answered 400: the gateway sent no original-request headers "
                + "(`X-Original-Method`, `X-Original-URI`): check its configuration and `--forward-auth nginx`");
        get("/v1/authz");
        assertThat(logs.text().split("--forward-auth nginx", -1)).hasSize(2);
    }

    @Test
    void authz_methodOverrideHeaders_are400_inEveryMode() throws Exception {
        for (String override : HttpMapping.METHOD_OVERRIDES) {
            String h = override + ": DELETE";
            assertThat(rawAuthz(server, "X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels", h,
                    ADMIN_AUTH).status()).as(h).isEqualTo(400);
            for (WardenServer s : List.of(traefik, caddy)) {
                assertThat(rawAuthz(s, "X-Forwarded-Method: GET", "X-Forwarded-Uri: /workspaces/w1/channels", h,
                        ADMIN_AUTH).status()).as(h).isEqualTo(400);
            }
            assertThat(Fixtures.raw(envoy.port(), "GET /v1/authz/envoy/workspaces/w1/channels HTTP/1.1", h, ADMIN_AUTH)
                    .status()).as(h).isEqualTo(400);
        }
        // the same requests without the override are allowed
        assertThat(rawAuthz(server, "X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels", ADMIN_AUTH).status())
                .isEqualTo(200);
        assertThat(Fixtures.raw(envoy.port(), "GET /v1/authz/envoy/workspaces/w1/channels HTTP/1.1", ADMIN_AUTH).status())
                .isEqualTo(200);
    }

    @Test
    void authz_answersWithoutWaitingForABody() throws Exception {
        // a body that never completes: forward auth reads none, so it answers at once and holds no thread
        try (java.net.Socket c = new java.net.Socket("127.0.0.1", server.port())) {
            c.setSoTimeout(5_000);
            c.getOutputStream().write(("POST /v1/authz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Original-Method: GET\r\n"
                    + "X-Original-URI: /workspaces/w1/channels\r\n" + ADMIN_AUTH + "\r\nContent-Length: 1000\r\n\r\nx")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new String(c.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200");
        }
    }

    @Test
    void authz_everyMalformedTarget_is400_neverAnAllow() throws Exception {
        for (String target : Malformed.all()) {
            for (String method : List.of("GET", "POST")) {
                Fixtures.Raw r = rawAuthz(server, "X-Original-Method: " + method, "X-Original-URI: " + target, ADMIN_AUTH);
                assertThat(r.status()).as("%s %s", method, target).isEqualTo(400);
                assertThat(r.header("X-Warden-Decision")).isEqualTo("deny");
                Fixtures.Raw t = rawAuthz(traefik, "X-Forwarded-Method: " + method, "X-Forwarded-Uri: " + target, ADMIN_AUTH);
                assertThat(t.status()).as("%s %s", method, target).isEqualTo(400);
            }
        }
    }

    @Test
    void envoyMode_takesTheMethodAndPathOfTheRequest() throws Exception {
        String key = "Authorization: " + Fixtures.auth(Fixtures.SUPPORT_KEY);
        assertThat(Fixtures.raw(envoy.port(), "GET /v1/authz/envoy/workspaces/w1/channels?limit=1 HTTP/1.1", key).status())
                .isEqualTo(200);
        assertThat(Fixtures.raw(envoy.port(), "DELETE /v1/authz/envoy/workspaces/w1/channels HTTP/1.1", key).status())
                .isEqualTo(403);
        assertThat(Fixtures.raw(envoy.port(), "GET /v1/authz/envoy/workspaces/w1/channels HTTP/1.1").status())
                .isEqualTo(401);
        // path confusion in the request line itself: refused by Jetty or by the mapping, never allowed
        for (String target : List.of("/workspaces/w1/channels/", "/workspaces//w1/channels", "/workspaces/w1/x/../channels",
                "/workspaces/w1/x/..;/channels", "/workspaces/%2e%2e/w1/channels", "/workspaces/w1%2Fchannels",
                "/workspaces/w1/channels;x", "/workspaces/w1/channels%00", "/workspaces/w1/./channels",
                "/workspaces/w1/channels#/../admin", "/workspaces/w1/channels?x=1#f", "/workspaces/w1/channels#",
                "/workspaces/w1/channels%23x", "/workspaces/w1/channels%3F.pdf")) {
            Fixtures.Raw r = Fixtures.raw(envoy.port(), "GET /v1/authz/envoy" + target + " HTTP/1.1", key);
            assertThat(r.status()).as(target).isEqualTo(400);
        }
    }

    @Test
    void envoyMode_originalRequestHeaders_are400() throws Exception {
        for (String h : List.of("X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels", "X-Forwarded-Method: GET",
                "X-Forwarded-Uri: /workspaces/w1/channels")) {
            Fixtures.Raw r = Fixtures.raw(envoy.port(), "DELETE /v1/authz/envoy/workspaces/w1/connectors/c HTTP/1.1", h,
                    ADMIN_AUTH);
            assertThat(r.status()).as(h).isEqualTo(400);
            assertThat(r.header("X-Warden-Reason")).isEqualTo("malformed_request");
        }
    }

    @Test
    void envoyMode_plainAuthz_is400() throws Exception {
        Fixtures.Raw r = rawAuthz(envoy, "X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels", ADMIN_AUTH);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("X-Warden-Reason")).isEqualTo("malformed_request");
        assertThat(rawAuthz(envoy, ADMIN_AUTH).status()).isEqualTo(400);
    }

    @Test
    void envoyPrefix_is404_outsideEnvoyMode() throws Exception {
        for (WardenServer s : List.of(server, traefik, caddy)) {
            assertThat(Fixtures.raw(s.port(), "GET /v1/authz/envoy/workspaces/w1/channels HTTP/1.1", ADMIN_AUTH).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void decide_readsTheBatchFormat_andAnswers400ForAnInvalidRequest() throws Exception {
        HttpResponse<String> ok = post("/v1/decide", "{\"principal\": {\"id\": \"ak_admin\", \"policies\": [\"everything\"]}, "
                + "\"method\": \"GET\", \"path\": \"/workspaces/w1/anything\"}\n");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"decision\": \"allow\", \"reason\": \"allowed\", \"matched\": "
                + "[{\"policy\": \"everything\", \"effect\": \"allow\", \"source\": \"" + policies.resolve("main.policy")
                + ":8:5\"}]}\n");
        HttpResponse<String> bad = post("/v1/decide", "nonsense");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("{\"decision\": \"deny\", \"reason\": \"invalid_request\", \"error\": "
                + "\"invalid JSON at column 1: unrecognized token 'nonsense'");
        assertThat(admin("GET", "/v1/decide", null, null).statusCode()).isEqualTo(405);
        assertThat(post("/v1/decide", "x".repeat(WardenServer.MAX_BODY + 1)).statusCode()).isEqualTo(413);
    }

    @Test
    void unknownPath_is404() throws Exception {
        assertThat(get("/v2/whatever").statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/v2/whatever", null, null).statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/v1/reload", null, null).statusCode()).isEqualTo(405);
    }

    @Test
    void metrics_countDecisionsByOutcomeAndReason() throws Exception {
        for (int i = 0; i < 3; i++) {
            authz("GET", "/workspaces/w1/channels", Fixtures.SUPPORT_KEY);
        }
        authz("GET", "/workspaces/w1/channels", Fixtures.UNKNOWN_KEY);
        HttpResponse<String> m = admin("GET", "/metrics", null, null);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = m.body();
        assertThat(counter(text, "warden_decisions_total{decision=\"allow\",reason=\"allowed\"}")).isGreaterThanOrEqualTo(3);
        assertThat(counter(text, "warden_decisions_total{decision=\"deny\",reason=\"unknown_key\"}")).isGreaterThanOrEqualTo(1);
        assertThat(text).contains("warden_decision_duration_seconds_bucket{le=");
        assertThat(counter(text, "warden_decision_duration_seconds_count")).isGreaterThanOrEqualTo(4);
        // the same request three times: at least two come from the cache
        assertThat(counter(text, "warden_decision_cache_hits_total")).isGreaterThanOrEqualTo(2);
        assertThat(counter(text, "warden_decision_cache_hit_ratio")).isBetween(0.01, 1.0);
        assertThat(text).contains("warden_policy_set_version ").contains("warden_policy_reloads_total{outcome=\"failure\"}")
                .contains("warden_policy_load_errors ").contains("warden_decision_log_dropped_total ");
        for (String secret : Fixtures.SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }

    static double counter(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no series `" + series + "` in:\n" + metrics);
    }

    @Test
    void keys_neverAppearInTheLogs() throws Exception {
        for (String key : Fixtures.SECRETS) {
            authz("GET", "/workspaces/w1/channels", key);
            get("/v1/authz", "X-Original-Method", "GET", "X-Original-URI", "/workspaces/w1/channels",
                    "Authorization", "Bearer " + key);
        }
        server.reloader().reload();
        assertThat(logs.text()).contains("policies reloaded"); // the capture works
        for (String secret : Fixtures.SECRETS) {
            assertThat(logs.text()).doesNotContain(secret);
        }
    }

    @Test
    void start_refusesABadKeysFile_withFileAndLocation(@TempDir Path other) throws Exception {
        Path p = Fixtures.write(other);
        Path keys = other.resolve("bad-keys.json");
        Files.writeString(keys, "{\"keys\": [\n  {\"id\": \"a\", \"hash\": \"md5:xyz\"}]}");
        assertThatThrownBy(() -> WardenServer.builder().policies(List.of(p)).keysFile(keys).port(0).watch(false).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(keys + ":2:23: `hash` must be `sha256:` followed by 64 hex digits (`warden keys hash` prints it)");
    }

    @Test
    void start_refusesPoliciesThatDoNotLoad(@TempDir Path other) throws Exception {
        Path p = Fixtures.write(other);
        Files.writeString(p.resolve("main.policy"), "policy broken { allow veiw on /x }\n");
        assertThatThrownBy(() -> WardenServer.builder().policies(List.of(p)).keysFile(other.resolve("keys.json"))
                        .port(0).watch(false).start())
                .isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).diagnostics()).isNotEmpty())
                .hasMessageContaining("main.policy:1:23");
    }

    @Test
    void decisionLog_namesTheRequestId_theClientAddress_theStatementsAndWhyMalformed(@TempDir Path other) throws Exception {
        Path p = Fixtures.write(other);
        Path log = other.resolve("log.jsonl");
        try (WardenServer s = WardenServer.builder().policies(List.of(p)).keysFile(other.resolve("keys.json"))
                .clientAddressHeader("X-Original-Remote-Addr").port(0).watch(false).decisionLog(log).start()) {
            HTTP.send(HttpRequest.newBuilder(URI.create(s.uri() + "/v1/authz")).header("X-Original-Method", "GET")
                    .header("X-Original-URI", "/workspaces/w1/channels").header("X-Original-Remote-Addr", "192.0.2.7")
                    .header("X-Request-Id", "req-42").header("Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY)).build(),
                    HttpResponse.BodyHandlers.discarding());
            HTTP.send(HttpRequest.newBuilder(URI.create(s.uri() + "/v1/authz")).header("X-Original-Method", "GET")
                    .header("X-Original-URI", "/workspaces/%2e%2e/admin").header("X-Request-Id", "two words")
                    .header("Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY)).build(), HttpResponse.BodyHandlers.discarding());
            // a gateway that sends no X-Original-* header at all is misconfigured
            HTTP.send(HttpRequest.newBuilder(URI.create(s.uri() + "/v1/authz"))
                    .header("Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY)).build(), HttpResponse.BodyHandlers.discarding());
        }
        List<String> lines = Files.readAllLines(log);
        ObjectMapper json = new ObjectMapper();
        JsonNode allow = json.readTree(lines.get(0));
        assertThat(allow.get("request_id").textValue()).isEqualTo("req-42");
        assertThat(allow.get("client_address").textValue()).isEqualTo("192.0.2.7");
        assertThat(allow.get("detail").textValue()).isEmpty();
        assertThat(allow.get("statements").size()).isEqualTo(1);
        assertThat(allow.get("statements").get(0).textValue()).startsWith("channels-read#1 ").contains("main.policy:");
        JsonNode malformed = json.readTree(lines.get(1));
        // an id that is not one printable token is replaced by one made here
        assertThat(malformed.get("request_id").textValue()).matches("w-[0-9a-f]+-\\d+");
        assertThat(malformed.get("client_address").textValue()).isEmpty();
        assertThat(malformed.get("reason").textValue()).isEqualTo("malformed_request");
        assertThat(malformed.get("detail").textValue()).isNotEmpty();
        assertThat(malformed.get("statements").size()).isZero();
        JsonNode misconfigured = json.readTree(lines.get(2));
        assertThat(misconfigured.get("reason").textValue()).isEqualTo("gateway_misconfigured");
        assertThat(misconfigured.get("status").intValue()).isEqualTo(400);
        assertThat(misconfigured.get("request_id").textValue()).isNotEqualTo(malformed.get("request_id").textValue());
    }

    @Test
    void decisionLog_holdsOneLinePerDecision_withoutKeys(@TempDir Path other) throws Exception {
        Path p = Fixtures.write(other);
        Path log = other.resolve("log.jsonl");
        try (WardenServer s = WardenServer.builder().policies(List.of(p)).keysFile(other.resolve("keys.json"))
                .port(0).watch(false).decisionLog(log).start()) {
            for (String[] r : List.of(new String[] {"GET", "/workspaces/w1/channels?limit=5", Fixtures.SUPPORT_KEY},
                    new String[] {"DELETE", "/workspaces/w1/connectors/c", Fixtures.ADMIN_KEY},
                    new String[] {"GET", "/workspaces/w1/channels", Fixtures.UNKNOWN_KEY},
                    new String[] {"GET", "/workspaces/%2e%2e/admin?k=v", Fixtures.ADMIN_KEY})) {
                HTTP.send(HttpRequest.newBuilder(URI.create(s.uri() + "/v1/authz")).header("X-Original-Method", r[0])
                        .header("X-Original-URI", r[1]).header("Authorization", Fixtures.auth(r[2])).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } // close writes out the queue
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(4).allMatch(l -> l.startsWith("{\"time\":") && l.endsWith("}"));
        ObjectMapper json = new ObjectMapper();
        JsonNode allow = json.readTree(lines.get(0));
        assertThat(allow.get("time").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(allow.get("key_id").textValue()).isEqualTo("ak_support");
        assertThat(allow.get("method").textValue()).isEqualTo("GET");
        assertThat(allow.get("action").textValue()).isEqualTo("view");
        assertThat(allow.get("path").textValue()).isEqualTo("/workspaces/w1/channels");
        assertThat(allow.get("status").intValue()).isEqualTo(200);
        assertThat(allow.get("decision").textValue()).isEqualTo("allow");
        assertThat(allow.get("reason").textValue()).isEqualTo("allowed");
        assertThat(allow.get("policies").toString()).isEqualTo("[\"channels-read\"]");
        assertThat(allow.get("policy_set_version").longValue()).isEqualTo(1);
        JsonNode deny = json.readTree(lines.get(1));
        assertThat(deny.get("reason").textValue()).isEqualTo("explicit_deny");
        assertThat(deny.get("policies").toString()).isEqualTo("[\"no-connectors\"]");
        assertThat(deny.get("status").intValue()).isEqualTo(403);
        JsonNode unknown = json.readTree(lines.get(2));
        assertThat(unknown.get("key_id").textValue()).isEmpty();
        assertThat(unknown.get("reason").textValue()).isEqualTo("unknown_key");
        JsonNode malformed = json.readTree(lines.get(3));
        assertThat(malformed.get("status").intValue()).isEqualTo(400);
        assertThat(malformed.get("path").textValue()).isEqualTo("/workspaces/%2e%2e/admin");
        String all = String.join("\n", lines);
        for (String secret : Fixtures.SECRETS) {
            assertThat(all).doesNotContain(secret);
        }
    }
}
