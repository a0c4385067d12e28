package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import dev.warden.gateway.Fixtures;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Envoy {@code ext_authz} gRPC service of a real server on a loopback port, called by a real
 * gRPC client built from Envoy's published protos (no Envoy binary runs here): what it answers,
 * that it answers what {@code /v1/authz/envoy/...} answers, the decision log and the metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvoyGrpcServiceTest {
    static final String SUPPORT = Fixtures.auth(Fixtures.SUPPORT_KEY);
    static final String ADMIN = Fixtures.auth(Fixtures.ADMIN_KEY);
    private WardenServer server;
    private ManagedChannel channel;
    private AuthorizationGrpc.AuthorizationBlockingStub envoy;
    private Path log;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        log = dir.resolve("decisions.jsonl");
        server = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json")).port(0).adminPort(0)
                .watch(false).forwardAuth(ForwardAuth.ENVOY).envoyGrpcPort(0).clientAddressHeader("x-envoy-external-address")
                .decisionLog(log).start();
        channel = channel(server);
        envoy = AuthorizationGrpc.newBlockingStub(channel);
    }

    static ManagedChannel channel(WardenServer s) {
        return NettyChannelBuilder.forAddress("127.0.0.1", s.envoyGrpcPort().getAsInt()).usePlaintext().build();
    }

    @AfterAll
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    /** A CheckRequest as Envoy sends it: pseudo-headers and the client's headers in {@code headers}. */
    static CheckRequest request(String method, String path, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(":authority", "api.example.com");
        h.put(":method", method);
        h.put(":path", path);
        h.put("x-forwarded-proto", "https");
        h.put("x-request-id", "7d1f0c52-6a3b-4a47-9a8e-5d0f3f1b2c11");
        for (String header : headers) {
            int colon = header.indexOf(':');
            h.put(header.substring(0, colon).toLowerCase(java.util.Locale.ROOT), header.substring(colon + 1).strip());
        }
        return CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder()
                .setSource(AttributeContext.Peer.newBuilder().setAddress(io.envoyproxy.envoy.config.core.v3.Address.newBuilder()
                        .setSocketAddress(io.envoyproxy.envoy.config.core.v3.SocketAddress.newBuilder()
                                .setAddress("203.0.113.9").setPortValue(50123))))
                .setRequest(AttributeContext.Request.newBuilder().setHttp(AttributeContext.HttpRequest.newBuilder()
                        .setMethod(method).setPath(path).setHost("api.example.com").setScheme("https").setProtocol("HTTP/1.1")
                        .putAllHeaders(h))))
                .build();
    }

    static Map<String, String> headers(List<HeaderValueOption> options) {
        Map<String, String> h = new LinkedHashMap<>();
        for (HeaderValueOption o : options) {
            assertThat(o.getAppendAction()).isEqualTo(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD);
            h.put(o.getHeader().getKey(), o.getHeader().getValue());
        }
        return h;
    }

    @Test
    void allow_isOkWithTheWardenHeadersForUpstream() {
        CheckResponse r = envoy.check(request("GET", "/workspaces/w1/channels?limit=5", "authorization: " + SUPPORT));
        assertThat(r.getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        assertThat(r.hasOkResponse()).isTrue();
        assertThat(r.hasDeniedResponse()).isFalse();
        assertThat(headers(r.getOkResponse().getHeadersList())).containsExactly(Map.entry("X-Warden-Decision", "allow"),
                Map.entry("X-Warden-Reason", "allowed"), Map.entry("X-Warden-Key-Id", "ak_support"));
    }

    @Test
    void explicitDeny_isPermissionDeniedWith403() {
        CheckResponse r = envoy.check(request("GET", "/workspaces/w1/connectors/k1", "authorization: " + ADMIN));
        assertThat(r.getStatus().getCode()).isEqualTo(Code.PERMISSION_DENIED_VALUE);
        assertThat(r.getStatus().getMessage()).isEqualTo("explicit_deny");
        assertThat(r.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(403);
        assertThat(headers(r.getDeniedResponse().getHeadersList())).containsExactly(Map.entry("X-Warden-Decision", "deny"),
                Map.entry("X-Warden-Reason", "explicit_deny"));
        assertThat(r.getDeniedResponse().getBody()).isEmpty();
    }

    @Test
    void noMatch_isPermissionDeniedWith403() {
        CheckResponse r = envoy.check(request("DELETE", "/workspaces/w1/channels/c1", "authorization: " + SUPPORT));
        assertThat(r.getStatus().getCode()).isEqualTo(Code.PERMISSION_DENIED_VALUE);
        assertThat(r.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(403);
        assertThat(headers(r.getDeniedResponse().getHeadersList())).containsEntry("X-Warden-Reason", "no_match");
    }

    @Test
    void missingOrUnknownKey_isUnauthenticatedWith401() {
        for (CheckRequest req : List.of(request("GET", "/workspaces/w1/channels"),
                request("GET", "/workspaces/w1/channels", "authorization: " + Fixtures.auth(Fixtures.UNKNOWN_KEY)),
                request("GET", "/workspaces/w1/channels", "authorization: Bearer " + Fixtures.SUPPORT_KEY))) {
            CheckResponse r = envoy.check(req);
            assertThat(r.getStatus().getCode()).isEqualTo(Code.UNAUTHENTICATED_VALUE);
            assertThat(r.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(401);
            Map<String, String> h = headers(r.getDeniedResponse().getHeadersList());
            assertThat(h).containsEntry("X-Warden-Decision", "deny").containsEntry("WWW-Authenticate", "AccessKey");
            assertThat(h.get("X-Warden-Reason")).isIn("missing_credentials", "unknown_key", "unsupported_credentials");
        }
    }

    @Test
    void malformedPaths_areInvalidArgumentWith400_neverAllowed() {
        for (String path : List.of("/workspaces/w1/channels/..;/connectors/k1", "/workspaces/w1/channels/%2e%2e/connectors/k1",
                "/workspaces/w1/channels%2F..%2Fconnectors%2Fk1", "/workspaces/w1%2Fchannels", "/workspaces/w1/x/../channels",
                "/workspaces//w1/channels", "/workspaces/w1/channels;x", "/workspaces/w1/channels%00",
                "/workspaces/w1/channels#/../admin", "/workspaces/w1/channels%3F.pdf", "")) {
            CheckResponse r = envoy.check(request("GET", path, "authorization: " + ADMIN));
            assertThat(r.getStatus().getCode()).as(path).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
            assertThat(r.getDeniedResponse().getStatus().getCodeValue()).as(path).isEqualTo(400);
            assertThat(headers(r.getDeniedResponse().getHeadersList())).as(path)
                    .containsEntry("X-Warden-Reason", "malformed_request");
        }
    }

    @Test
    void originalRequestAndMethodOverrideHeaders_areInvalidArgument() {
        for (String h : List.of("x-original-method: GET", "x-original-uri: /workspaces/w1/channels", "x-forwarded-method: GET",
                "x-forwarded-uri: /workspaces/w1/channels", "x-http-method-override: GET")) {
            CheckResponse r = envoy.check(request("DELETE", "/workspaces/w1/connectors/c", h, "authorization: " + ADMIN));
            assertThat(r.getStatus().getCode()).as(h).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
            assertThat(headers(r.getDeniedResponse().getHeadersList())).as(h).containsEntry("X-Warden-Reason", "malformed_request");
        }
    }

    @Test
    void rawHeaderMap_isReadWhenEnvoySendsIt() {
        CheckRequest plain = request("GET", "/workspaces/w1/channels");
        AttributeContext.HttpRequest http = plain.getAttributes().getRequest().getHttp().toBuilder().clearHeaders()
                .setHeaderMap(HeaderMap.newBuilder().addHeaders(HeaderValue.newBuilder().setKey("authorization")
                        .setRawValue(com.google.protobuf.ByteString.copyFromUtf8(SUPPORT)))).build();
        CheckRequest raw = plain.toBuilder().setAttributes(plain.getAttributes().toBuilder()
                .setRequest(plain.getAttributes().getRequest().toBuilder().setHttp(http))).build();
        assertThat(envoy.check(raw).getStatus().getCode()).isEqualTo(Code.OK_VALUE);
        // two Authorization values in the raw map: refused as the HTTP service refuses two headers
        AttributeContext.HttpRequest twice = http.toBuilder().setHeaderMap(http.getHeaderMap().toBuilder()
                .addHeaders(HeaderValue.newBuilder().setKey("authorization").setValue(ADMIN))).build();
        CheckRequest two = raw.toBuilder().setAttributes(raw.getAttributes().toBuilder()
                .setRequest(raw.getAttributes().getRequest().toBuilder().setHttp(twice))).build();
        assertThat(envoy.check(two).getStatus().getCode()).isEqualTo(Code.UNAUTHENTICATED_VALUE);
    }

    /** The HTTP service and the gRPC service of one server give every request the same status and reason. */
    @Test
    void everyAnswer_isTheHttpEnvoyServicesAnswer() throws Exception {
        int compared = 0;
        for (String path : List.of("/workspaces/w1/channels", "/workspaces/w1/channels?x=1", "/workspaces/w1/connectors/k1",
                "/workspaces/w1/channels/c1", "/workspaces/w1/channels;x", "/workspaces/w1/channels%2e", "/workspaces/w%31/channels",
                "/workspaces/w1/channels/", "/workspaces/w1/./channels", "/admin", "/workspaces/w1/channels#", "/")) {
            for (String method : List.of("GET", "DELETE", "POST")) {
                for (String key : List.of(SUPPORT, ADMIN)) {
                    Fixtures.Raw http = Fixtures.raw(server.port(), method + " /v1/authz/envoy" + path + " HTTP/1.1",
                            "Authorization: " + key);
                    if (http.header("X-Warden-Reason") == null) {
                        continue; // Jetty refused the request line itself
                    }
                    CheckResponse grpc = envoy.check(request(method, path, "authorization: " + key));
                    int status = grpc.hasOkResponse() ? 200 : grpc.getDeniedResponse().getStatus().getCodeValue();
                    Map<String, String> h = headers(grpc.hasOkResponse() ? grpc.getOkResponse().getHeadersList()
                            : grpc.getDeniedResponse().getHeadersList());
                    assertThat(List.of(status, h.get("X-Warden-Reason"))).as(method + " " + path)
                            .isEqualTo(List.of(http.status(), http.header("X-Warden-Reason")));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    @Test
    void decisions_areLoggedAsEnvoyGrpc_andCounted() throws Exception {
        Path dir = Files.createTempDirectory("warden-grpc");
        Path policies = Fixtures.write(dir);
        Path file = dir.resolve("decisions.jsonl");
        String metrics;
        try (WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json")).port(0)
                .adminPort(0).watch(false).envoyGrpcPort(0).clientAddressHeader("x-envoy-external-address").decisionLog(file)
                .start()) {
            ManagedChannel ch = channel(s);
            try {
                AuthorizationGrpc.AuthorizationBlockingStub stub = AuthorizationGrpc.newBlockingStub(ch);
                assertThat(stub.check(request("GET", "/workspaces/w1/channels?token=secret", "authorization: " + SUPPORT,
                        "x-envoy-external-address: 198.51.100.7")).getStatus().getCode()).isEqualTo(Code.OK_VALUE);
                assertThat(stub.check(request("GET", "/workspaces/w1/connectors/k1", "authorization: " + SUPPORT))
                        .getStatus().getCode()).isEqualTo(Code.PERMISSION_DENIED_VALUE);
            } finally {
                ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
            metrics = ServerReloadTest.send(s, "GET", "/metrics").body();
        }
        assertThat(metrics).containsPattern("warden_decisions_total\\{decision=\"allow\",reason=\"allowed\"[^}]*} 1\\.0")
                .containsPattern("warden_decisions_total\\{decision=\"deny\",reason=\"explicit_deny\"[^}]*} 1\\.0");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode allow = DecisionLogTest.JSON.readTree(lines.get(0));
        assertThat(allow.get("source").asText()).isEqualTo("envoy_grpc");
        assertThat(allow.get("decision").asText()).isEqualTo("allow");
        assertThat(allow.get("key_id").asText()).isEqualTo("ak_support");
        assertThat(allow.get("method").asText()).isEqualTo("GET");
        assertThat(allow.get("path").asText()).isEqualTo("/workspaces/w1/channels");
        assertThat(allow.get("request_id").asText()).isEqualTo("7d1f0c52-6a3b-4a47-9a8e-5d0f3f1b2c11");
        assertThat(allow.get("client_address").asText()).isEqualTo("198.51.100.7");
        assertThat(lines.get(0)).doesNotContain("secret");
        JsonNode deny = DecisionLogTest.JSON.readTree(lines.get(1));
        assertThat(deny.get("source").asText()).isEqualTo("envoy_grpc");
        assertThat(deny.get("reason").asText()).isEqualTo("explicit_deny");
        // attributes.source.address is never the client's address: no header, no context.ip
        assertThat(deny.has("client_address") ? deny.get("client_address").asText() : "").isEmpty();
    }

    @Test
    void forwardAuthBody_isTheDeniedResponsesBody(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        try (WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json")).port(0)
                .watch(false).envoyGrpcPort(0).forwardAuthBody(true).start()) {
            ManagedChannel ch = channel(s);
            try {
                CheckResponse r = AuthorizationGrpc.newBlockingStub(ch).check(request("GET", "/workspaces/w1/connectors/k1",
                        "authorization: " + SUPPORT));
                assertThat(r.getDeniedResponse().getBody()).isEqualTo("deny explicit_deny\n");
            } finally {
                ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void close_stopsTheGrpcListenerWithTheOthers(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json")).port(0)
                .watch(false).envoyGrpcPort(0).start();
        int port = s.envoyGrpcPort().getAsInt();
        assertThat(s.envoyGrpcAddress()).contains("127.0.0.1:" + port);
        s.close();
        assertThat(s.draining()).isTrue();
        try (java.net.Socket socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
                    new java.net.InetSocketAddress("127.0.0.1", port), 2000)).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void withoutThePort_thereIsNoGrpcListener(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        try (WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json")).port(0)
                .watch(false).forwardAuth(ForwardAuth.ENVOY).start()) {
            assertThat(s.envoyGrpcPort()).isEmpty();
            assertThat(s.envoyGrpcAddress()).isEmpty();
        }
    }
}
