package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.PolicySet;
import dev.warden.core.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, directories, formats and limits of a load. */
class PolicyLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static List<String> codes(LoadResult r) {
        return r.diagnostics().stream().map(Diagnostic::code).toList();
    }

    @Test
    void directory_loadsPolicyAndJsonFilesSortedByName_ignoringOthersAndSubdirectories() throws IOException {
        write("b.policy", "policy b { allow view on /b }\n");
        write("a.json", "{\"name\": \"a\", \"definitions\": []}");
        write("README.md", "not policies");
        write("sub/c.policy", "policy c { allow view on /c }\n");
        LoadResult r = PolicyLoader.load(dir, List.of("."));
        assertThat(r.files()).containsExactly("./a.json", "./b.policy");
        assertThat(r.orElseThrow().policies()).extracting(p -> p.name()).containsExactly("a", "b");
    }

    @Test
    void directoryWithTrailingSlash_namesFilesWithOneSlash() throws IOException {
        write("p/a.policy", "policy a { allow view on /a }\n");
        LoadResult r = PolicyLoader.load(dir, List.of("p/"));
        assertThat(r.orElseThrow().sources().statement("a", 0).orElseThrow().toString()).isEqualTo("p/a.policy:1:12");
    }

    @Test
    void fileNamedTwice_isReadOnce() throws IOException {
        write("p/a.policy", "policy a { allow view on /a }\n");
        assertThat(PolicyLoader.load(dir, List.of("p", "p/a.policy")).ok()).isTrue();
    }

    @Test
    void pathsAsGiven_nameFilesInSources() throws IOException {
        Path file = write("x/a.policy", "policy a { allow view on /a }\n");
        PolicySet set = PolicyLoader.load(List.of(file)).orElseThrow();
        assertThat(set.sources().statement("a", 0).orElseThrow().toString()).isEqualTo(file + ":1:12");
    }

    @Test
    void missingFile_unknownExtension_emptyDirectory_areErrors() throws IOException {
        write("notes.txt", "x");
        Files.createDirectories(dir.resolve("empty"));
        LoadResult r = PolicyLoader.load(dir, List.of("missing.policy", "notes.txt", "empty"));
        assertThat(codes(r)).containsExactly("E405", "E401", "E404");
    }

    @Test
    void fileOverTheSizeLimit_isAnError_notRead() throws IOException {
        write("big.policy", "#".repeat((int) Limits.MAX_FILE_BYTES + 1));
        assertThat(codes(PolicyLoader.load(dir, List.of("big.policy")))).containsExactly("E301");
    }

    @Test
    void fileNotUtf8_isAnError() throws IOException {
        Files.write(dir.resolve("latin1.policy"), new byte[] {'p', 'o', (byte) 0xE9, '\n'});
        assertThat(codes(PolicyLoader.load(dir, List.of("latin1.policy")))).containsExactly("E403");
    }

    @Test
    void extension_isMatchedIgnoringCase() throws IOException {
        write("A.POLICY", "policy a { allow view on /a }\n");
        assertThat(PolicyLoader.load(dir, List.of("A.POLICY")).ok()).isTrue();
    }

    @Test
    void garbage_stopsAfterTheErrorCap_quickly() {
        String garbage = "policy p { allow on }\n".repeat(40_000); // under 1 MiB: loadTexts checks the size too
        long start = System.nanoTime();
        LoadResult r = PolicyLoader.loadTexts(Map.of("g.policy", garbage));
        List<String> codes = codes(r);
        assertThat(codes).hasSize(Limits.MAX_ERRORS_PER_FILE + 1);
        assertThat(codes.get(Limits.MAX_ERRORS_PER_FILE)).isEqualTo("E099");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void deepBracesAndLongLines_doNotOverflowTheStack() {
        String text = "policy p { allow view on /a when " + "{".repeat(200_000) + " }\n" + "x".repeat(500_000);
        LoadResult r = PolicyLoader.loadTexts(Map.of("d.policy", text));
        assertThat(r.ok()).isFalse();
    }

    @Test
    void tooManyStatements_isALimitError() {
        String text = "policy p {\n" + "allow view on /a\n".repeat(Limits.MAX_STATEMENTS + 1) + "}\n";
        assertThat(codes(PolicyLoader.loadTexts(Map.of("s.policy", text)))).containsExactly("E302");
    }

    @Test
    void tooManyActions_isALimitError() {
        StringBuilder actions = new StringBuilder("actions ");
        StringBuilder used = new StringBuilder();
        for (int i = 0; i <= Limits.MAX_ACTIONS; i++) {
            actions.append(i == 0 ? "" : ", ").append("a").append(i);
            used.append(i == 0 ? "" : ", ").append("a").append(i);
        }
        String text = actions + "\npolicy p { allow " + used + " on /a }\n";
        assertThat(codes(PolicyLoader.loadTexts(Map.of("s.policy", text)))).containsExactly("E308");
    }

    @Test
    void declaredAction_clashingWithBuiltIn_isAnError() {
        assertThat(codes(PolicyLoader.loadTexts(Map.of("a.policy", "actions VIEW\n")))).containsExactly("E105");
    }

    @Test
    void sameNames_forAPolicyAndARole_areFine() {
        assertThat(PolicyLoader.loadTexts(Map.of("a.policy", "policy x { }\nrole x { policies x }\n")).ok()).isTrue();
    }
}
