package dev.warden.server;

import dev.warden.testing.ConfigMapVolume;
import dev.warden.testing.LogCapture;
import dev.warden.gateway.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden serve} as wired: a ConfigMap volume is reloaded, and a reload that breaks a key is refused. */
class ServerWatchTest {
    static final String MORE = Fixtures.POLICIES.replace("allow view on", "allow view, create on");

    @Test
    void configMapPolicyFile_isReloadedWhenItsDataSymlinkIsSwapped(@TempDir Path dir) throws Exception {
        Fixtures.write(dir);
        ConfigMapVolume cm = new ConfigMapVolume(dir.resolve("mount"), Fixtures.POLICIES);
        try (WardenServer s = WardenServer.builder().policies(List.of(cm.file())).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).start()) {
            assertThat(ServerReloadTest.authz(s, "POST", "/workspaces/w1/channels")).isEqualTo(403);
            cm.update(MORE);
            for (int i = 0; i < 400 && ServerReloadTest.authz(s, "POST", "/workspaces/w1/channels") != 200; i++) {
                Thread.sleep(25);
            }
            assertThat(ServerReloadTest.authz(s, "POST", "/workspaces/w1/channels")).isEqualTo(200);
            String metrics = ServerReloadTest.send(s, "GET", "/metrics").body();
            assertThat(WardenServerTest.counter(metrics, "warden_policy_set_version")).isEqualTo(2);
            assertThat(WardenServerTest.counter(metrics, "warden_policy_last_reload_success")).isEqualTo(1);
        }
    }

    @Test
    void reloadThatDropsARoleAKeyNames_isRefused_andNamesIt_whileAKeyUnknownFromTheStartIsWarnedOnly(@TempDir Path dir)
            throws Exception {
        Path policies = Fixtures.write(dir);
        Path main = policies.resolve("main.policy");
        try (LogCapture logs = new LogCapture();
                WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                        .port(0).adminPort(0).watch(false).start()) {
            assertThat(logs.text()).contains("key `ak_ghost` names policy `missing`, which is not loaded");
            Files.writeString(main, Fixtures.POLICIES.replace("role support { policies channels-read, no-connectors }", ""));
            HttpResponse<String> refused = ServerReloadTest.send(s, "POST", "/v1/reload");
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("\"outcome\":\"failed\"").contains("\"policy_set_version\":1")
                    .contains("key `ak_support` names role `support`, which is not loaded");
            assertThat(ServerReloadTest.authz(s, "GET", "/workspaces/w1/channels")).isEqualTo(200); // the old set serves

            Files.writeString(main, MORE); // ak_ghost's `missing` is still missing: no reason to refuse
            assertThat(ServerReloadTest.send(s, "POST", "/v1/reload").statusCode()).isEqualTo(200);
            assertThat(ServerReloadTest.authz(s, "POST", "/workspaces/w1/channels")).isEqualTo(200);
            assertThat(logs.text()).doesNotContain(Fixtures.SUPPORT_KEY);
        }
    }
}
