package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code /metrics} of a real server holds besides the decisions: the build, reloads, the JVM and the process. */
class ServerMetricsTest {
    @Test
    void metrics_showTheBuildTheReloadsTheJvmAndTheProcess(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        try (WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).watch(false).version("1.2.3").start()) {
            assertThat(ServerReloadTest.authz(s, "GET", "/workspaces/w1/channels")).isEqualTo(200);
            Files.writeString(dir.resolve("keys.json"), "not json");
            s.reloadKeys();
            String text = ServerReloadTest.send(s, "GET", "/metrics").body();
            assertThat(text).contains("warden_build_info{version=\"1.2.3\"} 1");
            assertThat(WardenServerTest.counter(text, "warden_access_keys")).isEqualTo(3);
            assertThat(WardenServerTest.counter(text, "warden_keys_reloads_total{outcome=\"failure\"}")).isEqualTo(1);
            assertThat(WardenServerTest.counter(text, "warden_keys_last_reload_success")).isEqualTo(0);
            double now = System.currentTimeMillis() / 1000.0;
            for (String stamp : List.of("warden_policy_last_reload_timestamp_seconds", "warden_keys_last_reload_timestamp_seconds")) {
                assertThat(WardenServerTest.counter(text, stamp)).as(stamp).isBetween(now - 3600, now + 60);
            }
            assertThat(WardenServerTest.counter(text, "warden_http_requests_active")).isEqualTo(1); // this scrape
            for (String jvm : List.of("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "process_cpu_usage", "system_cpu_count", "process_uptime_seconds", "process_start_time_seconds")) {
                assertThat(text).as(jvm).contains(jvm);
            }
        }
    }

    @Test
    void theDecisionTimer_hasRoundBuckets(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        try (WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).watch(false).start()) {
            ServerReloadTest.authz(s, "GET", "/workspaces/w1/channels");
            String text = ServerReloadTest.send(s, "GET", "/metrics").body();
            List<String> bounds = text.lines().filter(l -> l.startsWith("warden_decision_duration_seconds_bucket{"))
                    .map(l -> l.substring(l.indexOf("le=\"") + 4, l.indexOf('"', l.indexOf("le=\"") + 4))).toList();
            assertThat(bounds).hasSize(GatewayMetrics.DURATION_BUCKETS.size() + 1).endsWith("+Inf");
            List<Double> seconds = bounds.subList(0, bounds.size() - 1).stream().map(Double::parseDouble).toList();
            assertThat(seconds).containsExactly(5.0E-5, 1.0E-4, 2.5E-4, 5.0E-4, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25);
        }
    }
}
