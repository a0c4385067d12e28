package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code warden serve} as a process of its own, as a container runs it: started, signalled, its exit code. */
final class ServeProcess {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)\n");

    final Process process;
    final Path out;
    final Path err;
    final URI base;

    private ServeProcess(Process process, Path out, Path err, URI base) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.base = base;
    }

    /** Starts {@code warden serve ARGS} in {@code dir} and waits until it listens. */
    static ServeProcess start(Path dir, java.util.Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Subprocess.java(), "-cp", Subprocess.testClasspath(),
                Main.class.getName(), "serve"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "serve-out", ".txt");
        Path err = Files.createTempFile(dir, "serve-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        Matcher m = LISTENING.matcher("");
        for (int i = 0; i < 600 && p.isAlive() && !m.reset(Files.readString(out)).find(); i++) {
            Thread.sleep(50);
        }
        if (!m.reset(Files.readString(out)).find()) {
            p.destroyForcibly();
            throw new AssertionError("not listening; stdout: " + Files.readString(out) + "; stderr: " + Files.readString(err));
        }
        return new ServeProcess(p, out, err, URI.create(m.group(1)));
    }

    /** Sends SIGTERM and returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy(); // SIGTERM on POSIX systems
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running a minute after SIGTERM");
        }
        return process.exitValue();
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
