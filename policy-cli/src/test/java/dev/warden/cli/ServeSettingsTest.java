package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden serve}'s settings: flags, then {@code WARDEN_*} variables, then the {@code --config} file. */
class ServeSettingsTest {
    record Run(int exitCode, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = WardenCommand.run(new Io(new ByteArrayInputStream(new byte[0]), out, err), env, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path config(Path dir, String yaml) throws Exception {
        return Files.writeString(dir.resolve("warden.yaml"), yaml);
    }

    /** The value of {@code name} in what --print-config printed. */
    static String printed(Run r, String name) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String line : r.out().split("\n")) {
            if (line.startsWith(name + ": ")) {
                return line.substring(name.length() + 2);
            }
        }
        throw new AssertionError(name + " not printed: " + r.out());
    }

    @Test
    void aFlag_winsOverTheEnvironment_whichWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = config(dir, "policies: [p]\nkeys: k.json\nport: 8500\nbind: 0.0.0.0\ncache-size: 7\n");
        Map<String, String> env = Map.of("WARDEN_PORT", "8600", "WARDEN_BIND", "127.0.0.2");
        Run r = run(env, "serve", "--print-config", "--config", file.toString(), "--port", "8700");
        assertThat(printed(r, "port")).isEqualTo("8700");
        assertThat(printed(r, "bind")).isEqualTo("127.0.0.2");
        assertThat(printed(r, "cache-size")).isEqualTo("7");
        assertThat(printed(run(env, "serve", "--print-config", "--config", file.toString()), "port")).isEqualTo("8600");
        assertThat(printed(run(Map.of(), "serve", "--print-config", "--config", file.toString()), "port")).isEqualTo("8500");
        assertThat(printed(run(Map.of(), "serve", "--print-config", "-p", "p", "-k", "k"), "port")).isEqualTo("8400");
    }

    @Test
    void theEnvoyGrpcListener_isASettingLikeTheOthers(@TempDir Path dir) throws Exception {
        Path file = config(dir, "policies: [p]\nkeys: k.json\nenvoy-grpc-port: 9191\nenvoy-grpc-bind: 0.0.0.0\n");
        assertThat(printed(run(Map.of(), "serve", "--print-config", "--config", file.toString()), "envoy-grpc-port"))
                .isEqualTo("9191");
        Run fromEnv = run(Map.of("WARDEN_ENVOY_GRPC_PORT", "9292"), "serve", "--print-config", "--config", file.toString());
        assertThat(printed(fromEnv, "envoy-grpc-port")).isEqualTo("9292");
        assertThat(printed(fromEnv, "envoy-grpc-bind")).isEqualTo("0.0.0.0");
        assertThat(printed(run(Map.of(), "serve", "--print-config", "-p", "p", "-k", "k"), "envoy-grpc-port")).isEqualTo("null");
    }

    @Test
    void theConfigFile_canComeFromTheEnvironment_andListsFromCommas(@TempDir Path dir) throws Exception {
        Path file = config(dir, "keys: k.json\n");
        Run r = run(Map.of("WARDEN_CONFIG", file.toString(), "WARDEN_POLICIES", "a,b", "WARDEN_NO_WATCH", "true"),
                "serve", "--print-config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("policies:\n- a\n- b\n").contains("keys: k.json\n").contains("no-watch: true\n");
    }

    @Test
    void secrets_areShownAsStars(@TempDir Path dir) throws Exception {
        Run r = run(Map.of("WARDEN_TLS_KEYSTORE_PASSWORD", "hunter2"), "serve", "--print-config", "-p", "p", "-k", "k",
                "--tls-keystore", "s.p12");
        assertThat(printed(r, "tls-keystore-password")).isEqualTo("'***'");
        assertThat(r.out()).doesNotContain("hunter2");
    }

    @Test
    void badSettings_areUsageErrors_namingWhereTheyCameFrom(@TempDir Path dir) throws Exception {
        List<String> base = List.of("serve", "--print-config", "--config", config(dir, "prot: 1\n").toString());
        Run unknown = run(Map.of(), base.toArray(new String[0]));
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).isEqualTo("error: unknown setting `prot` in the config file `" + dir.resolve("warden.yaml")
                + "`\n");

        Run flag = run(Map.of("WARDEN_NO_WATCH", "yes"), "serve", "--print-config", "-p", "p", "-k", "k");
        assertThat(flag.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(flag.err()).isEqualTo("error: the environment variable `WARDEN_NO_WATCH` takes true or false, not `yes`\n");

        Run port = run(Map.of("WARDEN_PORT", "eighty"), "serve", "--print-config", "-p", "p", "-k", "k");
        assertThat(port.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(port.err()).contains("--port").contains("eighty");

        Files.writeString(dir.resolve("list.yaml"), "- port\n");
        Run notAMap = run(Map.of(), "serve", "--print-config", "--config", dir.resolve("list.yaml").toString());
        assertThat(notAMap.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notAMap.err()).contains("must be a map of settings");

        Run missing = run(Map.of(), "serve", "--config", dir.resolve("none.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("error: cannot read the config file `" + dir.resolve("none.yaml") + "`");
    }

    @Test
    void otherCommands_ignoreTheEnvironment(@TempDir Path dir) throws Exception {
        Run r = run(Map.of("WARDEN_PORT", "eighty"), "keys", "hash", "--help");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void serve_asAProcess_takesItsPoliciesAndKeysFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, ServeCommandTest.POLICIES);
        Path keys = ServeCommandTest.keysFile(dir);
        ServeProcess serve = ServeProcess.start(dir, Map.of("WARDEN_POLICIES", policies.toString(),
                "WARDEN_KEYS", keys.toString(), "WARDEN_NO_WATCH", "true"), "--port", "0");
        try {
            assertThat(serve.out()).startsWith("listening on http://127.0.0.1:");
        } finally {
            assertThat(serve.terminate()).isZero();
        }
    }
}
