package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AccessRequest;
import dev.warden.core.Limits;
import dev.warden.core.Principal;
import dev.warden.core.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** The limits on conditions and contexts, at the limit and one past it, in both formats and in batch input. */
class ConditionLimitsTest {
    private static List<String> codes(LoadResult r) {
        return r.diagnostics().stream().map(Diagnostic::code).toList();
    }

    /** A condition of {@code n} clauses, {@code context.a == "i"} joined by {@code or}. */
    private static String clauses(int n) {
        StringJoiner j = new StringJoiner(" or ");
        for (int i = 0; i < n; i++) {
            j.add("context.a == \"" + i + "\"");
        }
        return j.toString();
    }

    private static String list(int n) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < n; i++) {
            j.add("\"v" + i + "\"");
        }
        return j.toString();
    }

    private static LoadResult policy(String condition) {
        return PolicyLoader.loadTexts(Map.of("p.policy", "policy p {\n    allow view on /w when " + condition + "\n}\n"));
    }

    private static LoadResult bird(String conditionsAny) {
        return PolicyLoader.loadTexts(Map.of("p.json", "{\"name\": \"p\", \"definitions\": [{\"effect\": \"allow\", "
                + "\"actions\": [\"view\"], \"resources\": [\"/w\"], \"conditionsAny\": " + conditionsAny + "}]}"));
    }

    private static String birdClauses(int n) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < n; i++) {
            j.add("{\"stringEquals\": {\"context.a\": \"" + i + "\"}}");
        }
        return j.toString();
    }

    @Test
    void clausesPerCondition_inThePolicyLanguage() {
        assertThat(codes(policy(clauses(Limits.MAX_CONDITION_CLAUSES)))).isEmpty();
        assertThat(codes(policy(clauses(Limits.MAX_CONDITION_CLAUSES + 1)))).containsExactly("E311");
    }

    @Test
    void valuesPerList_inThePolicyLanguage() {
        assertThat(codes(policy("context.a in " + list(Limits.MAX_CONDITION_LIST_VALUES)))).isEmpty();
        assertThat(codes(policy("context.a in " + list(Limits.MAX_CONDITION_LIST_VALUES + 1)))).containsExactly("E312");
    }

    @Test
    void clausesPerCondition_inBirdJson() {
        assertThat(codes(bird(birdClauses(Limits.MAX_CONDITION_CLAUSES)))).isEmpty();
        assertThat(codes(bird(birdClauses(Limits.MAX_CONDITION_CLAUSES + 1)))).containsExactly("E311");
    }

    @Test
    void valuesPerList_inBirdJson() {
        String at = list(Limits.MAX_CONDITION_LIST_VALUES);
        String past = list(Limits.MAX_CONDITION_LIST_VALUES + 1);
        assertThat(codes(bird("[{\"stringEquals\": {\"context.a\": " + at + "}}]"))).isEmpty();
        assertThat(codes(bird("[{\"stringEquals\": {\"context.a\": " + past + "}}]"))).containsExactly("E312");
    }

    private static String batch(Map<String, String> context) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        context.forEach((k, v) -> j.add("\"" + k + "\": \"" + v + "\""));
        return "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\", \"context\": " + j + "}";
    }

    private static Map<String, String> entries(int n) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("k" + i, "v");
        }
        return m;
    }

    @Test
    void contextEntriesAndLengths_inBatchInput_andInTheLibrary() {
        List<Map<String, String>> within = List.of(entries(Limits.MAX_CONTEXT_ENTRIES),
                Map.of("n".repeat(Limits.MAX_CONTEXT_NAME_LENGTH), "v"), Map.of("ip", "x".repeat(Limits.MAX_CONTEXT_VALUE_LENGTH)));
        List<Map<String, String>> past = List.of(entries(Limits.MAX_CONTEXT_ENTRIES + 1),
                Map.of("n".repeat(Limits.MAX_CONTEXT_NAME_LENGTH + 1), "v"), Map.of("ip", "x".repeat(Limits.MAX_CONTEXT_VALUE_LENGTH + 1)));
        for (Map<String, String> c : within) {
            assertThat(BatchFormat.read(batch(c))).isInstanceOf(BatchFormat.Line.Valid.class);
            assertThat(new AccessRequest.OnResource(Principal.of("k"), "view", "/w", c).context()).hasSize(c.size());
        }
        List<String> errors = new ArrayList<>();
        for (Map<String, String> c : past) {
            BatchFormat.Line line = BatchFormat.read(batch(c));
            assertThat(line).isInstanceOf(BatchFormat.Line.Invalid.class);
            errors.add(((BatchFormat.Line.Invalid) line).error());
            assertThatThrownBy(() -> new AccessRequest.Http(Principal.of("k"), "GET", "/w", c))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(errors).containsExactly(
                "`context` has " + (Limits.MAX_CONTEXT_ENTRIES + 1) + " values, more than " + Limits.MAX_CONTEXT_ENTRIES,
                "a context name is longer than " + Limits.MAX_CONTEXT_NAME_LENGTH + " characters",
                "the context value `ip` is longer than " + Limits.MAX_CONTEXT_VALUE_LENGTH + " characters");
    }
}
