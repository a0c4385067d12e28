package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the loader reports what the policy-set builder and the pattern and name checks of the core
 * find: the code, the place and the words, for the cases the golden files do not show.
 */
class ValidationTest {
    private static String render(Map<String, String> files) {
        LoadResult r = PolicyLoader.loadTexts(files);
        assertThat(r.ok()).isFalse();
        return DiagnosticRenderer.human(r.diagnostics(), r.texts());
    }

    private static String render(String name, String text) {
        return render(Map.of(name, text));
    }

    private static void check(String label, String actual, String expected) {
        assertThat(actual).as(label).isEqualTo(expected);
    }

    @Test
    void unknownAction_inAStatementLeftOutForABadPattern_isStillReported() {
        check("unbuilt", render("a.policy", "policy p {\n    allow veiw on workspaces\n}\n"), """
                error[E103]: unknown action `veiw`
                 --> a.policy:2:11
                  |
                2 |     allow veiw on workspaces
                  |           ^^^^
                  = hint: did you mean `view`?

                error[E110]: invalid resource pattern `workspaces`: a pattern must be absolute (start with `/`)
                 --> a.policy:2:19
                  |
                2 |     allow veiw on workspaces
                  |                   ^^^^^^^^^^

                """);
    }

    @Test
    void unknownAction_inADuplicatePolicy_isReportedAtTheDuplicate() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.policy", "policy p { allow view on /a }\n");
        files.put("b.policy", "policy p { allow veiw, VEIW on /b }\n");
        check("duplicate-policy-actions", render(files), """
                error[E106]: duplicate policy `p`
                 --> b.policy:1:8
                  |
                1 | policy p { allow veiw, VEIW on /b }
                  |        ^
                  = hint: it is first defined at a.policy:1:8; rename one of them

                error[E103]: unknown action `veiw`
                 --> b.policy:1:18
                  |
                1 | policy p { allow veiw, VEIW on /b }
                  |                  ^^^^
                  = hint: did you mean `view`?

                error[E103]: unknown action `VEIW`
                 --> b.policy:1:24
                  |
                1 | policy p { allow veiw, VEIW on /b }
                  |                        ^^^^
                  = hint: did you mean `view`?

                """);
    }

    @Test
    void unknownPolicy_inADuplicateRole_isReportedAtTheDuplicate() {
        check("duplicate-role-refs", render("a.policy",
                "policy read { }\nrole r { policies read }\nrole r { policies raed, nope }\n"), """
                error[E107]: duplicate role `r`
                 --> a.policy:3:6
                  |
                3 | role r { policies raed, nope }
                  |      ^
                  = hint: it is first defined at a.policy:2:6; rename one of them

                error[E108]: role `r` names policy `raed`, which is not loaded
                 --> a.policy:3:19
                  |
                3 | role r { policies raed, nope }
                  |                   ^^^^
                  = hint: did you mean `read`?

                error[E108]: role `r` names policy `nope`, which is not loaded
                 --> a.policy:3:25
                  |
                3 | role r { policies raed, nope }
                  |                         ^^^^
                  = hint: load the file that defines it, or remove it from the role

                """);
    }

    @Test
    void unknownAction_inEmbeddedCopies_isReportedAtEachCopy() {
        String policy = "{\"name\": \"p\", \"definitions\": [{\"effect\": \"allow\", \"actions\": [\"veiw\"], "
                + "\"resources\": [\"/a\"]}]}";
        check("copies-actions", render("a.json", "[" + policy + ",\n {\"name\": \"r\", \"policies\": [" + policy
                + "]},\n {\"name\": \"s\", \"policies\": [" + policy + "]}]"), """
                error[E103]: unknown action `veiw`
                 --> a.json:1:65
                  |
                1 | [{"name": "p", "definitions": [{"effect": "allow", "actions": ["veiw"], "resources": ["/a"]}]},
                  |                                                                 ^^^^
                  = hint: did you mean `view`?

                error[E103]: unknown action `veiw`
                 --> a.json:2:92
                  |
                2 |  {"name": "r", "policies": [{"name": "p", "definitions": [{"effect": "allow", "actions": ["veiw"], "resources": ["/a"]}]}]},
                  |                                                                                            ^^^^
                  = hint: did you mean `view`?

                error[E103]: unknown action `veiw`
                 --> a.json:3:92
                  |
                3 |  {"name": "s", "policies": [{"name": "p", "definitions": [{"effect": "allow", "actions": ["veiw"], "resources": ["/a"]}]}]}]
                  |                                                                                            ^^^^
                  = hint: did you mean `view`?

                """);
    }

    @Test
    void conflictingCopies_thenTwoPolicies_reportTheCopiesOnly() {
        String copy = "{\"name\": \"p\", \"definitions\": [{\"effect\": \"allow\", \"actions\": [\"view\"], "
                + "\"resources\": [\"/a\"]}]}";
        String other = "{\"name\": \"p\", \"definitions\": [{\"effect\": \"allow\", \"actions\": [\"view\"], "
                + "\"resources\": [\"/b\"]}]}";
        check("conflicting-copies", render("a.json", "[{\"name\": \"r\", \"policies\": [" + copy + "]},\n" + other
                + ",\n" + copy + ",\n" + other + "]"), """
                error[E111]: policy `p` is defined differently at a.json:1:39
                 --> a.json:2:11
                  |
                2 | {"name": "p", "definitions": [{"effect": "allow", "actions": ["view"], "resources": ["/b"]}]},
                  |           ^
                  = hint: copies of a policy embedded in roles must be identical to each other and to the policy

                error[E106]: duplicate policy `p`
                 --> a.json:4:11
                  |
                4 | {"name": "p", "definitions": [{"effect": "allow", "actions": ["view"], "resources": ["/b"]}]}]
                  |           ^
                  = hint: it is first defined at a.json:3:11; rename one of them

                """);
    }

    @Test
    void name_withABidiControlBeforeAControlCharacter_namesTheFirst() {
        check("name-first-bad-character", render("a.json",
                "{\"name\": \"a\\u202eb\\u0001c\", \"definitions\": []}"), """
                error[E102]: policy name `a?b?c` holds the right-to-left override U+202E
                 --> a.json:1:11
                  |
                1 | {"name": "a\\u202eb\\u0001c", "definitions": []}
                  |           ^^^^^^^^^^^^^^^
                  = hint: a name is shown in decisions, lint and diff output, where such a character hides or reorders text

                """);
    }

    @Test
    void pattern_withTooManySegmentsAndAnEarlierBadSegment_isTooManySegments() {
        check("segments-first", render("a.policy", "policy p { allow view on /a//b" + "/s".repeat(130) + " }\n"), """
                error[E305]: resource pattern `/a//b/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s...` has more than 128 segments
                 --> a.policy:1:281
                  |
                1 | .../s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s/s }
                  |                                                                ^

                """);
    }

    @Test
    void declaredActions_pastTheLimit_builtInsNotCounted() {
        StringBuilder text = new StringBuilder("actions view");
        for (int i = 0; i <= Limits.MAX_DECLARED_ACTIONS; i++) {
            text.append(", a").append(i);
        }
        text.append(", a0, any\npolicy p { allow a").append(Limits.MAX_DECLARED_ACTIONS).append(" on /a }\n");
        check("declared-limit", render("a.policy", text.toString()), """
                error[E105]: `view` is a built-in action and cannot be declared
                 --> a.policy:1:9
                  |
                1 | actions view, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a...
                  |         ^^^^
                  = hint: remove it from `actions`

                error[E310]: more than 256 actions are declared: `a256` is one too many
                 --> a.policy:1:1441
                  |
                1 | ...a246, a247, a248, a249, a250, a251, a252, a253, a254, a255, a256, a0, any
                  |                                                                ^^^^
                  = hint: declare fewer actions; `any` covers every action

                error[E105]: `any` is a built-in action and cannot be declared
                 --> a.policy:1:1451
                  |
                1 | ..., a248, a249, a250, a251, a252, a253, a254, a255, a256, a0, any
                  |                                                                ^^^
                  = hint: remove it from `actions`

                error[E103]: unknown action `a256`
                 --> a.policy:2:18
                  |
                2 | policy p { allow a256 on /a }
                  |                  ^^^^
                  = hint: did you mean `a25`?

                """);
    }

    @Test
    void builderProblem_theReadersLetThrough_isE100AtItsSource() {
        ParsedFile file = new ParsedFile("a.policy", "actions 9x", List.of("actions 9x"),
                List.of(new ParsedFile.ActionDecl("9x", new SourceLocation("a.policy", 1, 9))),
                List.of(), List.of(), List.of(), List.of());
        LoadResult r = PolicyLoader.merge(List.of(file), List.of());
        assertThat(r.ok()).isFalse();
        check("e100", DiagnosticRenderer.human(r.diagnostics(), r.texts()), """
                error[E100]: `9x` is not a valid action name (letters, digits, `_` and `-`, starting with a letter)
                 --> a.policy:1:9
                  |
                1 | actions 9x
                  |         ^

                """);
    }
}
