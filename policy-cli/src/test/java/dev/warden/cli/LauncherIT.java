package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/warden} with the real shaded jar, as the README runs it. An integration test: the
 * failsafe plugin runs it in {@code ./mvnw -B verify}, after {@code package} has built {@code
 * target/warden.jar} ({@code ./mvnw -B test}, what CI runs, does not build the jar; {@link
 * LauncherTest} covers the script there with a stand-in jar).
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("bin/warden");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void jarIsBuilt() {
        assertThat(ROOT.resolve("policy-cli/target/warden.jar"))
                .as("the shaded jar: run this test with `./mvnw -B verify`, after `package`")
                .isRegularFile();
    }

    private static Map<String, String> env() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "");
    }

    @Test
    void readmeCommand_printsTheExampleDecisions() throws IOException {
        Subprocess r = Subprocess.run(ROOT, env(), "", List.of("bin/warden", "eval", "--policies", "examples/policies",
                "--input", "examples/requests.jsonl"));

        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(Files.readString(ROOT.resolve("examples/decisions.jsonl"), StandardCharsets.UTF_8));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void symlinkElsewhere_runsTheJar_withRelativePathsFromTheCurrentDirectory() throws IOException {
        Path link = tmp.resolve("warden");
        Files.createSymbolicLink(link, SCRIPT);
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("read.policy"), "policy read { allow view on /workspaces/*/channels }\n");

        Subprocess r;
        try {
            r = Subprocess.run(work, env(), "", List.of(link.toString(), "check", "--policies", "read.policy",
                    "--principal", "ak_1", "--policy", "read", "--format", "json", "view", "/workspaces/w1/channels"));
        } finally {
            Files.delete(link); // the link points out of the temp dir: remove it ourselves
        }

        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("{\"decision\": \"allow\", \"reason\": \"allowed\", \"matched\": "
                + "[{\"policy\": \"read\", \"effect\": \"allow\", \"source\": \"read.policy:1:15\"}]}\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void shadedJar_reportsItsVersion() {
        Subprocess r = Subprocess.run(tmp, env(), "", List.of(SCRIPT.toString(), "--version"));

        assertThat(r.out()).isEqualTo("warden " + Version.version() + "\n");
        assertThat(r.exitCode()).isZero();
    }
}
