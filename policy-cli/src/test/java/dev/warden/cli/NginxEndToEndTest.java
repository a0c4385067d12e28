package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real NGINX ({@code auth_request}) in front of a small backend, asking {@code warden serve}
 * (the real command, in its own JVM) about every request; all on 127.0.0.1. {@code .ci/run}
 * installs NGINX from Debian's packages when it is missing; without it this test is skipped, and
 * says so loudly.
 */
class NginxEndToEndTest {
    private static final String READER_KEY = "wk_reader_0123456789abcdef";
    private static final String ADMIN_KEY = "wk_admin_fedcba9876543210";

    @TempDir
    static Path dir;

    private static Backend backend;
    private static Process warden;
    private static Nginx nginx;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> binary = Nginx.binary();
        if (binary.isEmpty()) {
            String msg = "\n\n*** NGINX IS NOT INSTALLED: the NGINX end-to-end test is SKIPPED. ***\n"
                    + "*** .ci/run installs it with `apt-get install -y nginx`; install it to run this test. ***\n\n";
            System.err.println(msg);
            Assumptions.abort(msg);
        }
        Path policies = dir.resolve("policies");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("gateway.policy"), """
                policy channels-read {
                    allow view on /workspaces/*/channels, /workspaces/*/channels/*
                    deny  any  on /workspaces/*/connectors/**
                }
                policy everything {
                    allow any on /workspaces/**
                }
                role reader { policies channels-read }
                role admin { policies everything }
                """);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, """
                {"keys": [
                  {"id": "ak_reader", "hash": "sha256:%s", "roles": ["reader"]},
                  {"id": "ak_admin", "hash": "sha256:%s", "roles": ["admin"]}
                ]}
                """.formatted(sha256(READER_KEY), sha256(ADMIN_KEY)));
        backend = new Backend();
        int wardenPort = Nginx.freePort();
        warden = new ProcessBuilder(Subprocess.java(), "-cp", Subprocess.testClasspath(), "dev.warden.cli.Main",
                "serve", "--policies", policies.toString(), "--keys", keys.toString(),
                "--bind", "127.0.0.1", "--port", String.valueOf(wardenPort))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("warden.log").toFile())
                .start();
        awaitHealthy(wardenPort);
        nginx = Nginx.start(binary.get(), dir.resolve("nginx"), wardenPort, backend.port());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
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

    private static String sha256(String key) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitHealthy(int port) throws Exception {
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

    private static int send(String method, String target, String key) throws IOException {
        return Nginx.send(nginx.port, method, target, key == null ? null : "AccessKey " + key);
    }

    @Test
    void anAllowedRequestReachesTheBackendUnchanged() throws IOException {
        assertThat(send("GET", "/workspaces/w1/channels", READER_KEY)).isEqualTo(200);
        assertThat(send("GET", "/workspaces/w1/channels/c7?page=2", READER_KEY)).isEqualTo(200);
        assertThat(send("DELETE", "/workspaces/w1/connectors/k1", ADMIN_KEY)).isEqualTo(200);
        assertThat(backend.seen()).containsExactly(
                "GET /workspaces/w1/channels", "GET /workspaces/w1/channels/c7?page=2", "DELETE /workspaces/w1/connectors/k1");
    }

    @Test
    void aDeniedRequestGets403AndNeverReachesTheBackend() throws IOException {
        assertThat(send("POST", "/workspaces/w1/channels", READER_KEY)).isEqualTo(403);      // no allow for create
        assertThat(send("GET", "/workspaces/w1/connectors/k1", READER_KEY)).isEqualTo(403);  // no allow, and a deny
        assertThat(send("GET", "/organizations/o1", ADMIN_KEY)).isEqualTo(403);             // outside every pattern
        assertThat(backend.seen()).isEmpty();
    }

    @Test
    void noOrUnknownCredentialsGet401AndNeverReachTheBackend() throws IOException {
        assertThat(send("GET", "/workspaces/w1/channels", null)).isEqualTo(401);
        assertThat(send("GET", "/workspaces/w1/channels", "wk_not_a_key")).isEqualTo(401);
        assertThat(Nginx.send(nginx.port, "GET", "/workspaces/w1/channels", "Bearer " + READER_KEY)).isEqualTo(401);
        assertThat(Nginx.send(nginx.port, "GET", "/workspaces/w1/channels", "AccessKey")).isEqualTo(401);
        assertThat(backend.seen()).isEmpty();
    }

    /**
     * Every path-confusion shape of DESIGN.md section 3 and conformance/06-malformed, sent as the
     * raw request target by a key that may do anything under {@code /workspaces}: refused with 400
     * (by NGINX itself, or by Warden through it), and never passed to the backend.
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
            "/workspaces/w1;jsessionid=x",
            "/workspaces/w1%3Bx",
            "/workspaces/w1%25",
            "/workspaces/w1%252F",
            "/workspaces/w1%0A",
            "/workspaces/w1%00",
            "/workspaces/w1%7F",
            "/workspaces/w\u00c3\u00a91",   // the UTF-8 bytes of `é`, raw in the request line
            "/workspaces/w1%C3%A9",
            "/workspaces/w1%zz",
            "/workspaces/w1%4",
            "workspaces/w1",
    })
    void pathConfusionIsRefusedAndNeverReachesTheBackend(String target) throws IOException {
        int status = send("GET", target, ADMIN_KEY);
        assertThat(status).as("status of GET %s", target).isEqualTo(400);
        assertThat(backend.seen()).as("requests that reached the backend").isEmpty();
    }

    /** The same key on the well-formed neighbours of those shapes is let through: the refusals above are not a key problem. */
    @Test
    void wellFormedNeighboursOfTheMalformedShapesAreAllowed() throws IOException {
        List<String> targets = List.of("/workspaces/w1", "/workspaces/w1/x", "/workspaces/a@example.com",
                "/workspaces/+31612345678", "/workspaces/x.y~z:1=2", "/workspaces/w%31");
        List<Integer> statuses = new ArrayList<>();
        for (String t : targets) {
            statuses.add(send("GET", t, ADMIN_KEY));
        }
        assertThat(statuses).containsOnly(200);
        assertThat(backend.seen()).hasSize(targets.size());
    }
}
