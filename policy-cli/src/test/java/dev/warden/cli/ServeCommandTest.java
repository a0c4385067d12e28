package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.AccessKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden serve} and {@code warden keys hash}, run in-process. */
class ServeCommandTest {
    static final String KEY = "wk_cli_secret_5b1d0c9e8f7a";
    static final String POLICIES = "policy channels { allow view on /workspaces/*/channels/** }\n";

    @Test
    void keysHash_printsTheHashOfTheKeyOnStdin_neverTheKey() {
        CliRun r = CliRun.withInput(KEY + "\n", "keys", "hash");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(AccessKeys.hash(KEY) + "\n");
        assertThat(r.out() + r.err()).doesNotContain(KEY);
    }

    @Test
    void keysHash_withId_printsAnEntryTheKeysFileAccepts() throws Exception {
        CliRun r = CliRun.withInput(KEY + "\r\n", "keys", "hash", "--id", "ak_cli", "--role", "support",
                "--policy", "channels", "--attribute", "workspace=w1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).doesNotContain(KEY);
        assertThat(r.out()).isEqualTo("{\"id\":\"ak_cli\",\"hash\":\"" + AccessKeys.hash(KEY)
                + "\",\"roles\":[\"support\"],\"policies\":[\"channels\"],\"attributes\":{\"workspace\":\"w1\"}}\n");
        AccessKeys keys = AccessKeys.parse("keys.json", "{\"keys\": [" + r.out() + "]}");
        var key = keys.resolve(KEY).orElseThrow();
        assertThat(key.id()).isEqualTo("ak_cli");
        assertThat(key.principal().attributes()).containsEntry("workspace", "w1");
    }

    @Test
    void keysHash_withoutAKey_orWithASpace_isAUsageError() {
        assertThat(CliRun.withInput("", "keys", "hash").exitCode()).isEqualTo(ExitCode.USAGE);
        CliRun spaced = CliRun.withInput("two words\n", "keys", "hash");
        assertThat(spaced.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(spaced.err()).contains("offset 3").doesNotContain("two words");
        assertThat(CliRun.withInput(KEY, "keys", "hash", "--role", "x").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("keys").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void serve_refusesABadKeysFile_withFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [\n  {\"id\": \"a\"}\n]}");
        CliRun r = CliRun.of("serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("error: " + keys + ":2:3: a key needs a `hash` (`warden keys hash` prints it)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void serve_refusesAnUnknownForwardAuthMode(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": []}");
        CliRun r = CliRun.of("serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0",
                "--forward-auth", "haproxy");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("error: --forward-auth must be nginx, traefik, caddy or envoy, not `haproxy`\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void serve_refusesPoliciesThatDoNotLoad_withTheirDiagnostics(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, "policy p { allow veiw on /x }\n");
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": []}");
        CliRun r = CliRun.of("serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("unknown action `veiw`").contains(policies + ":1:18");
    }

    @Test
    void serve_listensOnTheChosenPort_answersAuthzAndDecide_andStopsWhenInterrupted(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"id\": \"ak_cli\", \"hash\": \"" + AccessKeys.hash(KEY)
                + "\", \"policies\": [\"channels\"]}]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(Main.run(new Io(new ByteArrayInputStream(new byte[0]), out, err),
                "serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0", "--no-watch")));
        serving.start();
        Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))\n");
        Matcher m = listening.matcher("");
        for (int i = 0; i < 300 && !m.reset(out.toString(StandardCharsets.UTF_8)).find(); i++) {
            Thread.sleep(50);
        }
        assertThat(m.find(0)).as("stdout: %s, stderr: %s", out, err).isTrue();
        URI base = URI.create(m.group(1));
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> authz = http.send(HttpRequest.newBuilder(base.resolve("/v1/authz"))
                    .header("X-Original-Method", "GET").header("X-Original-URI", "/workspaces/w1/channels/c1")
                    .header("Authorization", "AccessKey " + KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(authz.statusCode()).isEqualTo(200);

            String request = "{\"principal\": {\"id\": \"svc\", \"policies\": [\"channels\"]}, \"method\": \"GET\", "
                    + "\"path\": \"/workspaces/w1/channels/c1\"}";
            HttpResponse<String> decide = http.send(HttpRequest.newBuilder(base.resolve("/v1/decide"))
                    .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(decide.statusCode()).isEqualTo(200);
            // exactly what `warden eval` prints for the same request
            CliRun eval = CliRun.withInput(request + "\n", "eval", "--policies", policies.toString());
            assertThat(decide.body()).isEqualTo(eval.out());
            assertThat(decide.body()).startsWith("{\"decision\": \"allow\", \"reason\": \"allowed\"");

            HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(base.resolve("/v1/decide"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"principal\": {}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).startsWith("{\"decision\": \"deny\", \"reason\": \"invalid_request\", \"error\": ");
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
        assertThat(serving.isAlive()).isFalse();
        assertThat(exit.get()).isEqualTo(ExitCode.OK);
        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).doesNotContain(KEY);
    }
}
