package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy language, construct by construct. */
class LanguageReaderTest {
    static PolicySet load(String text) {
        return PolicyLoader.loadTexts(Map.of("t.policy", text)).orElseThrow();
    }

    static LoadResult result(String text) {
        return PolicyLoader.loadTexts(Map.of("t.policy", text));
    }

    static Statement st(Effect effect, List<String> actions, String... patterns) {
        return Statement.of(effect, actions, List.of(patterns));
    }

    @Test
    void policy_withStatements_readsEffectActionsAndPatterns() {
        PolicySet set = load("""
                policy channels-read {
                    allow view on /workspaces/*/channels, /workspaces/*/channels/*
                    deny create, update, delete on /workspaces/*/connectors/**
                }
                """);
        assertThat(set.policy("channels-read")).contains(new Policy("channels-read", List.of(
                st(Effect.ALLOW, List.of("view"), "/workspaces/*/channels", "/workspaces/*/channels/*"),
                st(Effect.DENY, List.of("create", "update", "delete"), "/workspaces/*/connectors/**"))));
    }

    @Test
    void comments_anywhere_areIgnored() {
        PolicySet set = load("""
                # a file comment
                policy p { # after the brace
                    # a whole line
                    allow view on /a # after a pattern
                } # after the policy
                role r { policies p } # after a role
                """);
        assertThat(set.policy("p").orElseThrow().statements()).containsExactly(st(Effect.ALLOW, List.of("view"), "/a"));
        assertThat(set.role("r")).contains(new Role("r", List.of("p")));
    }

    @Test
    void semicolons_separateStatementsOnOneLine() {
        PolicySet set = load("policy p { allow view on /a; deny delete on /b; }\n");
        assertThat(set.policy("p").orElseThrow().statements()).containsExactly(
                st(Effect.ALLOW, List.of("view"), "/a"), st(Effect.DENY, List.of("delete"), "/b"));
    }

    @Test
    void statements_mayContinueOverLinesAfterACommaOrKeyword() {
        PolicySet set = load("""
                policy p {
                    allow view,
                          create
                        on /a,
                           /b
                }
                """);
        assertThat(set.policy("p").orElseThrow().statements())
                .containsExactly(st(Effect.ALLOW, List.of("view", "create"), "/a", "/b"));
    }

    @Test
    void quotedNames_mayHoldSpacesKeywordsAndEscapes() {
        PolicySet set = load("""
                policy "read all" { allow view on /a }
                policy "role" { allow view on /b }
                policy "say \\"hi\\" \\\\ \\u00e9" { allow view on /c }
                role "the readers" { policies "read all", "role" }
                """);
        assertThat(set.policy("read all")).isPresent();
        assertThat(set.policy("role")).isPresent();
        assertThat(set.policy("say \"hi\" \\ é")).isPresent();
        assertThat(set.role("the readers").orElseThrow().policies()).containsExactly("read all", "role");
    }

    @Test
    void descriptions_followPolicyAndRoleNames() {
        PolicySet set = load("""
                policy p "Read \\"channels\\"\\nand more" { allow view on /a }
                role r "Support staff" { policies p }
                """);
        assertThat(set.policy("p").orElseThrow().description()).isEqualTo("Read \"channels\"\nand more");
        assertThat(set.role("r").orElseThrow().description()).isEqualTo("Support staff");
    }

    @Test
    void plainNames_mayHoldDotsColonsAndDashes() {
        PolicySet set = load("policy org:team.read-v2_1 { allow view on /a }\nrole _r { policies org:team.read-v2_1 }\n");
        assertThat(set.policy("org:team.read-v2_1")).isPresent();
        assertThat(set.role("_r")).isPresent();
    }

    @Test
    void anyAndStar_meanEveryAction() {
        PolicySet set = load("policy p { allow any on /a\n allow * on /b\n deny ANY on /c }\n");
        assertThat(set.policy("p").orElseThrow().statements()).allSatisfy(s -> assertThat(s.coversAnyAction()).isTrue());
    }

    @Test
    void actionNames_areCaseInsensitive() {
        PolicySet set = load("actions Approve\npolicy p { allow VIEW, approve, APPROVE on /a }\n");
        assertThat(set.declaredActions()).containsExactly("approve");
        assertThat(set.policy("p").orElseThrow().statements().get(0).actions()).containsExactly("view", "approve");
    }

    @Test
    void declaredActions_inOneFile_areKnownInEveryFile() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.policy", "policy p { allow approve, export on /a }\n");
        files.put("b.policy", "actions approve\nactions export\n");
        PolicySet set = PolicyLoader.loadTexts(files).orElseThrow();
        assertThat(set.declaredActions()).containsExactly("approve", "export");
    }

    @Test
    void severalFiles_loadIntoOneSet_withRolesNamingPoliciesOfOtherFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("roles.policy", "role support { policies read, send }\n");
        files.put("read.policy", "policy read { allow view on /a }\n");
        files.put("send.policy", "policy send { allow create on /a/*/messages }\n");
        LoadResult r = PolicyLoader.loadTexts(files);
        assertThat(r.ok()).isTrue();
        assertThat(r.files()).containsExactly("roles.policy", "read.policy", "send.policy");
        assertThat(r.orElseThrow().role("support").orElseThrow().policies()).containsExactly("read", "send");
    }

    @Test
    void patterns_holdVariablesGlobsAndOrdinaryPunctuation() {
        PolicySet set = load("""
                policy p {
                    allow view on /w/${principal.workspace}/c/${principal.id}, /w/sms-*/a*b/*-eu
                    allow view on /c/+31612345678/a@example.com/x~y=z:1$2
                }
                """);
        assertThat(set.policy("p").orElseThrow().statements().get(1).resources().get(0).text())
                .isEqualTo("/c/+31612345678/a@example.com/x~y=z:1$2");
    }

    @Test
    void variableAtTheEndOfAPolicy_leavesTheClosingBraceToThePolicy() {
        PolicySet set = load("policy p { allow view on /w/${principal.workspace}}\n");
        assertThat(set.policy("p").orElseThrow().statements().get(0).resources().get(0).text())
                .isEqualTo("/w/${principal.workspace}");
    }

    @Test
    void quotedPatterns_mayHoldSpacesCommasAndBraces() {
        PolicySet set = load("policy p { allow view on \"/a b/c,d/{e}\" }\n");
        assertThat(set.policy("p").orElseThrow().statements().get(0).resources().get(0).text()).isEqualTo("/a b/c,d/{e}");
    }

    @Test
    void emptyPolicyAndRole_areAllowed() {
        PolicySet set = load("policy p { }\nrole r { }\n");
        assertThat(set.policy("p").orElseThrow().statements()).isEmpty();
        assertThat(set.role("r").orElseThrow().policies()).isEmpty();
    }

    @Test
    void roles_mayListPoliciesInSeveralClauses_repeatsDropped() {
        PolicySet set = load("policy a { }\npolicy b { }\nrole r {\n policies a\n policies b, a\n}\n");
        assertThat(set.role("r").orElseThrow().policies()).containsExactly("a", "b");
    }

    @Test
    void statementSources_areFileLineColumnOfTheEffect() {
        PolicySet set = load("policy p {\n    allow view on /a\n\tdeny view on /b\n}\n");
        assertThat(set.sources().statement("p", 0).orElseThrow().toString()).isEqualTo("t.policy:2:5");
        assertThat(set.sources().statement("p", 1).orElseThrow().toString()).isEqualTo("t.policy:3:2");
        assertThat(set.sources().policy("p").orElseThrow().toString()).isEqualTo("t.policy:1:8");
    }

    @Test
    void patternSources_areRecordedByTheOneParse() {
        PolicySet set = load("policy p {\n    allow view, create on /a/*, \"/b\"\n}\n");
        assertThat(set.sources().pattern("p", 0, 0)).contains(new SourceLocation("t.policy", 2, 27, 4));
        assertThat(set.sources().pattern("p", 0, 1)).contains(new SourceLocation("t.policy", 2, 33, 4));
        assertThat(set.sources().action("p", 0, 1).orElseThrow().toString()).isEqualTo("t.policy:2:17");
    }

    @Test
    void patternSources_ofARepeatedPattern_areNotRecorded() {
        PolicySet set = load("policy p {\n    allow view on /a, /b, /a\n}\n");
        assertThat(set.policy("p").orElseThrow().statements().get(0).resources()).hasSize(2);
        assertThat(set.sources().pattern("p", 0, 0)).isEmpty();
        assertThat(set.sources().statement("p", 0)).isPresent();
    }

    @Test
    void loadTexts_keepsEachText() {
        String text = "policy p {\n    allow view on /a\n}\n";
        LoadResult r = PolicyLoader.loadTexts(Map.of("t.policy", text));
        assertThat(r.texts()).containsExactly(Map.entry("t.policy", text));
    }

    @Test
    void emptyFile_loadsAnEmptySet() {
        assertThat(load("# nothing here\n")).isEqualTo(PolicySet.empty());
    }

    @Test
    void crlfLineEndingsAndByteOrderMark_areAccepted() {
        PolicySet set = load("\uFEFFpolicy p {\r\n  allow view on /a\r\n}\r\n");
        assertThat(set.sources().statement("p", 0).orElseThrow().toString()).isEqualTo("t.policy:2:3");
    }

    @Test
    void hashInsideAPattern_isPartOfIt_andRejected() {
        LoadResult r = result("policy p { allow view on /a#b }\n");
        assertThat(r.ok()).isFalse();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("E110");
            assertThat(d.location().orElseThrow().column()).isEqualTo(28);
        });
    }

    @Test
    void keywordsAreLowerCase_soCapitalisedWordsAreNames() {
        PolicySet set = load("policy Policy { allow view on /a }\n");
        assertThat(set.policy("Policy")).isPresent();
    }

    @Test
    void errorsOfEveryFile_areReportedSortedByLocation() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("b.policy", "policy q { allow veiw on /a }\npolicy r { allow view on a }\n");
        files.put("a.policy", "policy p { allow view on /a/ }\n");
        LoadResult r = PolicyLoader.loadTexts(files);
        assertThat(r.diagnostics()).extracting(d -> d.location().orElseThrow().toString())
                .containsExactly("a.policy:1:28", "b.policy:1:18", "b.policy:2:26");
    }
}
