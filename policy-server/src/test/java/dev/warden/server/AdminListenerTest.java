package dev.warden.server;

import dev.warden.gateway.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin listener of {@code warden serve}: its own port, the Host, Origin and Content-Type
 * checks that keep web pages out, body deadlines, and what goes to the decision log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminListenerTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A request of the batch format, by the admin key's principal. */
    static final String DECIDE_BODY = "{\"principal\": {\"id\": \"ak_admin\", \"policies\": [\"everything\"]}, "
            + "\"method\": \"GET\", \"path\": \"/workspaces/w1/channels\"}";
    Path dir;
    WardenServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Fixtures.write(dir);
        server = WardenServer.builder().policies(List.of(dir.resolve("policies"))).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).adminHosts(List.of("warden-admin.internal")).watch(false)
                .bodyDeadline(Duration.ofMillis(700)).start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    int adminPort() {
        return server.adminPort().getAsInt();
    }

    /** A request written as is to {@code port}: request line, Host, other headers, and a body with its length. */
    static Fixtures.Raw raw(int port, String requestLine, String host, String body, String... headers) throws IOException {
        return Fixtures.request(port, requestLine, host, body, headers);
    }

    Fixtures.Raw decide(String host, String... headers) throws IOException {
        return raw(adminPort(), "POST /v1/decide HTTP/1.1", host, DECIDE_BODY, headers);
    }

    @Test
    void adminEndpoints_are404_onTheMainListener() throws Exception {
        long reloads = server.reloader().successes() + server.reloader().failures();
        for (String[] r : List.of(new String[] {"POST", "/v1/decide"}, new String[] {"POST", "/v1/reload"},
                new String[] {"GET", "/metrics"})) {
            Fixtures.Raw main = raw(server.port(), r[0] + " " + r[1] + " HTTP/1.1", "127.0.0.1:" + server.port(), "{}",
                    "Content-Type: application/json");
            assertThat(main.status()).as("%s %s", r[0], r[1]).isEqualTo(404);
        }
        assertThat(server.reloader().successes() + server.reloader().failures()).isEqualTo(reloads); // nothing reloaded
    }

    @Test
    void healthz_answersOnBothListeners() throws Exception {
        assertThat(raw(server.port(), "GET /healthz HTTP/1.1", "127.0.0.1", null).status()).isEqualTo(200);
        assertThat(raw(adminPort(), "GET /healthz HTTP/1.1", "127.0.0.1:" + adminPort(), null).status()).isEqualTo(200);
        assertThat(server.adminUri().orElseThrow().toString()).isEqualTo("http://127.0.0.1:" + adminPort());
        assertThat(adminPort()).isNotEqualTo(server.port());
    }

    @Test
    void withoutAnAdminPort_thereIsNoAdminListener() throws Exception {
        try (WardenServer s = WardenServer.builder().policies(List.of(dir.resolve("policies")))
                .keysFile(dir.resolve("keys.json")).port(0).watch(false).start()) {
            assertThat(s.adminUri()).isEmpty();
            assertThat(s.adminPort()).isEmpty();
            assertThat(raw(s.port(), "GET /metrics HTTP/1.1", "127.0.0.1", null).status()).isEqualTo(404);
            assertThat(raw(s.port(), "POST /v1/reload HTTP/1.1", "127.0.0.1", "").status()).isEqualTo(404);
        }
    }

    @Test
    void admin_answersItsOwnNames_withItsPort() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost", "LocalHost", "[::1]", "warden-admin.internal")) {
            Fixtures.Raw r = decide(host + ":" + adminPort(), "Content-Type: application/json");
            assertThat(r.status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void admin_anotherHost_is421() throws Exception {
        // a page at http://attacker.example:PORT whose name now resolves to 127.0.0.1 (DNS rebinding)
        for (String host : List.of("attacker.example:" + adminPort(), "127.0.0.1:" + server.port(), "127.0.0.1",
                "localhost.:" + adminPort(), "0.0.0.0:" + adminPort(), "127.0.0.2:" + adminPort())) {
            Fixtures.Raw r = decide(host, "Content-Type: application/json");
            assertThat(r.status()).as(host).isEqualTo(421);
            Fixtures.Raw metrics = raw(adminPort(), "GET /metrics HTTP/1.1", host, null);
            assertThat(metrics.status()).as(host).isEqualTo(421);
        }
        assertThat(raw(adminPort(), "GET /metrics HTTP/1.0", null, null).status()).isEqualTo(421);
        String metrics = raw(adminPort(), "GET /metrics HTTP/1.1", "127.0.0.1:" + adminPort(), null).status() == 200
                ? HTTP.send(HttpRequest.newBuilder(server.adminUri().orElseThrow().resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body() : "";
        assertThat(WardenServerTest.counter(metrics, "warden_admin_refused_total{status=\"421\"}")).isGreaterThanOrEqualTo(13);
        Fixtures.Raw twoHosts = raw(adminPort(), "GET /metrics HTTP/1.1", "127.0.0.1:" + adminPort(), null,
                "Host: attacker.example:" + adminPort());
        assertThat(twoHosts.status()).isIn(400, 421);
    }

    @Test
    void admin_aCrossOriginRequest_is403() throws Exception {
        String host = "127.0.0.1:" + adminPort();
        for (String h : List.of("Origin: http://attacker.example", "Origin: null", "Origin: https://127.0.0.1:" + adminPort(),
                "Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site")) {
            assertThat(decide(host, "Content-Type: application/json", h).status()).as(h).isEqualTo(403);
        }
        assertThat(decide(host, "Content-Type: application/json", "Origin: http://" + host).status()).isEqualTo(200);
        assertThat(decide(host, "Content-Type: application/json", "Sec-Fetch-Site: none").status()).isEqualTo(200);
    }

    @Test
    void decide_aBodyThatIsNotJson_is415() throws Exception {
        String host = "127.0.0.1:" + adminPort();
        // the types a page can POST cross-site without asking first, and none at all
        for (String type : List.of("text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonp")) {
            assertThat(decide(host, "Content-Type: " + type).status()).as(type).isEqualTo(415);
        }
        assertThat(decide(host).status()).isEqualTo(415);
        assertThat(decide(host, "Content-Type: Application/JSON; charset=utf-8").status()).isEqualTo(200);
    }

    @Test
    void reload_takesAnEmptyBody_andRefusesAForm() throws Exception {
        String host = "127.0.0.1:" + adminPort();
        long before = server.reloader().successes();
        assertThat(raw(adminPort(), "POST /v1/reload HTTP/1.1", host, "").status()).isEqualTo(200);
        assertThat(raw(adminPort(), "POST /v1/reload HTTP/1.1", host, null).status()).isEqualTo(200);
        assertThat(raw(adminPort(), "POST /v1/reload HTTP/1.1", host, "{}", "Content-Type: application/json").status())
                .isEqualTo(200);
        assertThat(server.reloader().successes()).isEqualTo(before + 3);
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            assertThat(raw(adminPort(), "POST /v1/reload HTTP/1.1", host, "", "Content-Type: " + type).status())
                    .as(type).isEqualTo(415);
        }
        assertThat(raw(adminPort(), "POST /v1/reload HTTP/1.1", "attacker.example:" + adminPort(), "").status())
                .isEqualTo(421);
        assertThat(server.reloader().successes()).isEqualTo(before + 3);
    }

    @Test
    void decide_aBodyThatDoesNotArriveInTime_is408() throws Exception {
        String host = "127.0.0.1:" + adminPort();
        try (Socket s = new Socket("127.0.0.1", adminPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/decide HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + DECIDE_BODY.length() + "\r\n\r\n{\"p").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the rest never comes; the deadline (700 ms here) answers
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 408");
        }
        // a chunked body that trickles in, a byte at a time, past the deadline
        try (Socket s = new Socket("127.0.0.1", adminPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/decide HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String head = "";
            for (int i = 0; i < 40 && in.available() == 0; i++) {
                try {
                    out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    break; // the server answered and closed
                }
                Thread.sleep(100);
            }
            head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 408");
        }
        // and the listener still answers
        assertThat(decide(host, "Content-Type: application/json").status()).isEqualTo(200);
    }

    @Test
    void decide_aBodyOver1MiB_is413_whetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[3 << 20];
        java.util.Arrays.fill(big, (byte) 'x');
        for (boolean chunked : List.of(false, true)) {
            HttpRequest.BodyPublisher body = chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))
                    : HttpRequest.BodyPublishers.ofByteArray(big);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.adminUri().orElseThrow().resolve("/v1/decide"))
                    .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("chunked %s", chunked).isEqualTo(413);
        }
    }

    @Test
    void decisionLog_namesTheSource_andLeavesDecideOutUnlessAsked(@TempDir Path other) throws Exception {
        Fixtures.write(other);
        for (boolean logDecide : List.of(false, true)) {
            Path log = other.resolve("log-" + logDecide + ".jsonl");
            for (ForwardAuth mode : List.of(ForwardAuth.NGINX, ForwardAuth.ENVOY)) {
                try (WardenServer s = WardenServer.builder().policies(List.of(other.resolve("policies")))
                        .keysFile(other.resolve("keys.json")).port(0).adminPort(0).watch(false).forwardAuth(mode)
                        .decisionLog(log).logDecideRequests(logDecide).start()) {
                    if (mode == ForwardAuth.NGINX) {
                        HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/authz")).header("X-Original-Method", "GET")
                                .header("X-Original-URI", "/workspaces/w1/channels")
                                .header("Authorization", Fixtures.auth(Fixtures.ADMIN_KEY)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } else {
                        HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/authz/envoy/workspaces/w1/channels"))
                                .header("Authorization", Fixtures.auth(Fixtures.ADMIN_KEY)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    }
                    HttpResponse<String> d = HTTP.send(HttpRequest.newBuilder(s.adminUri().orElseThrow().resolve("/v1/decide"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(DECIDE_BODY))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(d.statusCode()).isEqualTo(200);
                    // counted in the metrics either way
                    String metrics = HTTP.send(HttpRequest.newBuilder(s.adminUri().orElseThrow().resolve("/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    assertThat(WardenServerTest.counter(metrics, "warden_decision_duration_seconds_count")).isEqualTo(2);
                }
            }
            List<String> sources = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(log)) {
                JsonNode e = json.readTree(line);
                sources.add(e.get("source").textValue());
                assertThat(e.get("key_id").textValue()).isEqualTo("ak_admin");
            }
            assertThat(sources).as("logDecide %s", logDecide).isEqualTo(logDecide
                    ? List.of("authz", "decide", "envoy", "decide") : List.of("authz", "envoy"));
        }
    }
}
