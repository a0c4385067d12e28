package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.InvalidConditionException;
import dev.warden.core.InvalidNameException;
import dev.warden.core.InvalidPatternException;
import dev.warden.core.PolicySetProblem;
import dev.warden.core.diagnostic.Diagnostic;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of problem policy-core reports has a diagnostic code: the tables below name each
 * kind's code, so a kind added to the core without one here fails, and each code is one of {@link
 * Codes} and documented in docs/language.md.
 */
class CodesTest {
    private static final Map<PolicySetProblem.Kind, String> SET = new EnumMap<>(Map.of(
            PolicySetProblem.Kind.INVALID_ACTION_NAME, "E100",
            PolicySetProblem.Kind.BUILT_IN_ACTION, "E105",
            PolicySetProblem.Kind.DUPLICATE_POLICY, "E106",
            PolicySetProblem.Kind.DUPLICATE_ROLE, "E107",
            PolicySetProblem.Kind.UNKNOWN_ACTION, "E103",
            PolicySetProblem.Kind.UNKNOWN_POLICY_IN_ROLE, "E108"));

    private static final Map<InvalidNameException.Kind, String> NAME = new EnumMap<>(Map.of(
            InvalidNameException.Kind.EMPTY, "E102",
            InvalidNameException.Kind.TOO_LONG, "E306",
            InvalidNameException.Kind.CONTROL_CHARACTER, "E102"));

    private static final Map<InvalidPatternException.Kind, String> PATTERN = new EnumMap<>(InvalidPatternException.Kind.class);

    static {
        for (InvalidPatternException.Kind k : InvalidPatternException.Kind.values()) {
            PATTERN.put(k, "E110");
        }
        PATTERN.put(InvalidPatternException.Kind.TOO_LONG, "E304");
        PATTERN.put(InvalidPatternException.Kind.TOO_MANY_SEGMENTS, "E305");
    }

    private static final Map<InvalidConditionException.Kind, String> CONDITION = new EnumMap<>(Map.ofEntries(
            Map.entry(InvalidConditionException.Kind.UNKNOWN_KEY_NAMESPACE, "E120"),
            Map.entry(InvalidConditionException.Kind.BAD_KEY_NAME, "E120"),
            Map.entry(InvalidConditionException.Kind.OPERATOR_TYPE_MISMATCH, "E121"),
            Map.entry(InvalidConditionException.Kind.MIXED_LIST, "E122"),
            Map.entry(InvalidConditionException.Kind.EMPTY_LIST, "E122"),
            Map.entry(InvalidConditionException.Kind.BAD_ADDRESS, "E123"),
            Map.entry(InvalidConditionException.Kind.CIDR_HOST_BITS, "E123"),
            Map.entry(InvalidConditionException.Kind.BAD_TIMESTAMP, "E124"),
            Map.entry(InvalidConditionException.Kind.UNKNOWN_LITERAL, "E125"),
            Map.entry(InvalidConditionException.Kind.BAD_GLOB_ESCAPE, "E126"),
            Map.entry(InvalidConditionException.Kind.TOO_MANY_CLAUSES, "E311"),
            Map.entry(InvalidConditionException.Kind.TOO_MANY_VALUES, "E312")));

    @Test
    void everyConditionProblemKind_hasItsCode() {
        assertThat(CONDITION).containsOnlyKeys(InvalidConditionException.Kind.values());
        for (InvalidConditionException.Kind k : InvalidConditionException.Kind.values()) {
            assertThat(Codes.of(k)).as(k.name()).isEqualTo(CONDITION.get(k));
        }
    }

    @Test
    void everySetProblemKind_hasItsCode() {
        assertThat(SET).containsOnlyKeys(PolicySetProblem.Kind.values());
        for (PolicySetProblem.Kind k : PolicySetProblem.Kind.values()) {
            assertThat(Codes.of(k)).as(k.name()).isEqualTo(SET.get(k));
        }
    }

    @Test
    void everyNameProblemKind_hasItsCode() {
        assertThat(NAME).containsOnlyKeys(InvalidNameException.Kind.values());
        for (InvalidNameException.Kind k : InvalidNameException.Kind.values()) {
            assertThat(Codes.of(k)).as(k.name()).isEqualTo(NAME.get(k));
        }
    }

    @Test
    void everyPatternProblemKind_hasItsCode() {
        assertThat(PATTERN).hasSize(InvalidPatternException.Kind.values().length);
        for (InvalidPatternException.Kind k : InvalidPatternException.Kind.values()) {
            assertThat(Codes.of(k)).as(k.name()).isEqualTo(PATTERN.get(k));
        }
    }

    @Test
    void everyMappedCode_isACodeAndDocumented() throws IOException, IllegalAccessException {
        List<String> declared = new ArrayList<>();
        for (Field f : Codes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                declared.add((String) f.get(null));
            }
        }
        String doc = Files.readString(Path.of("../docs/language.md"));
        List<String> mapped = new ArrayList<>(SET.values());
        mapped.addAll(NAME.values());
        mapped.addAll(PATTERN.values());
        mapped.addAll(CONDITION.values());
        for (String code : mapped) {
            assertThat(declared).contains(code);
            assertThat(doc).contains("| `" + code + "` |");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "actions view\\n                                                   | E105",
        "policy p { }\\npolicy p { }\\n                                      | E106",
        "policy p { }\\nrole r { policies p }\\nrole r { policies p }\\n     | E107",
        "policy p { allow veiw on /a }\\n                                  | E103",
        "role r { policies nope }\\n                                       | E108",
        "policy \"\" { }\\n                                                 | E102",
        "policy \"a\\u0001b\" { }\\n                                           | E102",
    })
    void eachKind_reachesTheUserAsItsCode(String text, String code) {
        LoadResult r = PolicyLoader.loadTexts(Map.of("a.policy", text.replace("\\n", "\n")));
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(code);
    }

    @Test
    void eachPatternKind_reachesTheUserAsItsCode() {
        Map<InvalidPatternException.Kind, String> examples = new EnumMap<>(Map.ofEntries(
                Map.entry(InvalidPatternException.Kind.TOO_LONG, "/" + "x".repeat(4096)),
                Map.entry(InvalidPatternException.Kind.NOT_ABSOLUTE, "a"),
                Map.entry(InvalidPatternException.Kind.NO_SEGMENTS, "/"),
                Map.entry(InvalidPatternException.Kind.TOO_MANY_SEGMENTS, "/s".repeat(129)),
                Map.entry(InvalidPatternException.Kind.TRAILING_SLASH, "/a/"),
                Map.entry(InvalidPatternException.Kind.EMPTY_SEGMENT, "/a//b"),
                Map.entry(InvalidPatternException.Kind.DOT_SEGMENT, "/a/.."),
                Map.entry(InvalidPatternException.Kind.BAD_CHARACTER, "/a;b"),
                Map.entry(InvalidPatternException.Kind.DOUBLE_STAR_NOT_LAST, "/**/a"),
                Map.entry(InvalidPatternException.Kind.DOUBLE_STAR_IN_SEGMENT, "/a**"),
                Map.entry(InvalidPatternException.Kind.VARIABLE_NOT_WHOLE_SEGMENT, "/a${principal.id}"),
                Map.entry(InvalidPatternException.Kind.UNKNOWN_VARIABLE_NAMESPACE, "/${x.y}"),
                Map.entry(InvalidPatternException.Kind.NOT_AN_ATTRIBUTE, "/${principal}")));
        assertThat(examples).containsOnlyKeys(InvalidPatternException.Kind.values());
        examples.forEach((kind, pattern) -> {
            LoadResult r = PolicyLoader.loadTexts(Map.of("a.policy", "policy p { allow view on \"" + pattern + "\" }\n"));
            assertThat(r.diagnostics()).as(kind.name()).extracting(Diagnostic::code).containsExactly(PATTERN.get(kind));
        });
    }

    @Test
    void nameTooLong_reachesTheUserAsItsCode() {
        LoadResult r = PolicyLoader.loadTexts(Map.of("a.policy", "policy \"" + "n".repeat(257) + "\" { }\n"));
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E306");
    }
}
