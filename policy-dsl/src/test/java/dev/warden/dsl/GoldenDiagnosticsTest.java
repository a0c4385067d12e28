package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every diagnostic a user can see, pinned by a golden file. Each folder under {@code
 * golden/diagnostics/} is one bad input: its input files (or the paths listed in {@code
 * inputs.txt}, one per line, for inputs that cannot be files, such as a missing one) are loaded
 * with names relative to the folder, and the rendered diagnostics must equal {@code expected.txt}
 * exactly. The CLI's tests run the same folders through {@code warden}.
 *
 * <p>Regenerate after a deliberate change with {@code ./mvnw -pl policy-dsl -am test
 * -Dtest=GoldenDiagnosticsTest -Dsurefire.failIfNoSpecifiedTests=false -Dwarden.updateGoldens=true},
 * then review the diff.
 */
class GoldenDiagnosticsTest {
    static final Path ROOT = Path.of("src/test/resources/golden/diagnostics");
    private static final boolean UPDATE = Boolean.getBoolean("warden.updateGoldens");

    /** The paths a case loads, relative to its folder. */
    static List<String> inputs(Path dir) throws IOException {
        Path listed = dir.resolve("inputs.txt");
        if (Files.exists(listed)) {
            return Files.readAllLines(listed).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("expected.txt"))
                    .sorted()
                    .toList();
        }
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> rendered_diagnostics_match_golden_files() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : cases()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                LoadResult result = PolicyLoader.load(dir, inputs(dir));
                String actual = DiagnosticRenderer.human(result.diagnostics(), result.texts());
                Path expectedFile = dir.resolve("expected.txt");
                if (UPDATE) {
                    Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                }
                assertThat(result.ok()).as("a golden case must fail to load").isFalse();
                assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
            }));
        }
        return tests;
    }

    @Test
    void golden_cases_cover_at_least_25_inputs_and_every_kind_of_error() throws IOException {
        List<Path> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        StringBuilder all = new StringBuilder();
        for (Path dir : cases) {
            all.append(Files.readString(dir.resolve("expected.txt")));
        }
        for (String prefix : List.of("error[E0", "error[E1", "error[E2", "error[E3", "error[E4")) {
            assertThat(all.toString()).contains(prefix);
        }
    }
}
