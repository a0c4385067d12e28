package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.warden.core.PolicySet;
import dev.warden.core.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The formatter on messy inputs: each {@code golden/fmt/NAME.in.policy} formats to {@code
 * NAME.out.policy}, which is a fixed point and loads to a set equal to the input's. Regenerate
 * with {@code -Dgolden.update=true} and review the diff.
 */
class PolicyFormatterTest {
    private static final Path DIR = Path.of("src", "test", "resources", "golden", "fmt");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> messyInputs_formatToTheirGoldenFile() throws IOException {
        List<Path> inputs;
        try (Stream<Path> list = Files.list(DIR)) {
            inputs = list.filter(p -> p.getFileName().toString().endsWith(".in.policy")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(6);
        return inputs.stream().map(in -> dynamicTest(in.getFileName().toString(), () -> check(in)));
    }

    private static void check(Path in) throws IOException {
        String text = Files.readString(in, StandardCharsets.UTF_8);
        FormatResult r = PolicyFormatter.format(in.getFileName().toString(), text);
        assertThat(r.diagnostics()).as(in.toString()).isEmpty();
        String formatted = r.formatted().orElseThrow();
        Path out = in.resolveSibling(in.getFileName().toString().replace(".in.policy", ".out.policy"));
        if (UPDATE) {
            Files.writeString(out, formatted, StandardCharsets.UTF_8);
        }
        assertThat(formatted).as(in.toString()).isEqualTo(Files.readString(out, StandardCharsets.UTF_8));
        assertThat(PolicyFormatter.format("again.policy", formatted).formatted()).as("idempotent").contains(formatted);
        assertThat(load(formatted)).as("same meaning").isEqualTo(load(text));
    }

    private static PolicySet load(String text) {
        return PolicyLoader.loadTexts(Map.of("f.policy", text)).orElseThrow();
    }

    @Test
    void format_fileWithSyntaxError_givesDiagnosticsAndNoText() {
        FormatResult r = PolicyFormatter.format("bad.policy", "policy p {\n    allow view /a\n}\n");
        assertThat(r.ok()).isFalse();
        assertThat(r.changed()).isFalse();
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E001");
        assertThat(r.diagnostics().get(0).location().orElseThrow()).hasToString("bad.policy:2:16");
    }

    @Test
    void format_unknownActionDeclaredElsewhere_stillFormats() {
        // an action declared in another file is not this file's error: the formatter looks at one file
        FormatResult r = PolicyFormatter.format("a.policy", "policy p { allow approve on /a }");
        assertThat(r.formatted()).contains("policy p {\n    allow approve on /a\n}\n");
    }

    @Test
    void format_emptyAndCommentOnlyFiles() {
        assertThat(PolicyFormatter.format("e.policy", "\n\n").formatted()).contains("");
        assertThat(PolicyFormatter.format("c.policy", "\n  # only a comment   \n\n").formatted()).contains("# only a comment\n");
    }

    @Test
    void format_crlfAndByteOrderMark_becomeLinefeedsWithoutMark() {
        FormatResult r = PolicyFormatter.format("w.policy", "\uFEFFpolicy p {\r\n  allow view on /a\r\n}\r\n");
        assertThat(r.formatted()).contains("policy p {\n    allow view on /a\n}\n");
        assertThat(r.changed()).isTrue();
    }

    @Test
    void format_canonicalText_isUnchanged() {
        String text = "actions approve\n\npolicy p \"P\" {\n    allow view, approve on /a, /b/**\n}\n\nrole r { policies p }\n";
        FormatResult r = PolicyFormatter.format("c.policy", text);
        assertThat(r.formatted()).contains(text);
        assertThat(r.changed()).isFalse();
    }

    @Test
    void formatFile_notUtf8_givesTheLoadersDiagnostic(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.policy");
        Files.write(f, new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        FormatResult r = PolicyFormatter.formatFile(f, "x.policy");
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E403");
    }

    @Test
    void format_lexesAndParsesTheFileOnce() {
        String text = "# c\npolicy p \"P\" { allow view on /a, \"/b c\" }\nrole r { policies p }\n";
        long before = LanguageReader.PARSES.sum();
        FormatResult r = PolicyFormatter.format("once.policy", text);
        assertThat(LanguageReader.PARSES.sum() - before).isEqualTo(1);
        assertThat(r.formatted()).contains(
                "# c\npolicy p \"P\" {\n    allow view on /a, \"/b c\"\n}\n\nrole r { policies p }\n");
    }

    @Test
    void format_printsTheReadersTokensAndTree() {
        String text = "policy p{allow VIEW on /a}";
        LanguageReader.Result read = LanguageReader.parse("t.policy", text);
        assertThat(read.parsed().diagnostics()).isEmpty();
        LanguageReader.Syntax syntax = read.syntax().orElseThrow();
        assertThat(syntax.tree().getText()).isEqualTo("policyp{allowVIEWon/a}<EOF>");
        assertThat(syntax.tokens().get(syntax.tokens().size() - 1).getType()).isEqualTo(org.antlr.v4.runtime.Token.EOF);
        assertThat(PolicyFormatter.format("t.policy", text).formatted()).contains("policy p {\n    allow view on /a\n}\n");
    }

    @Test
    void format_textRefusedBeforeLexing_hasNoSyntax_andIsNotFormatted() {
        String text = "# a\u202Eb\npolicy p { allow view on /a }\n";
        long before = LanguageReader.PARSES.sum();
        assertThat(LanguageReader.parse("t.policy", text).syntax()).isEmpty();
        assertThat(PolicyFormatter.format("t.policy", text).diagnostics()).extracting(Diagnostic::code)
                .containsExactly("E005");
        assertThat(LanguageReader.PARSES.sum() - before).isZero();
    }
}
