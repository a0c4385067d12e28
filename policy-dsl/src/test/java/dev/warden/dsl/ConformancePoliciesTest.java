package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.core.PolicySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every conformance case's policies load without a diagnostic, and survive both writers with every decision. */
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
            PolicySet set = r.orElseThrow();
            PolicySet again = BirdJson.read("x.json", BirdJson.write(set)).orElseThrow();
            if (splitsWhenWritten(set)) {
                // a condition that is neither one conjunction nor single clauses is written as one
                // definition per conjunction: another set, with the same decisions
                assertSameDecisions(file.getParent().resolve("requests.jsonl"), set, again);
            } else {
                assertThat(again).as(file.toString()).isEqualTo(set);
            }
            PolicySet fromText = PolicyLoader.loadTexts(Map.of("x.policy", PolicyWriter.write(set))).orElseThrow();
            assertThat(fromText).as("written in the policy language: " + file).isEqualTo(set);
        }
    }

    private static boolean splitsWhenWritten(PolicySet set) {
        return set.policies().stream().flatMap(p -> p.statements().stream()).flatMap(s -> s.condition().stream())
                .anyMatch(c -> c.anyOf().size() > 1 && c.anyOf().stream().anyMatch(k -> k.allOf().size() > 1));
    }

    private static void assertSameDecisions(Path requests, PolicySet a, PolicySet b) throws IOException {
        Authorizer x = Authorizer.builder().noCache().build(a);
        Authorizer y = Authorizer.builder().noCache().build(b);
        List<String> lines = Files.readAllLines(requests);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            if (BatchFormat.read(line) instanceof BatchFormat.Line.Valid v) {
                assertThat(y.decide(v.request()).reason()).as(line).isEqualTo(x.decide(v.request()).reason());
            }
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
