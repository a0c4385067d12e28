package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * policy-dsl's diagnostics golden cases ({@code policy-dsl/src/test/resources/golden/diagnostics/}),
 * run through {@code warden eval} as a user runs it: a separate JVM whose working directory is
 * the case folder, given the case's input files by their relative names (the files of the
 * folder but {@code expected.txt}, or the paths listed in {@code inputs.txt}). It must exit 2,
 * print nothing on standard output, and print exactly {@code expected.txt} on standard error.
 *
 * <p>A subprocess, because the rendered file names are the names as given, relative to the
 * working directory, and a JVM cannot change its own; the classpath is the tests' own (this
 * module's classes and dependencies), so this runs in {@code ./mvnw test} before any jar exists.
 */
class DiagnosticsGoldenTest {
    private static final Path ROOT = Path.of("..", "policy-dsl", "src", "test", "resources", "golden", "diagnostics");

    /** The paths a case loads, relative to its folder; the same rule as policy-dsl's own golden test. */
    private static List<String> inputs(Path dir) throws IOException {
        Path listed = dir.resolve("inputs.txt");
        if (Files.exists(listed)) {
            return Files.readAllLines(listed).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.txt")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDiagnosticsCase_exits2WithTheExpectedText() throws IOException {
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(ROOT)) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("diagnostics cases in %s", ROOT.toAbsolutePath()).isNotEmpty();
        // the JVMs start side by side; each test then checks its own
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        List<Future<Run>> runs = new ArrayList<>();
        for (Path dir : cases) {
            runs.add(pool.submit(() -> run(dir)));
        }
        pool.shutdown();
        return IntStream.range(0, cases.size()).mapToObj(i -> dynamicTest(cases.get(i).getFileName().toString(),
                () -> check(cases.get(i), runs.get(i).get())));
    }

    /** The arguments given to warden and what it did. */
    private record Run(List<String> args, Subprocess result) {}

    private static Run run(Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("eval"));
        for (String input : inputs(dir)) {
            args.add("--policies");
            args.add(input);
        }
        List<String> command = new ArrayList<>(List.of(Subprocess.java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", Subprocess.testClasspath(), Main.class.getName()));
        command.addAll(args);
        return new Run(args, Subprocess.run(dir, Map.of(), "", command));
    }

    private static void check(Path dir, Run run) throws IOException {
        Subprocess r = run.result();
        assertThat(r.err()).as("stderr of warden %s", String.join(" ", run.args()))
                .isEqualTo(Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8));
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.exitCode()).as("exit code").isEqualTo(ExitCode.USAGE);
    }
}
