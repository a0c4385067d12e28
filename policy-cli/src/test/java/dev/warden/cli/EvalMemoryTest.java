package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code warden eval} streams a million lines with a small fixed heap: the CLI runs in a child
 * JVM with {@code -Xmx96m}, fed by a generator writing to its standard input (no file is
 * written), and every decision it prints is checked. Every request is distinct (its principal id
 * is the line number), so the decision cache is full and evicting throughout.
 *
 * <p>The heap and line count can be changed for a measurement: {@code -Dwarden.memory.heap=64m
 * -Dwarden.memory.lines=5000000}. The wall time is printed (docs/reliability.md, "Limits and
 * memory").
 */
class EvalMemoryTest {
    private static final String HEAP = System.getProperty("warden.memory.heap", "96m");
    private static final int LINES = Integer.getInteger("warden.memory.lines", 1_000_000);

    /** The six kinds of line, by {@code i % 6}, and the reason each must get. */
    private static final String[] REASONS = {
        "allowed", "allowed", "explicit_deny", "no_match", "malformed_request", "invalid_request"
    };

    static String line(int i) {
        String ws = "w" + (i % 50);
        String reader = "{\"principal\": {\"id\": \"ak_" + i + "\", \"roles\": [\"channel-reader\"], "
                + "\"attributes\": {\"workspace\": \"" + ws + "\"}}";
        switch (i % 6) {
            case 0:
                return reader + ", \"action\": \"view\", \"resource\": \"/workspaces/" + ws + "/channels/c" + i + "\"}";
            case 1:
                return reader + ", \"method\": \"GET\", \"path\": \"/workspaces/" + ws + "/channels/c" + i
                        + "/messages?page=" + i + "\"}";
            case 2:
                return "{\"principal\": {\"id\": \"ak_" + i + "\", \"roles\": [\"channel-admin\"], "
                        + "\"attributes\": {\"workspace\": \"" + ws + "\"}}, \"method\": \"DELETE\", "
                        + "\"path\": \"/workspaces/" + ws + "/channels/c" + i + "/messages/m" + i + "\"}";
            case 3:
                return reader + ", \"action\": \"view\", \"resource\": \"/workspaces/other/channels/c" + i + "\"}";
            case 4:
                return reader + ", \"action\": \"view\", \"resource\": \"/workspaces/" + ws + "/../admin/" + i + "\"}";
            default:
                return reader + ", \"action\": \"view\", \"resource\": ";
        }
    }

    @Test
    void eval_streamsAMillionLines_inASmallFixedHeap() throws Exception {
        Path gcLog = Files.createTempFile("warden-gc", ".log");
        List<String> command = List.of(Subprocess.java(), "-Xmx" + HEAP, "-Xlog:gc:file=" + gcLog,
                "-cp", Subprocess.testClasspath(), Main.class.getName(), "eval", "--policies", "../examples/policies");
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile()).start();

        CompletableFuture<Void> generator = feed(p, in -> {
            for (int i = 0; i < LINES; i++) {
                in.write(line(i));
                in.write('\n');
            }
        });
        CompletableFuture<String> err = stderr(p);

        long count = 0;
        List<String> wrong = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8),
                1 << 16)) {
            String decision;
            while ((decision = out.readLine()) != null) {
                String reason = REASONS[(int) (count % 6)];
                boolean allow = reason.equals("allowed");
                if (!decision.startsWith("{\"decision\": \"" + (allow ? "allow" : "deny") + "\", \"reason\": \""
                        + reason + "\"") && wrong.size() < 5) {
                    wrong.add("line " + count + ": " + decision);
                }
                count++;
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("eval finished").isTrue();
        generator.get(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] gc = heapAfterGc(gcLog);
        Files.deleteIfExists(gcLog);
        System.out.printf("warden eval: %,d lines with -Xmx%s in %.1f s; %d collections, heap after a collection "
                + "at most %d MiB; load average %s before, %s after%n",
                count, HEAP, seconds, gc[0], gc[1], loadBefore, loadAverage());

        assertThat(err.get(10, TimeUnit.SECONDS)).as("stderr").isEmpty();
        assertThat(p.exitValue()).as("exit code").isZero();
        assertThat(count).isEqualTo(LINES);
        assertThat(wrong).as("decisions of the wrong kind").isEmpty();
    }

    @Test
    void overlongLine_isSkipped_notReadIntoMemory() throws Exception {
        // 64 Mi characters on one line, in a 32 MiB heap: read whole, the line alone would not fit
        int length = 64 << 20;
        List<String> command = List.of(Subprocess.java(), "-Xmx32m", "-cp", Subprocess.testClasspath(),
                Main.class.getName(), "eval", "--policies", "../examples/policies");
        Process p = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile()).start();
        CompletableFuture<Void> generator = feed(p, in -> {
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'k');
            in.write("{\"principal\": {\"id\": \"");
            for (int written = 0; written < length; written += chunk.length) {
                in.write(chunk);
            }
            in.write("\"}}\n");
            in.write(line(0));
            in.write('\n');
        });
        CompletableFuture<String> err = stderr(p);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("eval finished").isTrue();
        generator.get(10, TimeUnit.SECONDS);

        assertThat(err.get(10, TimeUnit.SECONDS)).as("stderr").isEmpty();
        assertThat(p.exitValue()).as("exit code").isZero();
        assertThat(out.lines()).hasSize(2);
        assertThat(out.lines().findFirst().orElseThrow()).isEqualTo("{\"decision\": \"deny\", \"reason\": "
                + "\"invalid_request\", \"error\": \"line is longer than 1048576 characters\"}");
        assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("{\"decision\": \"allow\"");
    }

    /** What a test writes to the child's standard input. */
    private interface Input {
        void writeTo(Writer in) throws IOException;
    }

    /** Writes the input to the child's standard input on another thread, then closes it. */
    private static CompletableFuture<Void> feed(Process p, Input input) {
        return CompletableFuture.runAsync(() -> {
            try (Writer in = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
                    1 << 16)) {
                input.writeTo(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The child's standard error, read on another thread so that it never blocks the child. */
    private static CompletableFuture<String> stderr(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The number of collections and the largest heap occupancy after one, in MiB, from a {@code -Xlog:gc} file. */
    private static long[] heapAfterGc(Path log) throws IOException {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(log));
        long n = 0;
        long max = 0;
        while (m.find()) {
            n++;
            max = Math.max(max, Long.parseLong(m.group(2)));
        }
        return new long[] {n, max};
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Test
    void spotChecks_ofTheGeneratedLines() {
        // the generator's lines are what the test says they are: a few decided in-process
        assertThat(line(0)).contains("\"resource\": \"/workspaces/w0/channels/c0\"");
        assertThat(line(4)).contains("/../admin/4");
        assertThat(line(5)).endsWith("\"resource\": ");
    }
}
