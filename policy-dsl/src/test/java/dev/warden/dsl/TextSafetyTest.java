package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text-safety rule: a policy file reads the same to a reviewer as to the parser. Characters
 * that an editor shows as a line break where the parser sees none, or that reorder or hide text,
 * are load errors ({@code E005}) anywhere in a {@code .policy} or {@code .wtest} file, for every
 * reader of such text: the loader, the formatter and the test-file reader.
 */
class TextSafetyTest {
    /** Every forbidden code point of the rule, one or more of each kind. */
    private static final int[] FORBIDDEN = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B,
        0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
        0x2069};

    private static LoadResult load(String text) {
        return PolicyLoader.loadTexts(Map.of("t.policy", text));
    }

    private static String hiding(int c) {
        return "policy p {\n    allow view on /a\n    # note" + Character.toString(c) + " deny view on /a/b\n}\n";
    }

    @Test
    void everyForbiddenCharacter_inAComment_isALoadErrorAtItsLineAndColumn() {
        for (int c : FORBIDDEN) {
            LoadResult r = load(hiding(c));
            assertThat(r.ok()).as("U+%04X", c).isFalse();
            assertThat(r.diagnostics()).as("U+%04X", c).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("E005");
                assertThat(d.location().orElseThrow()).hasToString("t.policy:3:11");
                assertThat(d.message()).isEqualTo(TextSafety.describe(c) + " is not allowed in a policy file")
                        .contains(String.format("U+%04X", c));
                assertThat(d.hint()).isNotEmpty();
            });
        }
    }

    @Test
    void lineSeparator_hidingADenyInAComment_isNamedByItsCodePoint() {
        LoadResult r = load("# note\u2028 deny view on /a/b\n");
        assertThat(r.ok()).isFalse();
        assertThat(r.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("line separator U+2028 is not allowed in a policy file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy \"a\u202Eb\" { }\n", "policy p \"read\u2066all\" { }\n",
        "policy p { allow view on /a\u200F }\n", "policy p { allow view on \"/a\u0085\" }\n", "actions a\u0001b\n",
        "policy p\u000C{ }\n", "role r { policies p\u2029 }\n"})
    void forbiddenCharacter_inNamesStringsPatternsAndBlanks_isALoadError(String text) {
        LoadResult r = load(text);
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E005");
    }

    @Test
    void allowedText_tabsCrlfNonAsciiAndJoiners_loads() {
        // tab, CRLF, letters of any script, emoji with a zero-width joiner, a no-break space: all read as shown
        String text = "# caf\u00e9 \u05e9\u05dc\u05d5\u05dd \uD83D\uDC69\u200D\uD83D\uDCBB\u00a0\r\n"
                + "policy \"\u05e9\u05dc\u05d5\u05dd\" {\r\n\tallow view on /a\r\n}\r\n";
        assertThat(load(text).ok()).isTrue();
        assertThat(load("\uFEFFpolicy p { }\n").ok()).as("a leading byte order mark").isTrue();
    }

    @Test
    void loneCarriageReturn_isALoadError_butCrlfIsALineEnd() {
        LoadResult r = load("policy p {\r\n    allow view on /a # note\rallow any on /**\r\n}\r");
        assertThat(r.diagnostics()).extracting(d -> d.code() + " " + d.location().orElseThrow()).containsExactly(
                "E005 t.policy:2:28", "E005 t.policy:3:2");
        assertThat(r.diagnostics().get(0).message())
                .isEqualTo("carriage return U+000D that does not end a line is not allowed in a policy file");
    }

    @Test
    void columns_countCodePoints_asTheOtherDiagnosticsDo() {
        // an astral character is two UTF-16 units and one column, for this rule as for patterns
        LoadResult r = load("policy p \"\uD83D\uDE42\u202E\" { allow view on /\uD83D\uDE42 }\n");
        assertThat(r.diagnostics()).extracting(d -> d.location().orElseThrow().toString()).containsExactly("t.policy:1:12");
        LoadResult pattern = load("policy p \"\uD83D\uDE42\" { allow view on /\uD83D\uDE42 }\n");
        assertThat(pattern.diagnostics()).extracting(d -> d.code() + " " + d.location().orElseThrow())
                .containsExactly("E110 t.policy:1:31");
        LoadResult later = load("\n\n  \uD83D\uDE42 x\u2028\n");
        assertThat(later.diagnostics()).extracting(d -> d.location().orElseThrow().toString()).containsExactly("t.policy:3:6");
    }

    @Test
    void everyForbiddenCharacter_isReported_upToTheLimitOfErrorsPerFile() {
        LoadResult few = load("# \u202E\u202E\n# \u2066\n");
        assertThat(few.diagnostics()).extracting(d -> d.location().orElseThrow().toString())
                .containsExactly("t.policy:1:3", "t.policy:1:4", "t.policy:2:3");
        LoadResult many = load("# " + "\u2028".repeat(100_000) + "\n");
        assertThat(many.diagnostics()).hasSize(Limits.MAX_ERRORS_PER_FILE + 1);
        assertThat(many.diagnostics().get(Limits.MAX_ERRORS_PER_FILE).code()).isEqualTo("E099");
    }

    @Test
    void aFileWithAForbiddenCharacter_isNotParsedFurther_otherFilesAreChecked() {
        LoadResult r = PolicyLoader.loadTexts(Map.of("a.policy", "policy p { allow veiw on /a } # \u202E\n",
                "b.policy", "policy q { allow veiw on /a }\n"));
        assertThat(r.diagnostics()).extracting(d -> d.code() + " " + d.location().orElseThrow().file())
                .containsExactly("E005 a.policy", "E103 b.policy");
    }

    @Test
    void formatter_refusesTheFile_withTheSameDiagnostics() {
        FormatResult r = PolicyFormatter.format("f.policy", hiding(0x2028));
        assertThat(r.ok()).isFalse();
        assertThat(r.formatted()).isEmpty();
        assertThat(r.diagnostics()).extracting(d -> d.code() + " " + d.location().orElseThrow()).containsExactly("E005 f.policy:3:11");
    }

    @Test
    void escapedCharacters_inDescriptions_areAllowed_andStayEscapedThroughFormatterAndWriter() {
        String text = "policy p \"a\\u2028b\\u202Ec\\u0085d\\u200Fe\" {\n}\n";
        assertThat(load(text).orElseThrow().policy("p").orElseThrow().description()).isEqualTo("a\u2028b\u202Ec\u0085d\u200Fe");
        FormatResult r = PolicyFormatter.format("f.policy", text);
        assertThat(r.formatted()).contains("policy p \"a\\u2028b\\u202Ec\\u0085d\\u200Fe\" {\n}\n");
        String written = PolicyWriter.write(load(text).orElseThrow());
        assertThat(written).contains("\\u2028b\\u202Ec\\u0085d\\u200Fe");
        assertThat(load(written).orElseThrow()).isEqualTo(load(text).orElseThrow());
    }

    @Test
    void escapedCharacters_inNames_areInvalidNames_inBothFormats() {
        assertThat(load("policy \"admin\\u202E\" { }\n").diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("E102");
            assertThat(d.message()).isEqualTo("policy name `admin?` holds the right-to-left override U+202E");
        });
        LoadResult json = PolicyLoader.loadTexts(Map.of("t.json", "{\"name\": \"a\u2066b\", \"definitions\": []}"));
        assertThat(json.diagnostics()).extracting(Diagnostic::code).containsExactly("E102");
    }

    @Test
    void testFileReader_refusesTheFile_beforeReadingItsLines() {
        String text = "policies p.policy\n\ntest \"t\" {\n    principal a\n"
                + "    expect allow view /a # note\u2028expect deny delete /a\n}\n";
        PolicyTests.Result r = PolicyTests.read("t.wtest", text);
        assertThat(r.ok()).isFalse();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("E005");
            assertThat(d.location().orElseThrow()).hasToString("t.wtest:5:32");
            assertThat(d.message()).isEqualTo("line separator U+2028 is not allowed in a test file");
        });
        assertThat(PolicyTests.read("t.wtest", text.replace("\u2028", "\n    ")).ok()).isTrue();
    }

    @Test
    void renderedSourceLine_showsForbiddenCharactersAsQuestionMarks_oneForOne() {
        LoadResult r = load("# a\u202Eb\u2028c\n");
        String rendered = DiagnosticRenderer.human(r.diagnostics(), r.texts());
        assertThat(rendered).doesNotContain("\u202E").doesNotContain("\u2028").contains("1 | # a?b?c\n  |    ^\n");
    }

    @Test
    void writerQuote_escapesEveryForbiddenCharacter() {
        List<String> raw = new ArrayList<>();
        for (int c : FORBIDDEN) {
            String quoted = StringLiteral.quote("x" + Character.toString(c));
            assertThat(TextSafety.check(new SourceText("q", quoted), quoted, "a policy file")).as("U+%04X", c).isTrue();
            raw.add(quoted);
        }
        assertThat(raw).contains("\"x\\u2028\"", "\"x\\u202E\"", "\"x\\u0085\"", "\"x\\u000C\"");
    }
}
