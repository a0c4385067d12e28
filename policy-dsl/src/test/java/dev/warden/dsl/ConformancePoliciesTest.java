package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every conformance case's policies load without a diagnostic, and survive both writers. */
class ConformancePoliciesTest {
    private static final Path CONFORMANCE = Path.of("../conformance");

    @Test
    void everyConformancePolicyFile_loadsWithoutDiagnostics() throws IOException {
        List<Path> files;
        try (Stream<Path> cases = Files.list(CONFORMANCE)) {
            files = cases.filter(Files::isDirectory).sorted()
                    .flatMap(dir -> Stream.of(dir.resolve("policies.policy"), dir.resolve("policies.json")))
                    .filter(Files::exists)
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : files) {
            LoadResult r = PolicyLoader.load(List.of(file));
            assertThat(r.diagnostics()).as(file.toString()).isEmpty();
            assertThat(r.files()).containsExactly(file.toString());
            assertThat(BirdJson.read("x.json", BirdJson.write(r.orElseThrow())).orElseThrow()).isEqualTo(r.orElseThrow());
        }
    }

    @Test
    void aConformanceDirectory_loadsItsPolicyFileAndIgnoresTheRest() {
        LoadResult r = PolicyLoader.load(List.of(CONFORMANCE.resolve("07-actions")));
        assertThat(r.files()).containsExactly("../conformance/07-actions/policies.policy");
        assertThat(r.orElseThrow().declaredActions()).containsExactly("approve", "export");
        assertThat(r.orElseThrow().sources().statement("approver", 0).orElseThrow().toString()).isEqualTo("../conformance/07-actions/policies.policy:4:5");
    }
}
