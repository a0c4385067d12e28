package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Explanation;
import dev.warden.core.Explanation.Outcome;
import dev.warden.core.Explanation.StatementReport;
import dev.warden.core.MatchedStatement;
import dev.warden.core.PolicySet;
import dev.warden.core.Reason;
import dev.warden.core.SourceLocation;
import dev.warden.dsl.BatchFormat;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case folder of the project's {@code conformance/} (see its README), each run three ways:
 * through {@code warden eval} in-process (stdin to stdout), through the Java API (the loader, one
 * cached {@link Authorizer} and this module's request reader), and through {@code explain}'s
 * analysis, which must imply the same reason and the same deciding statements as the authorizer.
 * A case passes when every line's {@code decision} and {@code reason} equal {@code expected.jsonl}.
 */
class ConformanceTest {
    private static final Path CASES = Path.of("..", "conformance");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A case folder: its policies, its requests and the expected decision of each. */
    record Case(String name, Path policies, List<String> requests, List<String> expected) {
        static Case read(Path dir) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> policies = files
                        .filter(f -> f.getFileName().toString().startsWith("policies."))
                        .sorted()
                        .toList();
                assertThat(policies).as("the policies file of %s", dir).hasSize(1);
                return new Case(dir.getFileName().toString(), policies.get(0),
                        lines(dir.resolve("requests.jsonl")), lines(dir.resolve("expected.jsonl")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static List<Case> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            List<Case> cases = dirs.filter(Files::isDirectory).sorted().map(Case::read).toList();
            assertThat(cases).as("conformance cases in %s", CASES.toAbsolutePath()).isNotEmpty();
            return cases;
        }
    }

    @TestFactory
    Stream<DynamicNode> everyCase() throws IOException {
        return cases().stream().map(c -> dynamicContainer(c.name(), Stream.of(
                dynamicTest("through warden eval", () -> throughEval(c)),
                dynamicTest("through the Java API", () -> throughApi(c)),
                dynamicTest("explain agrees with the authorizer", () -> explainAgrees(c)))));
    }

    private static void throughEval(Case c) {
        CliRun r = CliRun.withInput(String.join("\n", c.requests()) + "\n", "eval", "--policies", c.policies().toString());

        assertThat(r.err()).as("stderr").isEmpty();
        assertThat(r.exitCode()).isZero();
        List<String> out = r.out().lines().toList();
        assertSameDecisions(c, out);
    }

    private static void throughApi(Case c) throws IOException {
        Authorizer authorizer = Authorizer.of(load(c));
        List<String> out = new ArrayList<>();
        for (String line : c.requests()) {
            out.add(BatchFormat.write(BatchFormat.read(line).decide(authorizer)));
        }
        assertSameDecisions(c, out);
    }

    private static void explainAgrees(Case c) {
        PolicySet set = load(c);
        Authorizer authorizer = Authorizer.builder().noCache().build(set);
        for (int i = 0; i < c.requests().size(); i++) {
            if (!(BatchFormat.read(c.requests().get(i)) instanceof BatchFormat.Line.Valid valid)) {
                continue;
            }
            Explanation e = Explanation.of(authorizer, valid.request());
            Decision d = e.decision();
            assertThat(e.impliedReason()).as("line %d: %s", i + 1, c.requests().get(i)).isEqualTo(d.reason());
            if (d.reason() == Reason.ALLOWED || d.reason() == Reason.EXPLICIT_DENY) {
                Effect effect = d.reason() == Reason.ALLOWED ? Effect.ALLOW : Effect.DENY;
                List<Optional<SourceLocation>> explained = e.with(Outcome.MATCHES).stream()
                        .filter(s -> s.statement().effect() == effect)
                        .map(StatementReport::source)
                        .toList();
                assertThat(d.matched()).as("line %d: deciding statements", i + 1)
                        .extracting(MatchedStatement::source)
                        .containsExactlyInAnyOrderElementsOf(explained);
            }
        }
    }

    private static PolicySet load(Case c) {
        LoadResult result = PolicyLoader.load(List.of(c.policies()));
        assertThat(result.ok()).as(DiagnosticRenderer.human(result.diagnostics(), result.texts())).isTrue();
        return result.orElseThrow();
    }

    private static void assertSameDecisions(Case c, List<String> out) {
        assertThat(out).as("one decision per request").hasSize(c.requests().size());
        assertThat(c.expected()).as("one expectation per request").hasSize(c.requests().size());
        for (int i = 0; i < out.size(); i++) {
            JsonNode actual = json(out.get(i));
            JsonNode expected = json(c.expected().get(i));
            assertThat(actual.path("decision").asText() + " " + actual.path("reason").asText())
                    .as("%s line %d: %s%n  got %s", c.name(), i + 1, c.requests().get(i), out.get(i))
                    .isEqualTo(expected.path("decision").asText() + " " + expected.path("reason").asText());
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
