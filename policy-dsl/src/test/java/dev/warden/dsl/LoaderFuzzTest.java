package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.core.PolicySet;
import dev.warden.core.diagnostic.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fuzzes the two readers behind {@link PolicyLoader#loadTexts}: the policy language and Bird JSON.
 * Any text ends in a policy set or in diagnostics with codes, never in an exception or a hang; the
 * diagnostics point into the file and render as text and JSON; a set that loads writes back out in
 * both formats to an equal set, and (policy language) formats to a text that loads to an equal set
 * and formats to itself.
 *
 * <p>The default test run replays {@code src/test/resources/dev/warden/dsl/LoaderFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/reliability.md, "Fuzzing").
 */
class LoaderFuzzTest {
    private static final Pattern CODE = Pattern.compile("[EW][0-9]{3}");

    @DictionaryEntries({"policy", "role", "policies", "actions", "allow", "deny", "on", "any", "when", "{", "}",
        ", ", ";", "\"", "\\", "#", "/**", "/*", "${principal.", "${principal.id}"})
    @FuzzTest(maxDuration = "5m")
    void policyLanguage(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        LoadResult result = load("fuzz.policy", text);
        if (result.ok()) {
            FormatResult formatted = PolicyFormatter.format("fuzz.policy", text);
            assertThat(formatted.ok()).as("a text that loads formats: %s", formatted.diagnostics()).isTrue();
            String canonical = formatted.formatted().orElseThrow();
            LoadResult again = PolicyLoader.loadTexts(Map.of("fuzz.policy", canonical));
            assertThat(again.policySet()).as("formatted:%n%s", canonical).isEqualTo(result.policySet());
            assertThat(PolicyFormatter.format("fuzz.policy", canonical).formatted())
                    .as("formatting is idempotent:%n%s", canonical).contains(canonical);
        }
    }

    @DictionaryEntries({"\"name\"", "\"description\"", "\"definitions\"", "\"effect\"", "\"actions\"",
        "\"resources\"", "\"policies\"", "\"results\"", "\"conditionsAll\"", "\"allow\"", "\"deny\"", "[", "]",
        "{", "}", ":", ",", "null", "true", "1e999", "\\u0000", "\"/**\""})
    @FuzzTest(maxDuration = "5m")
    void birdJson(byte[] input) {
        load("fuzz.json", new String(input, StandardCharsets.UTF_8));
    }

    /** Loads one file and checks what any load must satisfy. */
    private static LoadResult load(String file, String text) {
        LoadResult result = PolicyLoader.loadTexts(Map.of(file, text));
        assertThat(result.ok()).isEqualTo(result.errors().isEmpty());
        assertThat(result.policySet().isPresent()).as("a set exactly when there is no error").isEqualTo(result.ok());
        long lines = text.lines().count() + 1;
        for (Diagnostic d : result.diagnostics()) {
            assertThat(d.code()).as("code of %s", d).matches(CODE);
            assertThat(d.message()).as("message of %s", d).isNotBlank();
            assertThat(d.location().orElseThrow().file()).isEqualTo(file);
            assertThat((long) d.location().orElseThrow().line()).as("line of %s", d).isBetween(0L, lines);
        }
        assertThat(DiagnosticRenderer.human(result.diagnostics(), result.texts())).isNotNull();
        assertThat(DiagnosticRenderer.json(result.diagnostics())).isNotNull();
        if (result.ok()) {
            PolicySet set = result.orElseThrow();
            String dsl = PolicyWriter.write(set);
            assertThat(PolicyLoader.loadTexts(Map.of("again.policy", dsl)).policySet())
                    .as("written as the policy language:%n%s", dsl).contains(set);
            String json = BirdJson.write(set);
            assertThat(PolicyLoader.loadTexts(Map.of("again.json", json)).policySet())
                    .as("written as Bird JSON:%n%s", json).contains(set);
        }
        return result;
    }
}
