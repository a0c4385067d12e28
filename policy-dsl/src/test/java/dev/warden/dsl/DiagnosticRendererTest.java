package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.DiagnosticCode;
import dev.warden.core.diagnostic.Related;
import dev.warden.core.diagnostic.Severity;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The human, JSON and SARIF renderings, and the codes' documentation. */
class DiagnosticRendererTest {
    private static Diagnostic at(int column, int length, String hint) {
        return Diagnostic.error("E103", new SourceLocation("p.policy", 12, column, length), "unknown action `veiw`")
                .withHint(hint);
    }

    /** The texts of a load whose file {@code p.policy} has {@code line} as its line 12. */
    private static Map<String, String> texts(String line) {
        return Map.of("p.policy", "\n".repeat(11) + line + "\n");
    }

    private static String render(String line, int column, int length, String hint) {
        return DiagnosticRenderer.human(at(column, length, hint), texts(line));
    }

    @Test
    void render_showsCodeLocationSourceLineCaretAndHint_alignedToTheLineNumber() {
        String text = render("    allow veiw on /a", 11, 4, "did you mean `view`?");
        assertThat(text).isEqualTo("""
                error[E103]: unknown action `veiw`
                  --> p.policy:12:11
                   |
                12 |     allow veiw on /a
                   |           ^^^^
                   = hint: did you mean `view`?
                """);
    }

    @Test
    void render_keepsTabsBeforeTheCaret_soItAlignsUnderTheToken() {
        String text = render("\tallow veiw on /a", 8, 4, "");
        assertThat(text).contains("12 | \tallow veiw on /a\n   | \t      ^^^^\n");
    }

    @Test
    void render_countsCharactersNotUtf16Units() {
        String text = render("policy \"🙂\" { allow veiw on /a }", 20, 4, "");
        assertThat(text).contains("   |                    ^^^^\n");
    }

    @Test
    void render_showsAWindowOfALongLine_withTheCaretInIt() {
        String line = "x".repeat(500) + "veiw" + "y".repeat(500);
        String text = render(line, 501, 4, "");
        String[] lines = text.split("\n");
        assertThat(lines[3]).startsWith("12 | ...").endsWith("...").hasSizeLessThan(180);
        int caret = lines[4].indexOf('^');
        assertThat(lines[3].substring(caret, caret + 4)).isEqualTo("veiw");
    }

    @Test
    void render_withoutASourceLine_showsOnlyTheLocation() {
        Diagnostic d = SourceText.fileError("missing.policy", "E401", "cannot find `missing.policy`", "");
        assertThat(DiagnosticRenderer.human(d, Map.of("missing.policy", "text")))
                .isEqualTo("error[E401]: cannot find `missing.policy`\n --> missing.policy:1:1\n");
    }

    @Test
    void render_ofAFileThatWasNotLoaded_showsOnlyTheLocation() {
        assertThat(DiagnosticRenderer.human(at(11, 4, ""), Map.of()))
                .isEqualTo("error[E103]: unknown action `veiw`\n  --> p.policy:12:11\n");
    }

    @Test
    void render_pastTheEndOfTheText_showsOnlyTheLocation() {
        assertThat(DiagnosticRenderer.human(at(11, 4, ""), Map.of("p.policy", "one line\n")))
                .isEqualTo("error[E103]: unknown action `veiw`\n  --> p.policy:12:11\n");
    }

    @Test
    void render_withAName_putsItAfterTheMessage_andWithoutAPlace_showsNoArrow() {
        Diagnostic d = new Diagnostic(Severity.WARNING, "W005", Optional.of("empty-role"), Optional.empty(),
                "role `r` names no policy", Optional.of("add policies"), List.of(), true);
        assertThat(DiagnosticRenderer.human(d, Map.of()))
                .isEqualTo("warning[W005]: role `r` names no policy [empty-role]\n = hint: add policies\n");
    }

    @Test
    void render_ofSeveral_separatesThemWithAnEmptyLine() {
        Diagnostic d = at(1, 1, "");
        Map<String, String> texts = texts("a");
        assertThat(DiagnosticRenderer.human(List.of(d, d), texts))
                .isEqualTo(DiagnosticRenderer.human(d, texts) + "\n" + DiagnosticRenderer.human(d, texts) + "\n");
    }

    @Test
    void json_givesEveryField() throws IOException {
        Diagnostic d = at(9, 4, "h").withName("a-name")
                .withRelated(List.of(new Related(new SourceLocation("q.policy", 2, 5), "the other one")));
        JsonNode json = new ObjectMapper().readTree(DiagnosticRenderer.json(List.of(d)));
        assertThat(json.isObject()).isTrue();
        JsonNode o = json.get("diagnostics").get(0);
        assertThat(o.get("severity").asText()).isEqualTo("error");
        assertThat(o.get("code").asText()).isEqualTo("E103");
        assertThat(o.get("name").asText()).isEqualTo("a-name");
        assertThat(o.get("message").asText()).isEqualTo("unknown action `veiw`");
        assertThat(o.get("hint").asText()).isEqualTo("h");
        JsonNode at = o.get("location");
        assertThat(at.get("file").asText()).isEqualTo("p.policy");
        assertThat(at.get("line").asInt()).isEqualTo(12);
        assertThat(at.get("column").asInt()).isEqualTo(9);
        assertThat(at.get("length").asInt()).isEqualTo(4);
        JsonNode related = o.get("related").get(0);
        assertThat(related.get("message").asText()).isEqualTo("the other one");
        assertThat(related.get("location").get("file").asText()).isEqualTo("q.policy");
        assertThat(related.get("location").get("line").asInt()).isEqualTo(2);
    }

    @Test
    void json_leavesOutWhatADiagnosticDoesNotHave() throws IOException {
        Diagnostic d = new Diagnostic(Severity.INFO, "I002", Optional.empty(), Optional.empty(), "m", Optional.empty(),
                List.of(), true);
        JsonNode o = new ObjectMapper().readTree(DiagnosticRenderer.json(List.of(d))).get("diagnostics").get(0);
        assertThat(o.has("name")).isFalse();
        assertThat(o.has("hint")).isFalse();
        assertThat(o.has("location")).isFalse();
        assertThat(o.get("related").size()).isZero();
    }

    @Test
    void json_ofNothing_isAnEmptyList() throws IOException {
        assertThat(new ObjectMapper().readTree(DiagnosticRenderer.json(List.of())).get("diagnostics").size()).isZero();
    }

    @Test
    void sarif_describesEveryCodeItUses_andPutsNameAndHintInTheText() throws IOException {
        Diagnostic lint = at(9, 4, "h").withName("a-name");
        Diagnostic load = Diagnostic.error("E401", new SourceLocation("x\\y.policy", 1, 1), "cannot find `x`");
        JsonNode log = new ObjectMapper().readTree(DiagnosticRenderer.sarif(
                new DiagnosticRenderer.SarifRun("1.2.3", Path.of("")),
                List.of(new DiagnosticCode("E103", "a-name", Severity.WARNING, "d")), List.of(lint, load)));
        JsonNode run = log.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("semanticVersion").asText()).isEqualTo("1.2.3");
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules.get(0).get("id").asText()).isEqualTo("E103");
        assertThat(rules.get(0).get("defaultConfiguration").get("level").asText()).isEqualTo("warning");
        assertThat(rules.get(1).get("id").asText()).isEqualTo("E401");
        assertThat(rules.get(1).get("name").asText()).isEqualTo("load-error");
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("message").get("text").asText()).isEqualTo("unknown action `veiw` [a-name] (h)");
        assertThat(run.get("results").get(1).get("locations").get(0).get("physicalLocation").get("artifactLocation")
                .get("uri").asText()).isEqualTo("x/y.policy");
    }

    @Test
    void sarif_givesUrisRelativeToTheRoot_percentEncoded_withTheRegionTheLocationSpans() throws IOException {
        Path root = Path.of("repo").toAbsolutePath();
        Diagnostic d = Diagnostic.error("E401", new SourceLocation(root.resolve("a b/ü#1.policy").toString(), 3, 5, 4), "m");
        Diagnostic outside = Diagnostic.error("E401", new SourceLocation(Path.of("/elsewhere/x.policy").toString(), 1, 1), "m");
        JsonNode run = new ObjectMapper().readTree(DiagnosticRenderer.sarif(new DiagnosticRenderer.SarifRun("1", root),
                List.of(), List.of(d, outside))).get("runs").get(0);
        JsonNode physical = run.get("results").get(0).get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("a%20b/%C3%BC%231.policy");
        assertThat(physical.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(physical.get("region").toString())
                .isEqualTo("{\"startLine\":3,\"startColumn\":5,\"endLine\":3,\"endColumn\":9}");
        JsonNode other = run.get("results").get(1).get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertThat(other.get("uri").asText()).isEqualTo("file:///elsewhere/x.policy");
        assertThat(other.has("uriBaseId")).isFalse();
        assertThat(run.get("originalUriBaseIds").has("%SRCROOT%")).isTrue();
    }

    @Test
    void sarif_pointsEachRuleAtItsPlaceInTheDocs() throws IOException {
        JsonNode driver = new ObjectMapper().readTree(DiagnosticRenderer.sarif(new DiagnosticRenderer.SarifRun("1", Path.of("")),
                List.of(new DiagnosticCode("W001", "redundant-statement", Severity.WARNING, "d")), List.of()))
                .get("runs").get(0).get("tool").get("driver");
        assertThat(driver.get("informationUri").asText()).isEqualTo("https://github.com/warden-dev/warden");
        JsonNode rule = driver.get("rules").get(0);
        assertThat(rule.get("helpUri").asText())
                .isEqualTo("https://github.com/warden-dev/warden/blob/main/docs/ci.md#w001-redundant-statement");
        assertThat(rule.get("help").get("markdown").asText()).startsWith("**W001 redundant-statement** (warning): d");
    }

    @Test
    void everyCode_isDocumentedInTheLanguageReference() throws Exception {
        String doc = Files.readString(Path.of("../docs/language.md"));
        for (Field f : Codes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                f.setAccessible(true);
                assertThat(doc).as(f.getName()).contains("| `" + f.get(null) + "` |");
            }
        }
    }

    @Test
    void messages_areLowerCaseWithoutAFinalPeriod() {
        LoadResult r = PolicyLoader.loadTexts(Map.of("t.policy", "policy p { allow veiw on a }\nrole r { policies q }\n"));
        assertThat(r.diagnostics()).hasSize(3).allSatisfy(d -> {
            assertThat(Character.isUpperCase(d.message().charAt(0))).isFalse();
            assertThat(d.message()).doesNotEndWith(".");
        });
    }
}
