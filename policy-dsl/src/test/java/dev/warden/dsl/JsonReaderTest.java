package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import dev.warden.core.diagnostic.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bird JSON: the shapes read, what is ignored, embedded copies. */
class JsonReaderTest {
    static final String READ = """
            {"id": "p-1", "name": "read", "description": "Read channels", "scope": "organization",
             "createdAt": "2024-01-01T00:00:00Z", "metadata": {"x": [1, 2, {"y": null}]},
             "definitions": [{"effect": "allow", "actions": ["view"], "resources": ["/w/*/channels"],
                              "conditionsAll": [], "conditionsAny": null, "extra": true}]}
            """;
    static final Policy READ_POLICY = new Policy("read", "Read channels",
            List.of(Statement.of(Effect.ALLOW, List.of("view"), List.of("/w/*/channels"))));

    static LoadResult json(String text) {
        return PolicyLoader.loadTexts(Map.of("t.json", text));
    }

    @Test
    void policyObject_readsNameDescriptionAndDefinitions_ignoringUnknownFields() {
        PolicySet set = json(READ).orElseThrow();
        assertThat(set.policies()).containsExactly(READ_POLICY);
    }

    @Test
    void roleObject_withReferences_namesPoliciesOfOtherFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("role.json", "{\"id\": \"r-1\", \"name\": \"reader\", \"description\": \"d\", "
                + "\"policies\": [{\"id\": \"p-1\", \"name\": \"read\"}]}");
        files.put("read.json", READ);
        PolicySet set = PolicyLoader.loadTexts(files).orElseThrow();
        assertThat(set.role("reader")).contains(new Role("reader", "d", List.of("read")));
    }

    @Test
    void roleObject_withEmbeddedPolicies_loadsThePolicies() {
        PolicySet set = json("{\"name\": \"reader\", \"policies\": [" + READ + "]}").orElseThrow();
        assertThat(set.policies()).containsExactly(READ_POLICY);
        assertThat(set.role("reader").orElseThrow().policies()).containsExactly("read");
    }

    @Test
    void array_ofPoliciesAndRoles_loadsThemAll() {
        PolicySet set = json("[" + READ + ", {\"name\": \"reader\", \"policies\": [{\"name\": \"read\"}]}]").orElseThrow();
        assertThat(set.policies()).hasSize(1);
        assertThat(set.roles()).hasSize(1);
    }

    @Test
    void listResponse_resultsWrapper_loadsItsItems_ignoringPaging() {
        PolicySet set = json("{\"limit\": 10, \"nextPageToken\": \"abc\", \"results\": [" + READ + "]}").orElseThrow();
        assertThat(set.policies()).containsExactly(READ_POLICY);
    }

    @Test
    void identicalCopies_inRolesAndStandalone_areOnePolicy() {
        String role = "{\"name\": \"reader\", \"policies\": [" + READ + "]}";
        String role2 = "{\"name\": \"auditor\", \"policies\": [" + READ + "]}";
        LoadResult r = json("[" + role + ", " + READ + ", " + role2 + "]");
        assertThat(r.ok()).isTrue();
        assertThat(r.orElseThrow().policies()).containsExactly(READ_POLICY);
        assertThat(r.orElseThrow().sources().policy("read").orElseThrow().toString()).isEqualTo("t.json:5:28"); // the standalone one, not the first copy
    }

    @Test
    void differentCopies_underOneName_areALoadError() {
        String other = READ.replace("/w/*/channels", "/w/**");
        LoadResult r = json("[" + READ + ", {\"name\": \"reader\", \"policies\": [" + other + "]}]");
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E111");
    }

    @Test
    void twoStandalonePolicies_underOneName_areDuplicates() {
        LoadResult r = json("[" + READ + ", " + READ + "]");
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E106");
    }

    @Test
    void nonEmptyConditionsAllOrAny_areALoadError() {
        assertThat(json(READ.replace("\"conditionsAll\": []", "\"conditionsAll\": [{\"k\": 1}]")).diagnostics())
                .extracting(Diagnostic::code).containsExactly("E109");
        assertThat(json(READ.replace("\"conditionsAny\": null", "\"conditionsAny\": [{\"k\": 1}]")).diagnostics())
                .extracting(Diagnostic::code).containsExactly("E109");
    }

    @Test
    void fieldsThatWouldChangeAStatement_underANameWardenDoesNotRead_areALoadError() {
        for (String key : List.of("notResources", "NotResource", "notActions", "not_actions", "conditions", "Condition",
                "ConditionsAll", "conditionsany", "CONDITIONSANY", "Resources", "resource", "Actions", "action",
                "Effect", "EFFECT")) {
            LoadResult r = json(READ.replace("\"extra\": true", "\"" + key + "\": [\"delete\"]"));
            assertThat(r.ok()).as(key).isFalse();
            assertThat(r.diagnostics()).as(key).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("E206");
                assertThat(d.message()).startsWith("`" + key + "` is not supported: Warden reads `");
                assertThat(d.location().orElseThrow()).hasToString("t.json:4:63");
                assertThat(d.location().orElseThrow().length()).isEqualTo(key.length() + 2);
            });
        }
    }

    @Test
    void notResources_saysThatOnlyResourcesIsRead() {
        LoadResult r = json(READ.replace("\"extra\": true", "\"notResources\": [\"/w/1/channels\"]"));
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("`notResources` is not supported: Warden reads `resources` only");
            assertThat(d.hint().orElseThrow()).contains("grant or deny more than written");
        });
        LoadResult cased = json(READ.replace("\"extra\": true", "\"Resources\": [\"/w/1/secrets\"]"));
        assertThat(cased.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "`Resources` is not supported: Warden reads `resources` (field names are case-sensitive)");
    }

    @Test
    void misnamedRequiredField_isReportedOnce_notAlsoAsMissing() {
        LoadResult r = json("""
                {"name": "p", "definitions": [{"Effect": "allow", "Action": ["view"], "Resource": ["/a"]}]}
                """);
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E206", "E206", "E206");
    }

    @Test
    void otherUnknownFields_ofADefinition_stayIgnored() {
        PolicySet set = json(READ.replace("\"extra\": true", "\"id\": \"d-1\", \"resourceId\": \"r-1\", "
                + "\"actionsCount\": 2, \"effectiveFrom\": \"2024-01-01\", \"notes\": \"x\"")).orElseThrow();
        assertThat(set.policies()).containsExactly(READ_POLICY);
    }

    @Test
    void actionsDeclaration_besideResults_declaresActions() {
        PolicySet set = json("""
                {"actions": ["approve"], "results": [
                  {"name": "p", "definitions": [{"effect": "Allow", "actions": ["APPROVE", "*"], "resources": ["/a"]}]}
                ]}
                """).orElseThrow();
        assertThat(set.declaredActions()).containsExactly("approve");
        assertThat(set.policy("p").orElseThrow().statements().get(0).actions()).containsExactly("approve", "any");
    }

    @Test
    void undeclaredAction_isUnknown_withAHint() {
        LoadResult r = json("{\"name\": \"p\", \"definitions\": [{\"effect\": \"allow\", \"actions\": [\"veiw\"], "
                + "\"resources\": [\"/a\"]}]}");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("E103");
            assertThat(d.hint()).contains("did you mean `view`?");
            assertThat(d.location().orElseThrow().column()).isEqualTo(64);
        });
    }

    @Test
    void patternErrorInAnEscapedString_pointsAtTheEscape() {
        LoadResult r = json("{\"name\": \"p\", \"definitions\": [{\"effect\": \"allow\", \"actions\": [\"view\"], "
                + "\"resources\": [\"/a\\u002Fb/c\\u00e9\"]}]}");
        // "/a\u002Fb/c\u00e9" decodes to "/a/b/cé": the é comes from the second escape
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("E110");
            assertThat(d.location().orElseThrow().column()).isEqualTo(98);
        });
    }

    @Test
    void duplicateJsonKeys_areRejected() {
        LoadResult r = json("{\"name\": \"p\", \"name\": \"q\", \"definitions\": []}");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("E201");
            assertThat(d.message()).contains("duplicate field `name`");
        });
    }

    @Test
    void deeplyNestedJson_isALimitError_notAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(json(deep).diagnostics()).extracting(Diagnostic::code).containsExactly("E307");
    }

    @Test
    void emptyFile_isAnError() {
        assertThat(json("  \n").diagnostics()).extracting(Diagnostic::code).containsExactly("E201");
    }

    @Test
    void readOnItsOwn_namesTheFileAsGiven() {
        LoadResult r = BirdJson.read("export", READ);
        assertThat(r.orElseThrow().sources().statement("read", 0).orElseThrow().toString()).startsWith("export:");
    }
}
