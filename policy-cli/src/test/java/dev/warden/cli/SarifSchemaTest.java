package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.warden.analysis.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SARIF logs of {@code lint} and {@code diff} are valid SARIF 2.1.0: validated against the
 * OASIS schema kept in {@code src/test/resources/sarif} (see the README there), and every rule's
 * help URI points at a heading that exists in docs/ci.md.
 */
class SarifSchemaTest {
    private static final String INPUTS = "src/test/resources/golden/inputs/";
    private static Schema schema;

    @BeforeAll
    static void readSchema() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/sarif/sarif-schema-2.1.0.json"), StandardCharsets.UTF_8);
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(text, InputFormat.JSON);
    }

    private static JsonNode valid(CliRun r) throws IOException {
        List<Error> errors = schema.validate(r.out(), InputFormat.JSON);
        assertThat(errors).as("schema errors of %s", r.out()).isEmpty();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void lintSarif_withFindings_isValidSarif() throws IOException {
        JsonNode log = valid(CliRun.of("lint", "--format", "sarif", INPUTS + "lint/W001-yes.policy", INPUTS + "lint/W003-yes.policy"));
        assertThat(log.get("runs").get(0).get("results").size()).isPositive();
    }

    @Test
    void lintSarif_withLoadErrors_isValidSarif() throws IOException {
        JsonNode log = valid(CliRun.of("lint", "--format", "sarif", INPUTS + "broken.policy"));
        assertThat(log.get("runs").get(0).get("results").get(0).get("ruleId").asText()).startsWith("E");
    }

    @Test
    void lintSarif_withSuppressions_isValidSarif_andMarksEachSuppression() throws IOException {
        JsonNode log = valid(CliRun.of("lint", "--format", "sarif", "--baseline", INPUTS + "suppress/baseline.json",
                INPUTS + "suppress/inline.policy", INPUTS + "lint/I002-yes.policy"));
        List<String> kinds = new java.util.ArrayList<>();
        log.get("runs").get(0).get("results").forEach(r -> kinds.add(r.path("suppressions").path(0).path("kind").asText("none")));
        // the baseline's entry for W004-yes.policy, which is not linted here, is unused (W010, in the baseline file)
        assertThat(kinds).containsExactly("external", "none", "inSource", "inSource");
    }

    @Test
    void diffSarif_isValidSarif() throws IOException {
        JsonNode log = valid(CliRun.of("diff", "--format", "sarif", INPUTS + "diff/old", INPUTS + "diff/new"));
        assertThat(log.get("runs").get(0).get("results").size()).isPositive();
    }

    @Test
    void sarifRoot_makesUrisRelativeToIt() throws IOException {
        JsonNode log = valid(CliRun.of("lint", "--format", "sarif", "--sarif-root", INPUTS, INPUTS + "lint/W003-yes.policy"));
        JsonNode artifact = log.get("runs").get(0).get("results").get(0).get("locations").get(0)
                .get("physicalLocation").get("artifactLocation");
        assertThat(artifact.get("uri").asText()).isEqualTo("lint/W003-yes.policy");
        assertThat(artifact.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
    }

    @Test
    void everyRulesHelpUri_pointsAtAHeadingOfTheCiDocs() throws IOException {
        Set<String> anchors = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "ci.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                anchors.add(slug(line.replaceFirst("^#+\\s*", "")));
            }
        }
        JsonNode rules = valid(CliRun.of("lint", "--format", "sarif", INPUTS + "lint/W001-yes.policy"))
                .get("runs").get(0).get("tool").get("driver").get("rules");
        assertThat(rules.size()).isEqualTo(Rule.values().length);
        for (JsonNode rule : rules) {
            String uri = rule.get("helpUri").asText();
            assertThat(uri).startsWith("https://github.com/warden-dev/warden/blob/main/docs/ci.md#");
            assertThat(anchors).as("docs/ci.md's headings").contains(uri.substring(uri.indexOf('#') + 1));
        }
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
