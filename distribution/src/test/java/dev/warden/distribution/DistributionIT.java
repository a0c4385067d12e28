package dev.warden.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linux-x86_64 archive as a user gets it: unpacked with tar into an empty directory and run
 * with nothing but {@code PATH=/usr/bin:/bin} in the environment (no JAVA_HOME, no JDK of the
 * build), so that every command runs on the bundled runtime; and the zip, on the build's JDK.
 */
class DistributionIT {
    private static final long MAX_SIZE = 80L * 1024 * 1024;

    @TempDir
    static Path unpacked;

    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        home = Dist.unpackTar(unpacked);
    }

    @Test
    void archive_isUnder80Megabytes() throws IOException {
        long size = Files.size(Dist.TAR);
        System.out.printf("%s: %,d bytes (%.1f MB)%n", Dist.TAR.getFileName(), size, size / 1024.0 / 1024.0);
        assertThat(size).isLessThan(MAX_SIZE);
    }

    @Test
    void archive_holdsTheLauncherJarCompletionsExamplesAndRuntime() throws IOException {
        for (String file : List.of("bin/warden", "bin/warden.cmd", "lib/warden.jar", "completion/warden.bash",
                "completion/_warden", "completion/warden.fish", "LICENSE", "NOTICE", "README.md",
                "examples/policies/channels.policy", "examples/decisions.jsonl", "examples/gateway/warden.service",
                "runtime/bin/java")) {
            assertThat(home.resolve(file)).as(file).isRegularFile();
        }
        // the examples' sources, never a build's output (the Spring sample's jar alone is 29 MB)
        try (java.util.stream.Stream<Path> all = Files.walk(home.resolve("examples"))) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("target")).toList()).isEmpty();
        }
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/warden"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void version_runsOnTheBundledRuntime() throws Exception {
        List<String> lines = Dist.warden(home, unpacked, "version").requireExit(0).out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("warden " + Dist.VERSION);
        assertThat(lines.get(1)).matches("commit: ([0-9a-f]{12}|unknown)");
        assertThat(lines.get(2)).matches("built: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(lines.get(3)).startsWith("jvm: ").endsWith(", " + home.resolve("runtime").toRealPath());
        assertThat(Dist.warden(home, unpacked, "--version").requireExit(0).out()).isEqualTo(lines.get(0) + "\n");
    }

    @Test
    void launcher_followsASymlinkToItself() throws Exception {
        Path link = unpacked.resolve("links/warden");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, home.resolve("bin/warden"));
        Dist.Result r = Dist.run(unpacked, Dist.bare(), null, List.of(link.toString(), "--version")).requireExit(0);
        assertThat(r.out()).isEqualTo("warden " + Dist.VERSION + "\n");
    }

    @Test
    void everyCommandsHelp_exitsZero() throws Exception {
        List<String> commands = Dist.commands(home);
        assertThat(commands).contains("", "eval", "serve", "keys hash", "version", "completion");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Dist.Result>> helps = new ArrayList<>();
            for (String command : commands) {
                List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : Arrays.asList(command.split(" ")));
                args.add("--help");
                helps.add(two.submit(() -> Dist.warden(home, unpacked, args.toArray(new String[0]))));
            }
            for (int i = 0; i < commands.size(); i++) {
                String command = commands.get(i);
                Dist.Result r = helps.get(i).get().requireExit(0);
                assertThat(r.out()).as(command).startsWith("Usage: warden" + (command.isEmpty() ? "" : " " + command) + " ");
            }
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void eval_decidesTheShippedExamplesAsDecisionsJsonlSays() throws Exception {
        Dist.Result r = Dist.warden(home, home, "eval", "--policies", "examples/policies", "--input", "examples/requests.jsonl")
                .requireExit(0);
        assertThat(r.out()).isEqualTo(Files.readString(home.resolve("examples/decisions.jsonl"), StandardCharsets.UTF_8));
    }

    @Test
    void runtime_listsTheModulesThePomNames() throws Exception {
        Dist.Result r = Dist.run(home, Dist.bare(), home.resolve("runtime/bin/java").toString(), "--list-modules").requireExit(0);
        Set<String> modules = r.out().lines().map(l -> l.replaceFirst("@.*", "")).collect(Collectors.toSet());
        assertThat(modules).containsAll(Set.of(System.getProperty("dist.modules").split(",")));
        assertThat(modules).doesNotContain("jdk.compiler", "jdk.jshell", "java.se");
    }

    @Test
    void serve_answersHealthAndForwardAuthThenStopsOnSigterm() throws Exception {
        String key = "kU3n9v0Qx7rT2mZp5sWb8yLc4hJd6fGa1eHk";
        String entry = Dist.run(unpacked, Dist.bare(), key + "\n", List.of(home.resolve("bin/warden").toString(), "keys", "hash",
                "--id", "ak_1", "--role", "channel-reader", "--attribute", "workspace=w1")).requireExit(0).out().strip();
        Path keys = unpacked.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [" + entry + "]}\n", StandardCharsets.UTF_8);

        Path out = unpacked.resolve("serve-out.txt");
        Path err = unpacked.resolve("serve-err.txt");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/warden").toString(), "serve", "--policies",
                home.resolve("examples/policies").toString(), "--keys", keys.toString(), "--port", "0", "--no-watch")
                .directory(unpacked.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(Dist.bare());
        Process serve = pb.start();
        try {
            URI base = listening(serve, out, err);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(authz(http, base, key, "/workspaces/w1/channels")).isEqualTo(200);
            assertThat(authz(http, base, key, "/workspaces/w2/channels")).isEqualTo(403);
        } finally {
            serve.destroy(); // SIGTERM
        }
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute of SIGTERM").isTrue();
        assertThat(serve.exitValue()).as("stderr: %s", Files.readString(err)).isZero();
    }

    private static int authz(HttpClient http, URI base, String key, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/authz")).header("Authorization", "AccessKey " + key)
                .header("X-Original-Method", "GET").header("X-Original-URI", path).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static URI listening(Process p, Path out, Path err) throws Exception {
        Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)\n");
        for (int i = 0; i < 1200 && p.isAlive(); i++) {
            Matcher m = listening.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("warden serve is not listening; stdout: " + Files.readString(out) + "; stderr: " + Files.readString(err));
    }

    @Test
    void zip_runsOnTheJavaOnPath(@TempDir Path dir) throws Exception {
        Path zipHome = Dist.unpackZip(dir);
        assertThat(zipHome.resolve("runtime")).doesNotExist();
        assertThat(zipHome.resolve("lib/warden.jar")).isRegularFile();
        Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", javaHome.resolve("bin") + ":" + Dist.BARE_PATH);
        Dist.Result r = Dist.run(dir, env, "sh", zipHome.resolve("bin/warden").toString(), "version").requireExit(0);
        assertThat(r.out()).startsWith("warden " + Dist.VERSION + "\n").contains(", " + javaHome + "\n");
    }
}
