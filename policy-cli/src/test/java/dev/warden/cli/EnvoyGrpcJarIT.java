package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Code;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Envoy gRPC service in the real shaded jar, which keeps only the generated protos the service
 * needs (policy-cli/pom.xml): {@code java -jar target/warden.jar serve --envoy-grpc-port 0}
 * answers an allow and a deny, then stops on {@code SIGTERM} with exit 0. An integration test, run
 * by {@code ./mvnw -B verify} after {@code package} (see {@link LauncherIT}).
 */
class EnvoyGrpcJarIT {
    private static final Path JAR = Path.of("target/warden.jar").toAbsolutePath();

    @Test
    void shadedJar_answersEnvoysCheck_andStopsOnSigterm(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the shaded jar: run this test with `./mvnw -B verify`").isRegularFile();
        Path policies = Files.writeString(dir.resolve("p.policy"), ServeCommandTest.POLICIES);
        Path keys = ServeCommandTest.keysFile(dir);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "serve", "--policies", policies.toString(), "--keys", keys.toString(), "--port", "0",
                "--no-watch", "--envoy-grpc-port", "0")).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Matcher m = EnvoyCheck.LISTENING.matcher("");
            for (int i = 0; i < 600 && p.isAlive() && !m.reset(Files.readString(out)).find(); i++) {
                Thread.sleep(50);
            }
            assertThat(m.find(0)).as("stdout %s, stderr %s", Files.readString(out), Files.readString(err)).isTrue();
            int port = Integer.parseInt(m.group(1));
            CheckResponse allow = EnvoyCheck.check(port, EnvoyCheck.request("GET", "/workspaces/w1/channels/c1",
                    "AccessKey " + ServeCommandTest.KEY));
            assertThat(allow.getStatus().getCode()).as(Files.readString(err)).isEqualTo(Code.OK_VALUE);
            assertThat(allow.getOkResponse().getHeadersList()).anyMatch(h -> h.getHeader().getKey().equals("X-Warden-Key-Id")
                    && h.getHeader().getValue().equals("ak_cli"));
            CheckResponse deny = EnvoyCheck.check(port, EnvoyCheck.request("GET", "/workspaces/w1/channels/..;/c1",
                    "AccessKey " + ServeCommandTest.KEY));
            assertThat(deny.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
            assertThat(deny.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(400);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
