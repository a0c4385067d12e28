package dev.warden.core.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosticTest {
    private static Diagnostic at(String file, int line, int column, int length, String code, String message) {
        return Diagnostic.error(code, new SourceLocation(file, line, column, length), message);
    }

    @Test
    void order_putsThoseWithoutAPlaceFirst_thenFileLineColumn_thenCodeAndMessage_notLength() {
        Diagnostic none = new Diagnostic(Severity.INFO, "W005", Optional.empty(), Optional.empty(), "m",
                Optional.empty(), List.of(), true);
        Diagnostic b = at("b.policy", 1, 1, 1, "E001", "m");
        Diagnostic a2 = at("a.policy", 2, 1, 1, "E001", "m");
        Diagnostic a1long = at("a.policy", 1, 5, 9, "E103", "m");
        Diagnostic a1short = at("a.policy", 1, 5, 1, "E110", "m");
        Diagnostic a1z = at("a.policy", 1, 5, 1, "E110", "z");
        List<Diagnostic> all = new ArrayList<>(List.of(b, a1z, a2, a1short, none, a1long));
        all.sort(Diagnostic.ORDER);
        assertThat(all).containsExactly(none, a1long, a1short, a1z, a2, b);
    }

    @Test
    void withHint_ofAnEmptyText_isNoHint() {
        Diagnostic d = at("a.policy", 1, 1, 1, "E001", "m");
        assertThat(d.withHint("").hint()).isEmpty();
        assertThat(d.withHint("h").hint()).contains("h");
    }

    @Test
    void fileError_isAtLineOneColumnOne_withoutAnExcerpt() {
        Diagnostic d = Diagnostic.fileError("a.policy", "E401", "cannot find `a.policy`");
        assertThat(d.location()).contains(new SourceLocation("a.policy", 1, 1));
        assertThat(d.excerpt()).isFalse();
        assertThat(d.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void severity_ofWord_readsAnyCase_andNothingElse() {
        assertThat(Severity.ofWord("Warning")).contains(Severity.WARNING);
        assertThat(Severity.ofWord("info")).contains(Severity.INFO);
        assertThat(Severity.ofWord("fatal")).isEmpty();
    }
}
