package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deployment examples of docs/gateways.md ("Running in production"): {@code
 * examples/gateway/warden.service} (systemd) and {@code examples/gateway/kubernetes.yaml} name only
 * options {@code warden serve} accepts, give the process longer to stop than its drain time, and
 * probe the listener that serves the probes.
 */
class ProductionExamplesTest {
    static final Path UNIT = Path.of("../examples/gateway/warden.service");
    static final Path KUBERNETES = Path.of("../examples/gateway/kubernetes.yaml");

    /** The unit's directives, continuation lines joined; comments and section headers left out. */
    static List<String> directives(Path unit) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String l : Files.readAllLines(unit)) {
            if (line.length() == 0 && (l.startsWith("#") || l.startsWith("[") || l.isBlank())) {
                continue;
            }
            if (l.endsWith("\\")) {
                line.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            out.add(line.append(l).toString());
            line.setLength(0);
        }
        return out;
    }

    static String directive(List<String> directives, String name) {
        return directives.stream().filter(d -> d.startsWith(name + "=")).map(d -> d.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    /** {@code warden serve ARGS} parsed as the command line parses it: a usage error for an unknown option. */
    static ServeCommand serve(List<String> args) {
        List<String> line = new ArrayList<>(List.of("serve"));
        line.addAll(args);
        CommandLine.ParseResult parsed = WardenCommand.commandLine(new Io(new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream())).parseArgs(line.toArray(new String[0]));
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }

    /** The words after {@code serve} in a command. */
    static List<String> afterServe(List<String> words) {
        int at = words.indexOf("serve");
        assertThat(at).as("serve in %s", words).isPositive();
        return words.subList(at + 1, words.size());
    }

    @Test
    void systemdUnit_startsServeWithOptionsItAccepts_andWaitsLongerThanTheDrainTime() throws Exception {
        List<String> d = directives(UNIT);
        List<String> exec = List.of(directive(d, "ExecStart").trim().split("\\s+"));
        assertThat(exec.get(0)).isEqualTo("/usr/bin/java");
        assertThat(exec).contains("-jar");
        ServeCommand serve = serve(afterServe(exec));
        assertThat(serve.policies.paths).containsExactly(Path.of("/etc/warden/policies"));
        assertThat(serve.keys).isEqualTo(Path.of("/etc/warden/keys.json"));
        // the decision log goes where the sandbox lets it write: the LogsDirectory
        assertThat(serve.decisionLog).isEqualTo(Path.of("/var/log/" + directive(d, "LogsDirectory") + "/decisions.jsonl"));
        Duration stop = new DurationOption().convert(directive(d, "TimeoutStopSec"));
        assertThat(stop).isGreaterThan(serve.drainTime);
        assertThat(directive(d, "ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
        assertThat(directive(d, "KillSignal")).isEqualTo("SIGTERM");
        assertThat(directive(d, "ProtectSystem")).isEqualTo("strict");
        assertThat(directive(d, "ReadOnlyPaths").split(" ")).contains("/etc/warden");
        assertThat(Integer.parseInt(directive(d, "RestartPreventExitStatus"))).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void kubernetesDeployment_runsServeWithOptionsItAccepts_probesItsListener_andWaitsLongerThanTheDrainTime()
            throws Exception {
        JsonNode deployment = new ObjectMapper(new YAMLFactory()).readValues(new YAMLFactory().createParser(
                KUBERNETES.toFile()), JsonNode.class).readAll().stream()
                .filter(doc -> doc.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        assertThat(args.get(0)).isEqualTo("serve");
        ServeCommand serve = serve(args.subList(1, args.size()));
        assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong())).isGreaterThan(serve.drainTime);
        assertThat(serve.bind).isEqualTo("0.0.0.0");
        assertThat(serve.envoyGrpcBind).isEqualTo("0.0.0.0");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asInt()).as(probe).isEqualTo(serve.port);
        }
        List<Integer> ports = new ArrayList<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        assertThat(ports).containsExactlyInAnyOrder(serve.port, serve.envoyGrpcPort);
        List<String> mounts = new ArrayList<>();
        container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
        assertThat(serve.policies.paths.get(0).toString()).isIn(mounts);
        assertThat(serve.keys.getParent().toString()).isIn(mounts);
    }
}
