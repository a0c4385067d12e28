package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dsl.ReloadResult;
import dev.warden.gateway.AccessKeys;
import dev.warden.gateway.Fixtures;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys file reloads as the policies do: the admin endpoint, SIGHUP, the watcher; a bad file keeps the old keys. */
class KeysReloadTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String NEW_KEY = "wk_NEW_secret_0f1e2d3c4b5a69788796";

    static int authz(WardenServer s, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/v1/authz")).header("X-Original-Method", "GET")
                .header("X-Original-URI", "/workspaces/w1/channels").header("Authorization", Fixtures.auth(key)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The fixture's keys and one more, {@code ak_new} with NEW_KEY and the policies given. */
    static String withNewKey(String policies) {
        return Fixtures.keysJson().replace("\n]}", ",\n  {\"id\": \"ak_new\", \"hash\": \"" + AccessKeys.hash(NEW_KEY)
                + "\", \"policies\": [" + policies + "]}\n]}");
    }

    static WardenServer start(Path dir, boolean watch) throws Exception {
        Path policies = Fixtures.write(dir);
        return WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).adminPort(0).watch(watch).start();
    }

    @Test
    void reloadEndpoint_loadsANewKey_andSaysSo(@TempDir Path dir) throws Exception {
        try (WardenServer s = start(dir, false)) {
            assertThat(authz(s, NEW_KEY)).isEqualTo(401);
            Files.writeString(dir.resolve("keys.json"), withNewKey("\"channels-read\""));
            HttpResponse<String> r = ServerReloadTest.send(s, "POST", "/v1/reload");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"keys\":{\"outcome\":\"reloaded\",\"keys_version\":2,\"keys\":4");
            assertThat(authz(s, NEW_KEY)).isEqualTo(200);
            assertThat(authz(s, Fixtures.SUPPORT_KEY)).isEqualTo(200);
        }
    }

    @Test
    void aBadKeysFile_isRefused_andTheOldKeysServeOn(@TempDir Path dir) throws Exception {
        try (WardenServer s = start(dir, false)) {
            Files.writeString(dir.resolve("keys.json"), "{\"keys\": [\n  {\"id\": \"ak_support\"}\n]}");
            HttpResponse<String> r = ServerReloadTest.send(s, "POST", "/v1/reload");
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("\"outcome\":\"reloaded\",\"policy_set_version\":2")
                    .contains("\"keys\":{\"outcome\":\"failed\",\"keys_version\":1,\"keys\":3")
                    .contains("\"code\":\"K104\"");
            assertThat(authz(s, Fixtures.SUPPORT_KEY)).isEqualTo(200);
            ReloadResult last = s.lastKeysReload().orElseThrow();
            assertThat(last.ok()).isFalse();
            assertThat(last.message()).isEqualTo("access keys reload failed (1 error(s)); keys version 1 keeps serving");
        }
    }

    @Test
    void keysNamingAPolicyThatIsNotLoaded_areRefused(@TempDir Path dir) throws Exception {
        try (WardenServer s = start(dir, false)) {
            Files.writeString(dir.resolve("keys.json"), withNewKey("\"nowhere\""));
            ReloadResult r = s.reloadKeys().orElseThrow();
            assertThat(r.ok()).isFalse();
            assertThat(r.message()).startsWith("access keys reload refused (the keys name roles or policies that are not loaded: ")
                    .contains("nowhere").endsWith("; keys version 1 keeps serving");
            assertThat(authz(s, NEW_KEY)).isEqualTo(401);
            assertThat(authz(s, Fixtures.SUPPORT_KEY)).isEqualTo(200);
        }
    }

    @Test
    void sighup_reloadsTheKeysFile(@TempDir Path dir) throws Exception {
        Path policies = Fixtures.write(dir);
        try (WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(dir.resolve("keys.json"))
                .port(0).watch(false).reloadOnSighup(true).start()) {
            Files.writeString(dir.resolve("keys.json"), withNewKey("\"channels-read\""));
            Signals.hangup(); // what the SIGHUP handler runs
            assertThat(s.lastKeysReload().orElseThrow().version()).isEqualTo(2);
            assertThat(authz(s, NEW_KEY)).isEqualTo(200);
        }
    }

    @Test
    void watcher_reloadsAChangedKeysFile(@TempDir Path dir) throws Exception {
        try (WardenServer s = start(dir, true)) {
            Files.writeString(dir.resolve("keys.json"), withNewKey("\"channels-read\""));
            for (int i = 0; i < 400 && authz(s, NEW_KEY) != 200; i++) {
                Thread.sleep(25);
            }
            assertThat(authz(s, NEW_KEY)).isEqualTo(200);
        }
    }

    @Test
    void readyz_isReady_withTheVersionCountsAndLastReloads(@TempDir Path dir) throws Exception {
        try (WardenServer s = start(dir, false)) {
            for (java.net.URI base : List.of(s.uri(), s.adminUri().orElseThrow())) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).startsWith("{\"status\":\"ready\",\"policy_set_version\":1,\"policies\":3,\"roles\":1,"
                        + "\"keys\":3,\"last_policy_reload\":{\"outcome\":\"reloaded\",\"time\":\"")
                        .contains("\"message\":\"initial policy set\"},\"last_keys_reload\":{\"outcome\":\"reloaded\"");
            }
            Files.writeString(dir.resolve("keys.json"), "not json");
            s.reloadKeys();
            HttpResponse<String> after = HTTP.send(HttpRequest.newBuilder(s.uri().resolve("/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).as("a failed reload leaves the old keys serving").isEqualTo(200);
            assertThat(after.body()).contains("\"last_keys_reload\":{\"outcome\":\"failed\"");
        }
    }
}
