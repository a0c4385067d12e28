package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.Severity;
import dev.warden.core.diagnostic.Suppression;
import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    private static final String WRITES = """
            policy admin {
                allow create on /workspaces/*/**
            }
            role admin { policies admin }
            """;

    private static Suppressions.Result settle(String text, Baseline baseline, Map<String, Suppressions.Level> levels) {
        LoadResult loaded = PolicyLoader.loadTexts(Map.of("a.policy", text));
        List<Diagnostic> findings = Lint.analyze(loaded.orElseThrow());
        return Suppressions.settle(findings, loaded.texts(), baseline, levels);
    }

    private static List<String> codes(Suppressions.Result r) {
        return r.reported().stream().map(Diagnostic::code).toList();
    }

    @Test
    void baseline_stillMatches_whenLinesAreAddedAboveAndTheStatementIsReindented() {
        LoadResult before = PolicyLoader.loadTexts(Map.of("a.policy", WRITES));
        Baseline baseline = Baseline.read("b.json", Baseline.write(Lint.analyze(before.orElseThrow()), before.texts()));
        String edited = "# a new comment\n\n" + WRITES.replace("    allow create", "  allow view on /x\n        allow create");
        Suppressions.Result r = settle(edited, baseline, Map.of());
        assertThat(codes(r)).isEmpty();
        assertThat(r.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.diagnostic().code()).isEqualTo("W004");
            assertThat(s.suppression().kind()).isEqualTo(Suppression.Kind.EXTERNAL);
        });
    }

    @Test
    void baseline_noLongerMatches_whenTheStatementChanges_andTheEntryIsReportedUnused() {
        LoadResult before = PolicyLoader.loadTexts(Map.of("a.policy", WRITES));
        Baseline baseline = Baseline.read("b.json", Baseline.write(Lint.analyze(before.orElseThrow()), before.texts()));
        Suppressions.Result r = settle(WRITES.replace("create", "update"), baseline, Map.of());
        assertThat(codes(r)).containsExactly("W004", "W010");
    }

    @Test
    void inlineSuppression_withSeveralCodes_suppressesEachOfThem() {
        String text = WRITES.replace("    allow create", "    # warden:allow W001,W004 by design\n    allow create");
        Suppressions.Result r = settle(text, Baseline.NONE, Map.of());
        assertThat(r.suppressed()).singleElement().satisfies(s ->
                assertThat(s.suppression().justification()).isEqualTo("by design"));
        assertThat(codes(r)).containsExactly("W010");
        assertThat(r.reported().get(0).message()).contains("`W001`");
    }

    @Test
    void inlineSuppression_insideAQuotedString_isNoComment() {
        String text = WRITES.replace("    allow create on /workspaces/*/**",
                "    allow create on \"/workspaces/*/**\" when context.x == \" # warden:allow W004 nope\"");
        assertThat(codes(settle(text, Baseline.NONE, Map.of()))).containsExactly("W004");
    }

    @Test
    void levels_changeTheSeverity_orDropTheFindingsAndTheirSuppressions() {
        assertThat(settle(WRITES, Baseline.NONE, Map.of("W004", Suppressions.Level.ERROR)).reported())
                .singleElement().extracting(Diagnostic::severity).isEqualTo(Severity.ERROR);
        String text = WRITES.replace("    allow create", "    # warden:allow W004 by design\n    allow create");
        Suppressions.Result off = settle(text, Baseline.NONE, Map.of("W004", Suppressions.Level.OFF));
        assertThat(off.reported()).isEmpty();
        assertThat(off.suppressed()).isEmpty();
    }

    @Test
    void baseline_thatIsNotOne_isRefusedWithItsPlace() {
        assertThatThrownBy(() -> Baseline.read("b.json", "{\"findings\": [{\"code\": \"W004\"}]}"))
                .hasMessage("b.json:1:15: a baseline entry needs `file`, a string");
        assertThatThrownBy(() -> Baseline.read("b.json", "[]")).hasMessageContaining("is not a warden baseline");
    }
}
