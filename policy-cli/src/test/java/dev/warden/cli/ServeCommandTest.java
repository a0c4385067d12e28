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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
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
        assertThat(r.err()).isEqualTo("error[K104]: a key needs a `hash` (`warden keys hash` prints it)\n"
                + " --> " + keys + ":2:3\n"
                + "  |\n"
                + "2 |   {\"id\": \"a\"}\n"
                + "  |   ^\n"
                + "\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void serve_takesThePoliciesAsPathArguments_andRefusesAnUnwritableDecisionLog(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.policy");
        Files.writeString(broken, "policy p { allow veiw on /a }\n");
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": []}");
        CliRun r = CliRun.of("serve", "--keys", keys.toString(), "--port", "0", broken.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("error[E103]: unknown action `veiw`").contains(broken + ":1:18");
        CliRun none = CliRun.of("serve", "--keys", keys.toString(), "--port", "0");
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).startsWith("error: missing the policies: ");
        Path file = Files.writeString(dir.resolve("plain"), "x");
        CliRun log = CliRun.of("serve", "--keys", keys.toString(), "--port", "0", "--decision-log",
                file.resolve("decisions.jsonl").toString(), broken.toString());
        assertThat(log.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(log.err()).isEqualTo("error: cannot write `" + file.resolve("decisions.jsonl")
                + "`: `plain` is not a directory\n");
    }

    @Test
    void serve_refusesAnUnknownForwardAuthMode_andBadAdminOptions(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": []}");
        CliRun r = CliRun.of("serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0",
                "--forward-auth", "haproxy");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("error: --forward-auth must be nginx, traefik, caddy or envoy, not `haproxy`\n");
        assertThat(r.out()).isEmpty();
        CliRun port = CliRun.of("serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0",
                "--admin-port", "70000");
        assertThat(port.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(port.err()).isEqualTo("error: --admin-port must be 0 to 65535, not 70000\n");
        for (String bad : List.of("warden-admin.internal:9901", "a/b", "two words", "")) {
            CliRun host = CliRun.of("serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0",
                    "--admin-port", "0", "--admin-host", bad);
            assertThat(host.exitCode()).as(bad).isEqualTo(ExitCode.USAGE);
            assertThat(host.err()).isEqualTo("error: --admin-host takes a host name or address without a port, not `"
                    + bad + "`\n");
        }
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

    /** {@code warden serve} running on a thread of this JVM, with what it printed. */
    record Serving(Thread thread, AtomicInteger exit, ByteArrayOutputStream out, ByteArrayOutputStream err, URI base,
            URI admin) {
        static Serving start(String... args) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread serving = new Thread(() -> exit.set(Main.run(new Io(new ByteArrayInputStream(new byte[0]), out, err), args)));
            serving.start();
            Pattern listening = Pattern.compile(
                    "listening on (http://127\\.0\\.0\\.1:\\d+)\n(admin listening on (http://127\\.0\\.0\\.1:\\d+)\n)?");
            boolean wantAdmin = List.of(args).contains("--admin-port");
            Matcher m = listening.matcher("");
            for (int i = 0; i < 300 && !(m.reset(out.toString(StandardCharsets.UTF_8)).find() && (!wantAdmin || m.group(3) != null));
                    i++) {
                Thread.sleep(50);
            }
            assertThat(m.find(0)).as("stdout: %s, stderr: %s", out, err).isTrue();
            return new Serving(serving, exit, out, err, URI.create(m.group(1)),
                    m.group(3) == null ? null : URI.create(m.group(3)));
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
            return exit.get();
        }

        String printed() {
            return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }
    }

    static Path keysFile(Path dir) throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"id\": \"ak_cli\", \"hash\": \"" + AccessKeys.hash(KEY)
                + "\", \"policies\": [\"channels\"]}]}");
        return keys;
    }

    @Test
    void serve_listensOnTheChosenPorts_answersAuthzAndDecide_andStopsWhenInterrupted(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Path keys = keysFile(dir);
        Serving s = Serving.start("serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0",
                "--no-watch", "--admin-port", "0");
        HttpClient http = HttpClient.newHttpClient();
        try {
            assertThat(s.admin()).isNotNull().isNotEqualTo(s.base());
            HttpResponse<String> authz = http.send(HttpRequest.newBuilder(s.base().resolve("/v1/authz"))
                    .header("X-Original-Method", "GET").header("X-Original-URI", "/workspaces/w1/channels/c1")
                    .header("Authorization", "AccessKey " + KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(authz.statusCode()).isEqualTo(200);

            String request = "{\"principal\": {\"id\": \"svc\", \"policies\": [\"channels\"]}, \"method\": \"GET\", "
                    + "\"path\": \"/workspaces/w1/channels/c1\"}";
            HttpResponse<String> decide = http.send(HttpRequest.newBuilder(s.admin().resolve("/v1/decide"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(decide.statusCode()).isEqualTo(200);
            // exactly what `warden eval` prints for the same request
            CliRun eval = CliRun.withInput(request + "\n", "eval", "--policies", policies.toString());
            assertThat(decide.body()).isEqualTo(eval.out());
            assertThat(decide.body()).startsWith("{\"decision\": \"allow\", \"reason\": \"allowed\"");

            HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(s.admin().resolve("/v1/decide"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"principal\": {}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).startsWith("{\"decision\": \"deny\", \"reason\": \"invalid_request\", \"error\": ");
            // the admin endpoints are not on the forward-auth port
            HttpResponse<String> onMain = http.send(HttpRequest.newBuilder(s.base().resolve("/v1/decide"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(onMain.statusCode()).isEqualTo(404);
        } finally {
            assertThat(s.stop()).isEqualTo(ExitCode.OK);
        }
        assertThat(s.printed()).doesNotContain(KEY);
    }

    @Test
    void serve_withEnvoyGrpcPort_printsItsListener_andAnswersEnvoysCheck(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Serving s = Serving.start("serve", "--policies", policies.toString(), "--keys", keysFile(dir).toString(),
                "--port", "0", "--no-watch", "--forward-auth", "envoy", "--envoy-grpc-port", "0");
        try {
            Matcher m = EnvoyCheck.LISTENING.matcher("");
            for (int i = 0; i < 300 && !m.reset(s.out().toString(StandardCharsets.UTF_8)).find(); i++) {
                Thread.sleep(50);
            }
            assertThat(m.find(0)).as(s.printed()).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(EnvoyCheck.check(port, EnvoyCheck.request("GET", "/workspaces/w1/channels/c1", "AccessKey " + KEY))
                    .getStatus().getCode()).isEqualTo(com.google.rpc.Code.OK_VALUE);
            assertThat(EnvoyCheck.check(port, EnvoyCheck.request("DELETE", "/workspaces/w1/channels/c1", "AccessKey " + KEY))
                    .getDeniedResponse().getStatus().getCodeValue()).isEqualTo(403);
        } finally {
            assertThat(s.stop()).isEqualTo(ExitCode.OK);
        }
        assertThat(s.printed()).doesNotContain(KEY);
    }

    @Test
    void serve_refusesAnEnvoyGrpcPortOutOfRange(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        CliRun r = CliRun.of("serve", "--policies", policies.toString(), "--keys", keysFile(dir).toString(), "--port", "0",
                "--envoy-grpc-port", "70000");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("error: --envoy-grpc-port must be 0 to 65535, not 70000\n");
    }

    @Test
    void serve_withoutAdminPort_printsOneListener_andServesNoAdminEndpoint(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Serving s = Serving.start("serve", "--policies", policies.toString(), "--keys", keysFile(dir).toString(),
                "--port", "0", "--no-watch");
        try {
            assertThat(s.admin()).isNull();
            assertThat(s.out().toString(StandardCharsets.UTF_8)).doesNotContain("admin");
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(s.base().resolve("/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(404);
        } finally {
            assertThat(s.stop()).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void serve_inTraefikMode_readsTheForwardedHeaders_andRefusesTheOriginalOnes(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Serving s = Serving.start("serve", "--policies", policies.toString(), "--keys", keysFile(dir).toString(),
                "--port", "0", "--no-watch", "--forward-auth", "traefik");
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(s.base().resolve("/v1/authz"))
                    .header("X-Forwarded-Method", "GET").header("X-Forwarded-Uri", "/workspaces/w1/channels/c1")
                    .header("Authorization", "AccessKey " + KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> injected = http.send(HttpRequest.newBuilder(s.base().resolve("/v1/authz"))
                    .header("X-Original-Method", "GET").header("X-Original-URI", "/workspaces/w1/channels/c1")
                    .header("X-Forwarded-Method", "DELETE").header("X-Forwarded-Uri", "/workspaces/w1/channels/c1")
                    .header("Authorization", "AccessKey " + KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(injected.statusCode()).isEqualTo(400);
        } finally {
            assertThat(s.stop()).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void serve_warnsOfAWorldWritableKeysFileOrPolicy_andServesAnyway(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX permissions");
        Path policyDir = Files.createDirectories(dir.resolve("policies"));
        Path policy = policyDir.resolve("p.policy");
        Files.writeString(policy, POLICIES);
        Path keys = keysFile(dir);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rw-r--rw-"));
        List<String> warnings = new ArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.warden.cli");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public synchronized void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try {
            Serving s = Serving.start("serve", "--policies", policyDir.toString(), "--keys", keys.toString(),
                    "--port", "0", "--no-watch");
            assertThat(s.stop()).isEqualTo(ExitCode.OK);
        } finally {
            logger.removeHandler(capture);
        }
        synchronized (capture) {
            assertThat(warnings).containsExactly(
                    "`" + keys + "` is writable by any user of this host, who could change what is allowed; "
                            + "remove the write permission of others (chmod o-w)",
                    "`" + policy + "` is writable by any user of this host, who could change what is allowed; "
                            + "remove the write permission of others (chmod o-w)");
        }
    }

    @Test
    void serve_asAProcess_sentSigterm_stopsGracefully_andExitsZero(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "POSIX signals");
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        ServeProcess serve = ServeProcess.start(dir, java.util.Map.of(), "--policies", policies.toString(),
                "--keys", keysFile(dir).toString(), "--port", "0", "--no-watch", "--drain-time", "5s");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(serve.base.resolve("/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(serve.terminate()).as("stderr: %s", serve.err()).isZero();
        assertThat(serve.err()).contains("warden stopped: requests in flight finished");
    }

    @Test
    void serve_refusesADrainTimeThatIsNotADuration(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        CliRun r = CliRun.of("serve", "--policies", policies.toString(), "--keys", keysFile(dir).toString(),
                "--drain-time", "ten");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("a duration such as `500ms`, `10s` or `2m`, not `ten`");
    }

    @Test
    void serve_refusesTlsOptionsThatDoNotGoTogether(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        String keys = keysFile(dir).toString();
        List<List<String>> cases = List.of(
                List.of("--tls-cert", "c.pem"),
                List.of("--tls-cert", "c.pem", "--tls-key", "k.pem", "--tls-keystore", "s.p12"),
                List.of("--tls-keystore", "s.p12"),
                List.of("--tls-keystore-password-file", "pw"),
                List.of("--tls-client-ca", "ca.pem"));
        List<String> errors = List.of("--tls-cert and --tls-key go together",
                "--tls-keystore and --tls-cert/--tls-key exclude each other",
                "--tls-keystore needs --tls-keystore-password-file",
                "--tls-keystore-password-file needs --tls-keystore",
                "--tls-client-ca needs --tls-cert and --tls-key, or --tls-keystore");
        for (int i = 0; i < cases.size(); i++) {
            List<String> args = new ArrayList<>(List.of("serve", "--policies", policies.toString(), "--keys", keys, "--port", "0"));
            args.addAll(cases.get(i));
            CliRun r = CliRun.of(args.toArray(new String[0]));
            assertThat(r.exitCode()).as(args.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).isEqualTo("error: " + errors.get(i) + "\n");
        }
    }

    @Test
    void serve_withJsonLogs_writesOneJsonObjectPerLine_fromTheLevelGiven(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        ServeProcess json = ServeProcess.start(dir, java.util.Map.of(), "--policies", policies.toString(),
                "--keys", keysFile(dir).toString(), "--port", "0", "--no-watch", "--log-format", "json");
        assertThat(json.terminate()).isZero();
        List<String> lines = json.err().lines().toList();
        assertThat(lines).isNotEmpty();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            var record = mapper.readTree(line);
            assertThat(record.fieldNames()).toIterable().startsWith("time", "level", "logger", "message");
            assertThat(record.get("level").asText()).isIn("ERROR", "WARN", "INFO", "DEBUG");
            messages.add(record.get("message").asText());
        }
        assertThat(messages).anyMatch(m -> m.startsWith("warden serving on http://127.0.0.1:")
                && m.endsWith(": policy-set version 1, 1 policies, 0 roles, 1 access keys"));
        assertThat(messages).anyMatch(m -> m.startsWith("warden stopped: "));

        ServeProcess quiet = ServeProcess.start(dir, java.util.Map.of(), "--policies", policies.toString(),
                "--keys", keysFile(dir).toString(), "--port", "0", "--no-watch", "--log-level", "warn");
        assertThat(quiet.terminate()).isZero();
        assertThat(quiet.err()).doesNotContain("warden serving on").doesNotContain("warden stopped");
    }
}
