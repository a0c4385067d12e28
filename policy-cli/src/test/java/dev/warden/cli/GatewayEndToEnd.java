package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.dsl.PolicyLoader;
import dev.warden.gateway.AccessKeys;
import dev.warden.gateway.Gate;
import dev.warden.gateway.Verdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real gateway in front of a {@link Backend}, asking {@code warden serve} (the real command, in
 * its own JVM) about every request; all on 127.0.0.1. Each subclass runs one gateway with the
 * configuration of {@code examples/gateway/} and the matching {@code --forward-auth} mode.
 *
 * <p>Every request a test sends goes through {@link #send}, which checks, besides the status the
 * test asserts, that a request reaches the backend exactly when the gateway answered 200, and
 * that whatever reached the backend is what Warden decided: the backend's raw target and the
 * method it acts on (a method-override header included) get, from the library, the same action,
 * canonical path and allow as the client's request, and the backend's own reading of the target
 * ({@link URI#normalize}, decoded) is that canonical path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatewayEndToEnd {
    static final String READER_KEY = "wk_reader_0123456789abcdef";
    static final String ADMIN_KEY = "wk_admin_fedcba9876543210";
    static final String POLICIES = """
            policy channels-read {
                allow view on /workspaces/*/channels, /workspaces/*/channels/*
                allow view on /files/*.pdf
                deny  any  on /workspaces/*/connectors/**
            }
            policy everything {
                allow any on /workspaces/**
            }
            policy office {
                allow view on /offices/*/desks when context.ip in 127.0.0.2
                deny  view on /offices/*/desks when context.ip in 127.0.0.4
            }
            role reader { policies channels-read, office }
            role admin { policies everything }
            """;

    private Path dir;

    private Backend backend;
    private Process warden;
    private Gateway gateway;
    /** The same policies and keys as the server's, in the library: what Warden decides for a target. */
    private Gate gate;

    /** The gateway's name as people write it, for messages. */
    abstract String name();

    /** The Debian package that brings the gateway. */
    abstract String debianPackage();

    abstract Optional<Path> binary();

    /** The {@code warden serve --forward-auth} mode for this gateway. */
    abstract String forwardAuthMode();

    abstract Gateway startGateway(Path binary, Path dir, int wardenPort, int backendPort) throws Exception;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Path binary = Gateway.installedOrSkip(name(), debianPackage(), "end-to-end", binary());
        Path policies = dir.resolve("policies");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("gateway.policy"), POLICIES);
        Path keys = dir.resolve("keys.json");
        String keysJson = """
                {"keys": [
                  {"id": "ak_reader", "hash": "%s", "roles": ["reader"]},
                  {"id": "ak_admin", "hash": "%s", "roles": ["admin"]}
                ]}
                """.formatted(AccessKeys.hash(READER_KEY), AccessKeys.hash(ADMIN_KEY));
        Files.writeString(keys, keysJson);
        gate = new Gate(Authorizer.of(PolicyLoader.load(List.of(policies)).orElseThrow()),
                AccessKeys.parse("keys.json", keysJson));
        backend = new Backend();
        int wardenPort = Gateway.freePort();
        List<String> command = new ArrayList<>(List.of(Subprocess.java(), "-cp", Subprocess.testClasspath(), "dev.warden.cli.Main",
                "serve", "--policies", policies.toString(), "--keys", keys.toString(),
                "--bind", "127.0.0.1", "--port", String.valueOf(wardenPort)));
        command.addAll(modeArguments());
        warden = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("warden.log").toFile())
                .start();
        awaitHealthy(wardenPort);
        gateway = startGateway(binary, dir.resolve("gateway"), wardenPort, backend.port());
    }

    /**
     * Sends one request through the gateway from the local address {@code from}, and checks that
     * it reached the backend exactly when the gateway answered 200; returns the status.
     */
    int sendFrom(String from, String method, String target, String key, String... headerLines) throws IOException {
        List<String> headers = new ArrayList<>(Arrays.asList(headerLines));
        headers.add(0, "Authorization: AccessKey " + key);
        int before = backend.received().size();
        int status = RawHttp.send(java.net.InetAddress.getByName(from), gateway.port(), method, target, headers).status();
        int reached = backend.received().size() - before;
        assertThat(reached).as("requests from %s that reached the backend for %s %s (status %d)", from, method, target, status)
                .isEqualTo(status == 200 ? 1 : 0);
        return status;
    }

    List<String> modeArguments() {
        return List.of("--forward-auth", forwardAuthMode());
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (warden != null) {
            warden.destroy();
            if (!warden.waitFor(10, TimeUnit.SECONDS)) {
                warden.destroyForcibly();
            }
        }
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void clearBackend() {
        backend.clear();
    }

    private void awaitHealthy(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!warden.isAlive()) {
                throw new IOException("warden serve exited with " + warden.exitValue() + ": "
                        + Files.readString(dir.resolve("warden.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("warden serve did not become healthy: " + Files.readString(dir.resolve("warden.log")));
    }

    /**
     * Sends one request through the gateway (the target exactly as given) with {@code
     * Authorization: AccessKey <key>} (none for a null key) and the given header lines, checks
     * what reached the backend against what Warden decided, and returns the status.
     */
    int send(String method, String target, String key, String... headerLines) throws IOException {
        List<String> headers = new ArrayList<>(Arrays.asList(headerLines));
        if (key != null) {
            headers.add(0, "Authorization: AccessKey " + key);
        }
        return sendRaw(method, target, key == null ? List.of() : List.of("AccessKey " + key), headers);
    }

    int sendRaw(String method, String target, List<String> authorization, List<String> headers) throws IOException {
        int before = backend.received().size();
        int status = RawHttp.send(gateway.port(), method, target, headers).status();
        List<Backend.Received> reached = backend.received().subList(before, backend.received().size());
        String what = method + " " + target + " " + headers;
        if (status == 200) {
            assertThat(reached).as("requests that reached the backend for %s", what).hasSize(1);
        } else {
            assertThat(reached).as("requests that reached the backend for %s (status %d)", what, status).isEmpty();
        }
        for (Backend.Received r : reached) {
            Verdict client = gate.check(method, originForm(target), authorization);
            Verdict seen = gate.check(r.effectiveMethod(), r.target(), authorization);
            String where = "`" + what + "` reached the backend as `" + r.effectiveMethod() + " " + r.target() + "`";
            assertThat(client.status()).as("Warden's decision for %s", where).isEqualTo(200);
            assertThat(List.of(seen.status(), seen.reason(), seen.action(), seen.path()))
                    .as("Warden's decision on what the backend received, for %s", where)
                    .isEqualTo(List.of(client.status(), client.reason(), client.action(), client.path()));
            assertThat(backendReading(r.target())).as("the backend's own reading of %s", where).contains(client.path());
        }
        return status;
    }

    /**
     * The request target a server reads from {@code target}: an absolute-form target ({@code
     * http://host/path?query}, RFC 9112 section 3.2.2) means its path and query; any other target
     * is itself.
     */
    static String originForm(String target) {
        for (String scheme : List.of("http://", "https://")) {
            if (target.regionMatches(true, 0, scheme, 0, scheme.length())) {
                int slash = target.indexOf('/', scheme.length());
                int query = target.indexOf('?', scheme.length());
                if (slash < 0 || (query >= 0 && query < slash)) {
                    return query < 0 ? "/" : "/" + target.substring(query);
                }
                return target.substring(slash);
            }
        }
        return target;
    }

    /** The decoded, dot-segment-free path a backend built on java.net.URI reads from a target; empty when it cannot parse it. */
    static Optional<String> backendReading(String target) {
        try {
            return Optional.ofNullable(new URI(target).normalize().getPath());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Test
    void anAllowedRequestReachesTheBackendUnchanged() throws IOException {
        assertThat(send("GET", "/workspaces/w1/channels", READER_KEY)).isEqualTo(200);
        assertThat(send("GET", "/workspaces/w1/channels/c7?page=2", READER_KEY)).isEqualTo(200);
        assertThat(send("DELETE", "/workspaces/w1/connectors/k1", ADMIN_KEY)).isEqualTo(200);
        assertThat(send("GET", "/files/report.pdf", READER_KEY)).isEqualTo(200);
        assertThat(backend.seen()).containsExactly(
                "GET /workspaces/w1/channels", "GET /workspaces/w1/channels/c7?page=2", "DELETE /workspaces/w1/connectors/k1",
                "GET /files/report.pdf");
    }

    @Test
    void theBackendSeesTheKeyIdWardenDecidedFor_neverTheClientsOwn_andNeverTheKey() throws IOException {
        assertThat(send("GET", "/workspaces/w1/channels", READER_KEY)).isEqualTo(200);
        assertThat(send("GET", "/workspaces/w1/channels", READER_KEY, "X-Warden-Key-Id: ak_admin")).isEqualTo(200);
        assertThat(send("GET", "/workspaces/w1/channels", READER_KEY, "X-Warden-Key-Id: ak_admin", "x-warden-key-id: ak_root"))
                .isEqualTo(200);
        assertThat(send("DELETE", "/workspaces/w1/connectors/k1", ADMIN_KEY, "X-Warden-Key-Id: ak_reader")).isEqualTo(200);
        List<Backend.Received> reached = backend.received();
        assertThat(reached).hasSize(4);
        List<List<String>> keyIds = new ArrayList<>();
        for (Backend.Received r : reached) {
            keyIds.add(r.header("X-Warden-Key-Id"));
        }
        assertThat(keyIds).containsExactly(List.of("ak_reader"), List.of("ak_reader"), List.of("ak_reader"), List.of("ak_admin"));
        for (Backend.Received r : reached) {
            assertThat(r.header("Authorization")).as("Authorization at the backend for %s", r.line()).isEmpty();
            assertThat(r.headers().toString()).doesNotContain(READER_KEY).doesNotContain(ADMIN_KEY);
        }
    }

    @Test
    void aDeniedRequestGets403AndNeverReachesTheBackend() throws IOException {
        assertThat(send("POST", "/workspaces/w1/channels", READER_KEY)).isEqualTo(403);      // no allow for create
        assertThat(send("GET", "/workspaces/w1/connectors/k1", READER_KEY)).isEqualTo(403);  // no allow, and a deny
        assertThat(send("GET", "/organizations/o1", ADMIN_KEY)).isEqualTo(403);             // outside every pattern
        assertThat(send("GET", "/files/payroll.csv", READER_KEY)).isEqualTo(403);
        assertThat(backend.seen()).isEmpty();
    }

    @Test
    void noOrUnknownCredentialsGet401AndNeverReachTheBackend() throws IOException {
        assertThat(send("GET", "/workspaces/w1/channels", null)).isEqualTo(401);
        assertThat(send("GET", "/workspaces/w1/channels", "wk_not_a_key")).isEqualTo(401);
        assertThat(sendRaw("GET", "/workspaces/w1/channels", List.of("Bearer " + READER_KEY),
                List.of("Authorization: Bearer " + READER_KEY))).isEqualTo(401);
        assertThat(sendRaw("GET", "/workspaces/w1/channels", List.of("AccessKey"), List.of("Authorization: AccessKey")))
                .isEqualTo(401);
        assertThat(backend.seen()).isEmpty();
    }

    /**
     * Every path-confusion shape of the request rules (docs/semantics.md) and
     * conformance/06-malformed, sent as the raw request target by a key that may do anything under
     * {@code /workspaces}: refused with 400 (by the gateway itself, or by Warden through it), and
     * never passed to the backend.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "/workspaces/w1/",
            "/workspaces//w1",
            "/workspaces/./w1",
            "/workspaces/w1/..",
            "/workspaces/w1/../w2",
            "/workspaces/w1/..;/w2",
            "/workspaces/w1/%2e%2e/w2",
            "/workspaces/%2e%2e/w1",
            "/workspaces/%2E%2E/w1",
            "/workspaces/w1/%2e/x",
            "/workspaces/w1%2Fx",
            "/workspaces/w1%2fx",
            "/workspaces/w1%5Cx",
            "/workspaces/w1\\x",
            "/workspaces\\..\\admin",
            "/workspaces/w1;jsessionid=x",
            "/workspaces/w1%3Bx",
            "/workspaces/w1%25",
            "/workspaces/w1%252F",
            "/workspaces/%25%32%66admin",
            "/workspaces/w1%0A",
            "/workspaces/w1%0D%0Ax",
            "/workspaces/w1%00",
            "/workspaces/w1%00.json",
            "/workspaces/w1%7F",
            "/workspaces/w\u00c3\u00a91",   // the UTF-8 bytes of `é`, raw in the request line
            "/workspaces/w1%C3%A9",
            "/workspaces/%C0%AE%C0%AE/w1",  // overlong UTF-8 for `..`
            "/workspaces/w1/%C0%AF",
            "/workspaces/w1%zz",
            "/workspaces/w1%4",
            "/workspaces/w1#",
            "/workspaces/w1#/../admin",
            "/workspaces/w1%23x",
            "/workspaces/w1%3Fx",
            "/workspaces/w1/;/x",
            "workspaces/w1",
            "*",
    })
    void pathConfusionIsRefusedAndNeverReachesTheBackend(String target) throws IOException {
        int status = send("GET", target, ADMIN_KEY);
        assertThat(status).as("status of GET %s", target).isEqualTo(400);
        assertThat(backend.seen()).as("requests that reached the backend").isEmpty();
    }

    /**
     * A key that may read some things only: a raw {@code #}, a {@code %23} or a {@code %3F} that
     * would make a backend read another path than Warden decided on is 400.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "/workspaces/w1/channels#/../connectors/k1",
            "/workspaces/w1/channels#",
            "/workspaces/w1/channels%23/../connectors/k1",
            "/workspaces/w1/channels/c1%23",
            "/files/payroll.csv%3F.pdf",
            "/files/payroll.csv%3f.pdf",
            "/files/payroll.csv%23.pdf",
            "/files/payroll.csv%00.pdf",
            "/files/payroll.csv;.pdf",
            "/files/..%2Fpayroll.csv%3F.pdf",
            "/workspaces/w1/channels/..;/connectors/k1",
            "/workspaces/w1/channels/%2e%2e/connectors/k1",
            "/workspaces/w1/channels/%C0%AE%C0%AE/connectors/k1",
            "/workspaces/w1/channels\\..\\connectors\\k1",
    })
    void fragmentsAndEncodedDelimitersAreRefused(String target) throws IOException {
        assertThat(send("GET", target, READER_KEY)).as("status of GET %s", target).isEqualTo(400);
        assertThat(send("DELETE", target, READER_KEY)).as("status of DELETE %s", target).isEqualTo(400);
        assertThat(backend.seen()).isEmpty();
    }

    /**
     * An absolute-form target ({@code GET http://host/path HTTP/1.1}) is decided on its path, as
     * the backend reads it: the gateway turns it into the origin-form path it passes to Warden and
     * to the backend alike.
     */
    @Test
    void anAbsoluteFormTargetIsDecidedOnItsPath() throws IOException {
        assertThat(send("GET", "http://127.0.0.1/workspaces/w1/channels", READER_KEY)).isEqualTo(200);
        assertThat(send("GET", "http://127.0.0.1:1/workspaces/w1/channels?page=2", READER_KEY)).isEqualTo(200);
        assertThat(send("DELETE", "http://127.0.0.1/workspaces/w1/channels", READER_KEY)).isEqualTo(403);
        assertThat(send("GET", "http://127.0.0.1/workspaces/w1/connectors/k1", READER_KEY)).isEqualTo(403);
        assertThat(send("GET", "http://127.0.0.1/workspaces/w1/channels/..;/connectors/k1", READER_KEY)).isEqualTo(400);
        assertThat(send("GET", "http://127.0.0.1/workspaces/w1/channels/%2e%2e/connectors/k1", READER_KEY)).isEqualTo(400);
        assertThat(send("GET", "http://127.0.0.1/workspaces/w1/channels#/../connectors/k1", READER_KEY)).isEqualTo(400);
        assertThat(backend.seen()).containsExactly("GET /workspaces/w1/channels", "GET /workspaces/w1/channels?page=2");
    }

    /** A method-override header would make a backend that honours it act on another method than Warden decided on: 400. */
    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "x-http-method-override"})
    void aMethodOverrideHeaderIsRefused(String header) throws IOException {
        assertThat(send("GET", "/workspaces/w1/channels", READER_KEY, header + ": DELETE")).isEqualTo(400);
        assertThat(send("POST", "/workspaces/w1/channels", READER_KEY, header + ": GET")).isEqualTo(400);
        assertThat(send("GET", "/workspaces/w1/channels", READER_KEY, header + ": GET")).isEqualTo(400);
        assertThat(backend.seen()).isEmpty();
    }

    /**
     * A client's own forward-auth headers (of either kind) never steer the decision: the gateway
     * replaces its own pair and drops the other, so Warden decides on the real request.
     */
    @Test
    void aClientsOwnForwardAuthHeadersDoNotSteerTheDecision() throws IOException {
        List<String> forged = List.of(
                "X-Original-Method: GET", "X-Original-URI: /workspaces/w1/channels",
                "X-Forwarded-Method: GET", "X-Forwarded-Uri: /workspaces/w1/channels");
        for (String h : forged) {
            assertThat(send("DELETE", "/workspaces/w1/connectors/k1", READER_KEY, h)).as(h).isEqualTo(403);
        }
        assertThat(send("DELETE", "/workspaces/w1/connectors/k1", READER_KEY, forged.toArray(String[]::new))).isEqualTo(403);
        assertThat(send("GET", "/workspaces/w1/connectors/k1", READER_KEY, forged.toArray(String[]::new))).isEqualTo(403);
        // and the other way round: a forged pair naming a forbidden request does not block an allowed one
        assertThat(send("GET", "/workspaces/w1/channels", READER_KEY,
                "X-Original-Method: DELETE", "X-Original-URI: /workspaces/w1/connectors/k1",
                "X-Forwarded-Method: DELETE", "X-Forwarded-Uri: /workspaces/w1/connectors/k1")).isEqualTo(200);
        assertThat(backend.seen()).containsExactly("GET /workspaces/w1/channels");
    }

    /** The same key on the well-formed neighbours of those shapes is let through: the refusals above are not a key problem. */
    @Test
    void wellFormedNeighboursOfTheMalformedShapesAreAllowed() throws IOException {
        List<String> targets = List.of("/workspaces/w1", "/workspaces/w1/x", "/workspaces/a@example.com",
                "/workspaces/+31612345678", "/workspaces/x.y~z:1=2", "/workspaces/w%31", "/workspaces/w1?x=%23&y=%3F",
                "/workspaces/w1?next=/../admin", "/workspaces/w1?a=b;c");
        List<Integer> statuses = new ArrayList<>();
        for (String t : targets) {
            statuses.add(send("GET", t, ADMIN_KEY));
        }
        assertThat(statuses).containsOnly(200);
        assertThat(backend.seen()).hasSize(targets.size());
    }
}
