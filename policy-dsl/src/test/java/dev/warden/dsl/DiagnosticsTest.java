package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.SourceLocation;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The human and JSON renderings, and the codes' documentation. */
class DiagnosticsTest {
    private static Diagnostic at(String line, int column, int length, String hint) {
        return new Diagnostic(Severity.ERROR, "E103", new SourceLocation("p.policy", 12, column), length,
                "unknown action `veiw`", hint, line);
    }

    @Test
    void render_showsCodeLocationSourceLineCaretAndHint_alignedToTheLineNumber() {
        String text = Diagnostics.render(at("    allow veiw on /a", 11, 4, "did you mean `view`?"));
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
        String text = Diagnostics.render(at("\tallow veiw on /a", 8, 4, ""));
        assertThat(text).contains("12 | \tallow veiw on /a\n   | \t      ^^^^\n");
    }

    @Test
    void render_countsCharactersNotUtf16Units() {
        String text = Diagnostics.render(at("policy \"🙂\" { allow veiw on /a }", 20, 4, ""));
        assertThat(text).contains("   |                    ^^^^\n");
    }

    @Test
    void render_showsAWindowOfALongLine_withTheCaretInIt() {
        String line = "x".repeat(500) + "veiw" + "y".repeat(500);
        String text = Diagnostics.render(at(line, 501, 4, ""));
        String[] lines = text.split("\n");
        assertThat(lines[3]).startsWith("12 | ...").endsWith("...").hasSizeLessThan(180);
        int caret = lines[4].indexOf('^');
        assertThat(lines[3].substring(caret, caret + 4)).isEqualTo("veiw");
    }

    @Test
    void render_withoutASourceLine_showsOnlyTheLocation() {
        Diagnostic d = SourceText.fileError("missing.policy", "E401", "cannot find `missing.policy`", "");
        assertThat(Diagnostics.render(d)).isEqualTo("error[E401]: cannot find `missing.policy`\n --> missing.policy:1:1\n");
    }

    @Test
    void render_ofSeveral_separatesThemWithAnEmptyLine() {
        Diagnostic d = at("a", 1, 1, "");
        assertThat(Diagnostics.render(List.of(d, d))).isEqualTo(Diagnostics.render(d) + "\n" + Diagnostics.render(d) + "\n");
    }

    @Test
    void renderJson_givesEveryField() throws IOException {
        JsonNode json = new ObjectMapper().readTree(Diagnostics.renderJson(List.of(at("  allow veiw", 9, 4, "h"))));
        assertThat(json.isArray()).isTrue();
        JsonNode d = json.get(0);
        assertThat(d.get("severity").asText()).isEqualTo("error");
        assertThat(d.get("code").asText()).isEqualTo("E103");
        assertThat(d.get("file").asText()).isEqualTo("p.policy");
        assertThat(d.get("line").asInt()).isEqualTo(12);
        assertThat(d.get("column").asInt()).isEqualTo(9);
        assertThat(d.get("length").asInt()).isEqualTo(4);
        assertThat(d.get("message").asText()).isEqualTo("unknown action `veiw`");
        assertThat(d.get("hint").asText()).isEqualTo("h");
    }

    @Test
    void renderJson_ofNothing_isAnEmptyArray() throws IOException {
        assertThat(new ObjectMapper().readTree(Diagnostics.renderJson(List.of())).size()).isZero();
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
