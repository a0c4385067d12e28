package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dsl.StringLiteral.BadEscape;
import dev.warden.dsl.StringLiteral.Decoded;
import dev.warden.dsl.StringLiteral.Escapes;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The string codec: each escape, each bad one with its offset and message, where a literal ends,
 * and decoding what {@link StringLiteral#quote} writes giving the value back (random strings,
 * seeded: a failure names its seed).
 */
class StringLiteralTest {
    private static Decoded policy(String raw) {
        return StringLiteral.decode(raw, Escapes.POLICY);
    }

    private static Decoded test(String raw) {
        return StringLiteral.decode(raw, Escapes.TEST);
    }

    @Test
    void everyEscape_decodesToItsCharacter_inPolicyFiles() {
        assertThat(policy("\"a\\\"b\\\\c\\nd\\te\\rf\\u0041\\u00e9\\uD83D\\uDE00\"")).isEqualTo(
                new Decoded("a\"b\\c\nd\te\rfAé\uD83D\uDE00", List.of()));
        assertThat(policy("\"\"").value()).isEmpty();
        assertThat(policy("\"plain 🙂 text\"").value()).isEqualTo("plain 🙂 text");
    }

    @Test
    void testFileEscapes_areTheFirstFour_andTheOthersAreBad() {
        assertThat(test("\"a\\\"b\\\\c\\nd\\te\"")).isEqualTo(new Decoded("a\"b\\c\nd\te", List.of()));
        assertThat(test("\"\\r\"").bad()).containsExactly(new BadEscape(1, "\\r"));
        assertThat(test("\"x\\u0041\"").bad()).containsExactly(new BadEscape(2, "\\u"));
    }

    @Test
    void badEscapes_areReportedAtTheirBackslash_andKeptAsWritten() {
        Decoded d = policy("\"a\\qb\\x\"");
        assertThat(d.value()).isEqualTo("a\\qb\\x");
        assertThat(d.bad()).containsExactly(new BadEscape(2, "\\q"), new BadEscape(5, "\\x"));
        assertThat(d.bad().get(0).message()).isEqualTo("unknown escape `\\q` in a string");
        assertThat(d.bad().get(0).width()).isEqualTo(2);
    }

    @Test
    void unicodeEscape_withoutFourHexDigits_isBad_overTheCharactersAfterIt() {
        assertThat(policy("\"\\u12\"")).isEqualTo(new Decoded("\\u12", List.of(new BadEscape(1, "\\u12"))));
        assertThat(policy("\"\\u12g4z\"")).isEqualTo(new Decoded("\\u12g4z", List.of(new BadEscape(1, "\\u12g4"))));
        assertThat(policy("\"ab\\u\"").bad()).containsExactly(new BadEscape(3, "\\u"));
        assertThat(policy("\"\\u1\\\"a\"").bad()).containsExactly(new BadEscape(1, "\\u1\\\"a"));
        // the escape took the first backslash of `\\`: the second escapes the closing quote, as the reader always read it
        assertThat(policy("\"\\u2bf\\\\\"").value()).isEqualTo("\\u2bf\\\"");
    }

    @Test
    void badEscape_ofACharacterOutsideTheBmp_takesTheWholeCharacter() {
        Decoded d = policy("\"\\🙂\"");
        assertThat(d.bad()).containsExactly(new BadEscape(1, "\\🙂"));
        assertThat(d.bad().get(0).width()).isEqualTo(2);
        assertThat(d.value()).isEqualTo("\\🙂");
        assertThat(policy("\"\\u123🙂\"").bad()).containsExactly(new BadEscape(1, "\\u123🙂"));
        assertThat(test("\"\\🙂\"").bad().get(0).message()).isEqualTo("unknown escape `\\🙂` in a string");
    }

    @Test
    void hints_listTheEscapesOfEachKindOfFile() {
        assertThat(Escapes.POLICY.hint()).isEqualTo("the escapes are `\\\"`, `\\\\`, `\\n`, `\\t`, `\\r` and `\\uXXXX`");
        assertThat(Escapes.TEST.hint()).isEqualTo("the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`");
    }

    @Test
    void end_isAfterTheClosingQuote_skippingEscapedCharacters() {
        assertThat(StringLiteral.end("x \"ab\" y", 2)).isEqualTo(6);
        assertThat(StringLiteral.end("\"a\\\"b\"c", 0)).isEqualTo(6);
        assertThat(StringLiteral.end("\"a\\\\\"c", 0)).isEqualTo(5);
        assertThat(StringLiteral.end("\"abc", 0)).isEqualTo(-1);
        assertThat(StringLiteral.end("\"abc\\", 0)).isEqualTo(-1);
    }

    @Test
    void unterminated_decodesToTheEnd_aLastBackslashBeingACharacter() {
        assertThat(test("\"ab\\n\\")).isEqualTo(new Decoded("ab\n\\", List.of()));
        assertThat(test("\"a\\qb")).isEqualTo(new Decoded("a\\qb", List.of(new BadEscape(2, "\\q"))));
    }

    @Test
    void writtenOffset_countsEachEscapeAsOneCharacterOfTheValue() {
        String raw = "\"a\\nb\\u00e9c\"";
        assertThat(StringLiteral.writtenOffset(raw, 0)).isEqualTo(1);
        assertThat(StringLiteral.writtenOffset(raw, 1)).isEqualTo(2);
        assertThat(StringLiteral.writtenOffset(raw, 2)).isEqualTo(4);
        assertThat(StringLiteral.writtenOffset(raw, 3)).isEqualTo(5);
        assertThat(StringLiteral.writtenOffset(raw, 4)).isEqualTo(11);
        assertThat(StringLiteral.writtenOffset(raw, 99)).isEqualTo(raw.length());
    }

    @Test
    void quote_escapesQuotesBackslashesAndControlCharacters() {
        assertThat(StringLiteral.quote("a\"b\\c\nd\u0001é🙂")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é🙂\"");
        assertThat(StringLiteral.quote("\t\r\u202E\u2028\uD800x")).isEqualTo("\"\\t\\r\\u202E\\u2028\\uD800x\"");
        assertThat(StringLiteral.unicodeEscape(0x85)).isEqualTo("\\u0085");
    }

    @Test
    void decodeOfQuote_isTheValue_forRandomStrings() {
        long base = Long.getLong("warden.seed", 20240601L);
        Random random = new Random();
        char[] alphabet = {'a', 'Z', '0', ' ', '"', '\\', '\n', '\t', '\r', '\u0000', '\u001F', '\u007F', '\u0085',
            '\u00e9', '\u2028', '\u2029', '\u202E', '\u2066', '\uFEFF', 'u', '#', '{', '}', ','};
        for (int run = 0; run < 2000; run++) {
            long seed = base + run;
            random.setSeed(seed);
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
                    case 1 -> s.append((char) (0xD800 + random.nextInt(0x800))); // an unpaired surrogate
                    case 2 -> s.append((char) random.nextInt(0x10000));
                    default -> s.append(alphabet[random.nextInt(alphabet.length)]);
                }
            }
            String value = s.toString();
            String quoted = StringLiteral.quote(value);
            assertThat(StringLiteral.end(quoted, 0)).as("seed %d", seed).isEqualTo(quoted.length());
            assertThat(policy(quoted)).as("seed %d: %s", seed, quoted).isEqualTo(new Decoded(value, List.of()));
            assertThat(TextSafety.check(new SourceText("q", quoted), quoted, "a policy file")).as("seed %d", seed).isTrue();
        }
    }

    private static List<String> shown(List<? extends Object> diagnostics) {
        return diagnostics.stream().map(d -> {
            dev.warden.core.diagnostic.Diagnostic x = (dev.warden.core.diagnostic.Diagnostic) d;
            dev.warden.core.SourceLocation at = x.location().orElseThrow();
            return x.code() + " " + at + " (" + at.length() + ") " + x.message() + " / " + x.hint().orElse("");
        }).toList();
    }

    @Test
    void policyReader_reportsEachBadEscape_atItsColumn() {
        LoadResult r = PolicyLoader.loadTexts(java.util.Map.of("p.policy",
                "policy p \"é\\q \\u12\" { allow view on \"/a\\x\" }\n"));
        assertThat(shown(r.diagnostics())).containsExactly(
                "E003 p.policy:1:12 (2) unknown escape `\\q` in a string / " + Escapes.POLICY.hint(),
                "E003 p.policy:1:15 (4) unknown escape `\\u12` in a string / " + Escapes.POLICY.hint(),
                "E003 p.policy:1:40 (2) unknown escape `\\x` in a string / " + Escapes.POLICY.hint(),
                "E110 p.policy:1:40 (1) invalid resource pattern `/a\\x`: `\\` is not allowed in a pattern / ");
    }

    @Test
    void testFileReader_decodesItsEscapes() {
        PolicyTests.Result r = PolicyTests.read("t.wtest",
                "test \"a \\\"b\\\" \\\\ c\\td\" {\n    principal u\n    expect allow view /a\n}\n");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.testFile().orElseThrow().tests().get(0).name()).isEqualTo("a \"b\" \\ c\td");
    }

    @Test
    void testFileReader_reportsTheFirstBadEscapeOfALine_beforeAnUnterminatedString() {
        PolicyTests.Result r = PolicyTests.read("t.wtest", "test \"é\\r \\q\n");
        assertThat(shown(r.diagnostics())).containsExactly(
                "E003 t.wtest:1:8 (2) unknown escape `\\r` in a string / " + Escapes.TEST.hint());
        PolicyTests.Result open = PolicyTests.read("t.wtest", "test \"é\\n {\n");
        assertThat(shown(open.diagnostics())).containsExactly(
                "E002 t.wtest:1:6 (6) unterminated string / close it with `\"` on the same line");
    }
}

