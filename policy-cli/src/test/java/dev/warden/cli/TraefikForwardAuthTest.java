package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.AccessKeys;
import dev.warden.server.ForwardAuth;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code warden serve --forward-auth traefik} asked exactly as Traefik's ForwardAuth middleware
 * asks (there is no Traefik binary here): a {@code GET} to the configured address with the
 * client's headers (all of them, or those {@code authRequestHeaders} names), and then {@code
 * X-Forwarded-For}, {@code -Method}, {@code -Proto}, {@code -Host} and {@code -Uri} set by Traefik
 * itself, replacing a client's own ({@code trustForwardHeader: false}). {@code X-Forwarded-Uri} is
 * the target as Go writes it back ({@code URL.RequestURI()}), the same text Traefik sends on to
 * the backend: a raw {@code #} or {@code \} of the client arrives as {@code %23}, {@code %5C}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraefikForwardAuthTest {
    private static final String READER_KEY = "wk_traefik_reader_3c5e7a9b1d";
    /** docs/gateways.md: only these of the client's headers go to Warden. */
    static final List<String> RECOMMENDED_AUTH_REQUEST_HEADERS = List.of("Authorization", "X-HTTP-Method-Override",
            "X-HTTP-Method", "X-Method-Override");

    private WardenServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("gateway.policy"), GatewayEndToEnd.POLICIES);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"id\": \"ak_reader\", \"hash\": \"" + AccessKeys.hash(READER_KEY)
                + "\", \"roles\": [\"reader\"]}]}");
        server = WardenServer.builder().policies(List.of(policies)).keysFile(keys).port(0).watch(false)
                .forwardAuth(ForwardAuth.TRAEFIK).start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * What Traefik's ForwardAuth sends to Warden for a client request (trustForwardHeader false):
     * the client's headers, filtered by authRequestHeaders when it is set, then Traefik's own.
     *
     * @param clientHeaders the client's header lines ({@code Name: value})
     * @param authRequestHeaders the middleware's authRequestHeaders; empty for every header
     */
    static List<String> traefik(String method, String requestUri, List<String> clientHeaders, List<String> authRequestHeaders) {
        List<String> out = new ArrayList<>();
        for (String h : clientHeaders) {
            String name = h.substring(0, h.indexOf(':')).strip().toLowerCase(Locale.ROOT);
            boolean allowed = authRequestHeaders.isEmpty()
                    || authRequestHeaders.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(name));
            // Traefik sets these itself, replacing the client's copies
            boolean own = name.equals("x-forwarded-for") || name.equals("x-forwarded-method") || name.equals("x-forwarded-proto")
                    || name.equals("x-forwarded-host") || name.equals("x-forwarded-uri");
            if (allowed && !own) {
                out.add(h);
            }
        }
        out.add("X-Forwarded-For: 127.0.0.1");
        out.add("X-Forwarded-Method: " + method);
        out.add("X-Forwarded-Proto: http");
        out.add("X-Forwarded-Host: api.example.test");
        out.add("X-Forwarded-Uri: " + requestUri);
        return out;
    }

    private RawHttp.Answer ask(String method, String requestUri, List<String> clientHeaders, List<String> authRequestHeaders)
            throws IOException {
        return RawHttp.send(server.port(), "GET", "/v1/authz", traefik(method, requestUri, clientHeaders, authRequestHeaders));
    }

    private static List<String> client(String... extra) {
        List<String> h = new ArrayList<>(List.of("Authorization: AccessKey " + READER_KEY, "User-Agent: curl/8.5.0", "Accept: */*"));
        h.addAll(List.of(extra));
        return h;
    }

    @Test
    void anAllowedRequest_is200_withTheKeyIdForTheBackend() throws IOException {
        for (List<String> filter : List.of(List.<String>of(), RECOMMENDED_AUTH_REQUEST_HEADERS)) {
            RawHttp.Answer a = ask("GET", "/workspaces/w1/channels/c1?page=2", client(), filter);
            assertThat(a.status()).as("authRequestHeaders %s", filter).isEqualTo(200);
            assertThat(a.headers()).containsEntry("x-warden-key-id", "ak_reader").containsEntry("x-warden-reason", "allowed");
        }
    }

    @Test
    void aDeniedOrUnauthenticatedRequest_is403Or401() throws IOException {
        assertThat(ask("DELETE", "/workspaces/w1/connectors/k1", client(), List.of()).status()).isEqualTo(403);
        assertThat(ask("POST", "/workspaces/w1/channels", client(), List.of()).status()).isEqualTo(403);
        assertThat(ask("GET", "/workspaces/w1/channels", List.of("User-Agent: curl/8.5.0"), List.of()).status()).isEqualTo(401);
        assertThat(ask("GET", "/workspaces/w1/channels", client("Authorization: AccessKey wk_other"), List.of()).status())
                .isEqualTo(401); // two Authorization headers
    }

    /**
     * The attack: a client sends NGINX's headers naming an allowed request on a forbidden one.
     * Traefik passes them on (unless authRequestHeaders leaves them out); Warden in traefik mode
     * refuses them (400), or never sees them (403 for the real request). Never 200.
     */
    @Test
    void aClientsOwnXOriginalHeaders_neverMakeAForbiddenRequestAllowed() throws IOException {
        List<String> forged = client("X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels");
        RawHttp.Answer all = ask("DELETE", "/workspaces/w1/connectors/k1", forged, List.of());
        assertThat(all.status()).isEqualTo(400);
        assertThat(all.headers()).containsEntry("x-warden-reason", "malformed_request");
        RawHttp.Answer filtered = ask("DELETE", "/workspaces/w1/connectors/k1", forged, RECOMMENDED_AUTH_REQUEST_HEADERS);
        assertThat(filtered.status()).isEqualTo(403);
        assertThat(filtered.headers()).containsEntry("x-warden-reason", "explicit_deny");
        for (String one : List.of("X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels")) {
            assertThat(ask("DELETE", "/workspaces/w1/connectors/k1", client(one), List.of()).status()).as(one).isIn(400, 403);
        }
    }

    /** A client's own X-Forwarded-Method and -Uri are replaced by Traefik's (trustForwardHeader false): the real request is decided. */
    @Test
    void aClientsOwnXForwardedHeaders_areReplacedByTraefiks() throws IOException {
        List<String> forged = client("X-Forwarded-Method: GET", "X-Forwarded-Uri: /workspaces/w1/channels");
        assertThat(ask("DELETE", "/workspaces/w1/connectors/k1", forged, List.of()).status()).isEqualTo(403);
        // and Warden never takes a second copy: a repeated header is 400
        List<String> twice = new ArrayList<>(traefik("DELETE", "/workspaces/w1/connectors/k1", client(), List.of()));
        twice.add("X-Forwarded-Uri: /workspaces/w1/channels");
        assertThat(RawHttp.send(server.port(), "GET", "/v1/authz", twice).status()).isEqualTo(400);
    }

    /**
     * A method-override header reaches Warden with Traefik's default (every client header) and
     * with the recommended authRequestHeaders, and is refused either way: a backend that honoured
     * it would run another method than the one decided.
     */
    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"})
    void aMethodOverrideHeader_is400(String header) throws IOException {
        for (List<String> filter : List.of(List.<String>of(), RECOMMENDED_AUTH_REQUEST_HEADERS)) {
            RawHttp.Answer a = ask("GET", "/workspaces/w1/channels", client(header + ": DELETE"), filter);
            assertThat(a.status()).as("%s with authRequestHeaders %s", header, filter).isEqualTo(400);
        }
    }

    /**
     * Targets as Go writes them into X-Forwarded-Uri: the client's raw {@code #} and {@code \}
     * come as {@code %23} and {@code %5C}; an encoded {@code ?} or {@code #}, dot segments and
     * {@code ;} as sent. Each is 400, for the same text goes on to the backend.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "/workspaces/w1/channels%23/../connectors/k1",  // client: /workspaces/w1/channels#/../connectors/k1
            "/workspaces/w1/channels%23",                   // client: /workspaces/w1/channels#
            "/workspaces/w1/channels%5C..%5Cconnectors",    // client: /workspaces/w1/channels\..\connectors
            "/files/payroll.csv%3F.pdf",
            "/files/payroll.csv%00.pdf",
            "/workspaces/w1/channels/..;/connectors/k1",
            "/workspaces/w1/channels/%2e%2e/connectors/k1",
            "/workspaces/w1/channels/%C0%AE%C0%AE/connectors/k1",
            "/workspaces/w1/channels/../connectors/k1",
            "/workspaces/w1//channels",
            "/workspaces/w1/channels/",
    })
    void aConfusingTarget_is400(String requestUri) throws IOException {
        RawHttp.Answer a = ask("GET", requestUri, client(), RECOMMENDED_AUTH_REQUEST_HEADERS);
        assertThat(a.status()).as(requestUri).isEqualTo(400);
        assertThat(a.headers()).containsEntry("x-warden-reason", "malformed_request");
    }
}
