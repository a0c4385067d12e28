package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.analysis.Lint;
import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.dsl.DiagnosticRenderer;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint's carets come from the texts as loaded, never from the files as they are now. */
class LintSourceLinesTest {
    private static final String DUPLICATE = """
            policy read {
                allow view on /workspaces/*/channels
                allow view on /workspaces/*/channels
            }
            role reader { policies read }
            """;

    @TempDir
    Path dir;

    /** What {@code warden lint} prints for a load's findings. */
    private static String rendered(LoadResult loaded) {
        return DiagnosticRenderer.human(Lint.analyze(loaded.orElseThrow()), loaded.texts());
    }

    @Test
    void caret_forAnInMemoryText_isDrawn() {
        String out = rendered(PolicyLoader.loadTexts(Map.of("memory/read.policy", DUPLICATE)));
        assertThat(out).isEqualTo("""
                warning[W002]: statement 2 of policy `read` repeats statement 1 [duplicate-statement]
                 --> memory/read.policy:3:5
                  |
                3 |     allow view on /workspaces/*/channels
                  |     ^
                  = hint: delete one of them

                """);
    }

    @Test
    void caret_afterTheFileChangedOnDisk_showsTheLineAsLoaded() throws IOException {
        Path file = dir.resolve("read.policy");
        Files.writeString(file, DUPLICATE, StandardCharsets.UTF_8);
        LoadResult loaded = PolicyLoader.load(List.of(file));
        Files.writeString(file, "# rewritten\n# after the load\n    deny everything\n", StandardCharsets.UTF_8);
        String out = rendered(loaded);
        assertThat(out).contains(file + ":3:5\n")
                .contains("3 |     allow view on /workspaces/*/channels\n")
                .doesNotContain("deny everything");
    }

    @Test
    void caret_forAFileThatWasNotLoaded_isLeftOut() {
        Diagnostic d = Diagnostic.error("E999", new SourceLocation("b.policy", 2, 1), "m");
        assertThat(DiagnosticRenderer.human(d, Map.of("a.policy", "one\ntwo\n"))).isEqualTo("error[E999]: m\n --> b.policy:2:1\n");
        assertThat(DiagnosticRenderer.human(d, Map.of("b.policy", "one\ntwo\n")))
                .isEqualTo("error[E999]: m\n --> b.policy:2:1\n  |\n2 | two\n  | ^\n");
    }
}
