package dev.warden.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The archives the build made (their paths come from the pom), unpacked, and commands run from them. */
final class Dist {
    static final String VERSION = System.getProperty("dist.version", "unknown");
    static final Path TAR = Path.of(System.getProperty("dist.tar", "target/missing.tar.gz"));
    static final Path ZIP = Path.of(System.getProperty("dist.zip", "target/missing.zip"));
    /** The repository's root: the module directory's parent. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** A PATH with no JDK of the build's on it (/usr/bin may hold a java; the tests check which runs). */
    static final String BARE_PATH = "/usr/bin:/bin";

    private Dist() {}

    /** What a command printed and how it exited. */
    record Result(int exit, String out, String err) {
        Result requireExit(int expected) {
            assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(expected);
            return this;
        }
    }

    /** Unpacks the linux-x86_64 archive into {@code dir} with tar (as a user would) and returns its top directory. */
    static Path unpackTar(Path dir) throws IOException, InterruptedException {
        assertThat(TAR).as("the build's archive").isRegularFile();
        run(dir, Map.of("PATH", BARE_PATH), "tar", "-xzf", TAR.toString()).requireExit(0);
        return top(dir);
    }

    /** Unpacks the zip into {@code dir} and returns its top directory. */
    static Path unpackZip(Path dir) throws IOException {
        assertThat(ZIP).as("the build's zip").isRegularFile();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(ZIP))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path to = dir.resolve(e.getName()).normalize();
                assertThat(to.startsWith(dir)).as("%s stays inside the directory", e.getName()).isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(in, to);
                }
            }
        }
        return top(dir);
    }

    private static Path top(Path dir) {
        Path top = dir.resolve("warden-" + VERSION);
        assertThat(top).isDirectory();
        return top;
    }

    /** Runs {@code command} in {@code dir} with exactly the environment {@code env} (as {@code env -i}). */
    static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        return run(dir, env, null, List.of(command));
    }

    /** As {@link #run(Path, Map, String...)}, with {@code stdin} fed to standard input when not null. */
    static Result run(Path dir, Map<String, String> env, String stdin, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dist-out", ".txt");
        Path err = Files.createTempFile("dist-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("still running after 2 minutes: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code home/bin/warden ARGS} in {@code dir}, with only {@code PATH=/usr/bin:/bin} in its environment. */
    static Result warden(Path home, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/warden").toString()));
        command.addAll(List.of(args));
        return run(dir, bare(), null, command);
    }

    static Map<String, String> bare() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", BARE_PATH);
        return env;
    }

    /** The command paths ({@code keys hash}) that the shipped fish completion names, the top command first as "". */
    static List<String> commands(Path home) throws IOException {
        List<String> commands = new ArrayList<>(List.of(""));
        for (String line : Files.readAllLines(home.resolve("completion/warden.fish"), StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.startsWith("set command 'warden ")) {
                commands.add(t.substring("set command 'warden ".length(), t.length() - 1));
            }
        }
        return commands;
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
