package dev.warden.server;

import dev.warden.dsl.PolicyReloader;
import dev.warden.gateway.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reload through {@code warden serve}: POST /v1/reload, the file watcher, and what /metrics says. */
class ServerReloadTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static int authz(WardenServer s, String method, String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/authz")).header("X-Original-Method", method)
                .header("X-Original-URI", uri).header("Authorization", Fixtures.auth(Fixtures.SUPPORT_KEY)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A request without a body to the admin listener. */
    static HttpResponse<String> send(WardenServer s, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(s.adminUri().orElseThrow().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reloadEndpoint_brokenChangeKeepsTheOldSet_isReportedInMetrics_thenAGoodOneLoads(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        Path main = policies.resolve("main.policy");
        try (WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).watch(false).start()) {
            assertThat(authz(s, "GET", "/workspaces/w1/channels")).isEqualTo(200);
            Files.writeString(main, Fixtures.POLICIES.replace("allow view on", "allow veiw on"));
            HttpResponse<String> failed = send(s, "POST", "/v1/reload");
            assertThat(failed.statusCode()).isEqualTo(422);
            assertThat(failed.body()).contains("\"outcome\":\"failed\"").contains("\"policy_set_version\":1")
                    .contains("\"location\":{\"file\":\"" + main.toString().replace("\\", "\\\\")
                            + "\",\"line\":2,\"column\":11,\"length\":4}")
                    .contains("\"code\":\"E103\"").contains("unknown action `veiw`");
            assertThat(authz(s, "GET", "/workspaces/w1/channels")).isEqualTo(200); // the old set serves
            String metrics = send(s, "GET", "/metrics").body();
            assertThat(WardenServerTest.counter(metrics, "warden_policy_reloads_total{outcome=\"failure\"}")).isEqualTo(1);
            assertThat(WardenServerTest.counter(metrics, "warden_policy_load_errors")).isEqualTo(1);
            assertThat(WardenServerTest.counter(metrics, "warden_policy_last_reload_success")).isEqualTo(0);
            assertThat(WardenServerTest.counter(metrics, "warden_policy_set_version")).isEqualTo(1);

            Files.writeString(main, Fixtures.POLICIES.replace("allow view on", "allow view, create on"));
            HttpResponse<String> ok = send(s, "POST", "/v1/reload");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"outcome\":\"reloaded\"").contains("\"policy_set_version\":2");
            assertThat(authz(s, "POST", "/workspaces/w1/channels")).isEqualTo(200);
            metrics = send(s, "GET", "/metrics").body();
            assertThat(WardenServerTest.counter(metrics, "warden_policy_reloads_total{outcome=\"success\"}")).isEqualTo(1);
            assertThat(WardenServerTest.counter(metrics, "warden_policy_load_errors")).isEqualTo(0);
            assertThat(WardenServerTest.counter(metrics, "warden_policy_last_reload_success")).isEqualTo(1);
            assertThat(WardenServerTest.counter(metrics, "warden_policy_set_version")).isEqualTo(2);
            assertThat(send(s, "GET", "/healthz").body()).contains("\"policy_set_version\": 2");
        }
    }

    @Test
    void watcher_reloadsAChangedFile_andKeepsServingThroughABrokenOne(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        Path main = policies.resolve("main.policy");
        try (WardenServer s = WardenServer.builder().policies(List.of(main)).keysFile(dir.resolve("keys.json"))
                .port(0).watch(true).start()) {
            assertThat(authz(s, "POST", "/workspaces/w1/channels")).isEqualTo(403);
            Files.writeString(main, "policy broken {");
            awaitFailures(s.reloader(), 1);
            assertThat(s.reloader().version()).isEqualTo(1);
            assertThat(authz(s, "GET", "/workspaces/w1/channels")).isEqualTo(200);

            Files.writeString(main, Fixtures.POLICIES.replace("allow view on", "allow view, create on"));
            for (int i = 0; i < 200 && s.reloader().version() < 2; i++) {
                Thread.sleep(25);
            }
            assertThat(s.reloader().version()).isEqualTo(2);
            assertThat(authz(s, "POST", "/workspaces/w1/channels")).isEqualTo(200);
        }
    }

    static void awaitFailures(PolicyReloader r, long n) throws InterruptedException {
        for (int i = 0; i < 200 && r.failures() < n; i++) {
            Thread.sleep(25);
        }
        assertThat(r.failures()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void decisionLog_dropsAndCountsWhenItsQueueIsFull() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        java.io.OutputStream slowDisk = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    release.await(); // the disk hangs until released
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.write(b, off, len);
            }
        };
        DecisionLog log = new DecisionLog(slowDisk, 4);
        DecisionLog.Entry e = new DecisionLog.Entry(0, "ak", "GET", "view", "/x", 200, "allow", "allowed", List.of("p"), 1);
        log.offer(e);
        for (int i = 0; i < 200 && log.queued() > 0; i++) {
            Thread.sleep(10); // the writer takes it and hangs on the disk
        }
        assertThat(log.queued()).isZero();
        for (int i = 0; i < 10; i++) {
            log.offer(e); // 4 fit in the queue, 6 are dropped; none waits
        }
        assertThat(log.dropped()).isEqualTo(6);
        release.countDown();
        log.close();
        assertThat(log.written()).isEqualTo(5);
        assertThat(sink.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")).hasSize(5);
    }
}
