package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dsl.LocatedJson.Arr;
import dev.warden.dsl.LocatedJson.Node;
import dev.warden.dsl.LocatedJson.Obj;
import dev.warden.dsl.LocatedJson.Scalar;
import dev.warden.dsl.LocatedJson.Str;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The located JSON tree on its own: where each node is, and the JSON it refuses. */
class LocatedJsonTest {
    private final SourceText src = new SourceText("t.json", "");

    private Optional<Node> read(String text) {
        SourceText s = new SourceText("t.json", text);
        Optional<Node> node = LocatedJson.read(s, text, "write something");
        src.diagnostics().addAll(s.diagnostics());
        return node;
    }

    private List<String> shown() {
        return src.diagnostics().stream().map(d -> d.code() + " " + d.location().map(String::valueOf).orElse("") + " " + d.message()).toList();
    }

    @Test
    void nodes_rememberTheirLineAndColumn_inCodePoints() {
        Obj root = (Obj) read("{\"é🙂\": [1, true,\n  null, \"a\\tb\"]}").orElseThrow();
        LocatedJson.Member m = root.get("é🙂").orElseThrow();
        assertThat(m.keyAt()).hasToString("t.json:1:2");
        Arr arr = (Arr) m.value();
        assertThat(arr.at()).hasToString("t.json:1:8");
        assertThat(arr.items()).extracting(n -> n.at().toString())
                .containsExactly("t.json:1:9", "t.json:1:12", "t.json:2:3", "t.json:2:10");
        assertThat(((Scalar) arr.items().get(0)).kind()).isEqualTo(Scalar.Kind.NUMBER);
        assertThat(arr.items().get(2).isNull()).isTrue();
        Str s = (Str) arr.items().get(3);
        assertThat(s.value()).isEqualTo("a\tb");
        assertThat(s.raw()).isEqualTo("\"a\\tb\"");
        assertThat(s.width()).isEqualTo(4);
        assertThat(s.quote()).hasToString("t.json:2:9");
        assertThat(shown()).isEmpty();
    }

    @Test
    void duplicateKeys_areInvalidJson() {
        assertThat(read("{\"a\": 1,\n \"a\": 2}")).isEmpty();
        assertThat(shown()).containsExactly("E201 t.json:2:5 invalid JSON: duplicate field `a`");
    }

    @Test
    void nestingDeeperThanTheLimit_isReported() {
        String deep = "[".repeat(Limits.MAX_JSON_DEPTH + 1) + "]".repeat(Limits.MAX_JSON_DEPTH + 1);
        assertThat(read(deep)).isEmpty();
        assertThat(shown()).singleElement().asString()
                .startsWith("E307 ").endsWith("JSON nested deeper than " + Limits.MAX_JSON_DEPTH + " levels");
    }

    @Test
    void emptyText_andTwoValues_giveNoTree() {
        assertThat(read("  \n")).isEmpty();
        assertThat(read("{} []")).isEmpty();
        assertThat(shown()).containsExactly("E201 t.json:1:1 the file holds no JSON value",
                "E201 t.json:1:4 invalid JSON: more than one value in the file");
        assertThat(src.diagnostics().get(0).hint()).contains("write something");
    }
}
