package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.diagnostic.Diagnostic;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bird JSON as Bird's API returns it: policies with their Bird `id`, roles naming them by `{"id": ...}`. */
class BirdIdsTest {
    private static final String POLICIES = "[{\"id\": \"p-1\", \"name\": \"read\", \"definitions\": "
            + "[{\"effect\": \"allow\", \"actions\": [\"view\"], \"resources\": [\"/a\"]}]}]";

    @Test
    void aRoleNamesAPolicyById_inTheSameFileOrAnother() {
        LoadResult same = PolicyLoader.loadTexts(Map.of("p.json", POLICIES.replace("}]}]",
                "}]}, {\"name\": \"r\", \"policies\": [{\"id\": \"p-1\", \"type\": \"organization\"}]}]")));
        assertThat(same.diagnostics()).isEmpty();
        assertThat(same.orElseThrow().role("r").orElseThrow().policies()).containsExactly("read");
        LoadResult across = PolicyLoader.loadTexts(Map.of("a.json", POLICIES,
                "b.json", "{\"name\": \"r\", \"policies\": [{\"id\": \"p-1\"}, {\"name\": \"read\"}]}"));
        assertThat(across.diagnostics()).isEmpty();
        assertThat(across.orElseThrow().role("r").orElseThrow().policies()).containsExactly("read");
    }

    @Test
    void aPolicysBirdId_isWrittenBack_andAPolicyWithoutOneGetsNone() {
        LoadResult r = PolicyLoader.loadTexts(Map.of("a.json", POLICIES,
                "b.policy", "policy other { allow view on /b }\n"));
        String json = BirdJson.write(r.orElseThrow());
        assertThat(json).contains("\"id\" : \"p-1\",\n    \"name\" : \"read\"");
        assertThat(json).doesNotContain("\"id\" : \"other\"").containsOnlyOnce("\"id\"");
        LoadResult again = PolicyLoader.loadTexts(Map.of("x.json", json));
        assertThat(again.orElseThrow()).isEqualTo(r.orElseThrow());
        assertThat(again.orElseThrow().sources().externalId("read")).contains("p-1");
        assertThat(again.orElseThrow().sources().externalId("other")).isEmpty();
    }

    @Test
    void anIdNoLoadedPolicyHas_isAnError_atTheReference() {
        LoadResult r = PolicyLoader.loadTexts(Map.of("a.json", POLICIES,
                "b.json", "{\"name\": \"r\", \"policies\": [{\"id\": \"p-2\"}]}"));
        assertThat(r.ok()).isFalse();
        Diagnostic d = r.diagnostics().get(0);
        assertThat(d.code()).isEqualTo("E108");
        assertThat(d.message()).isEqualTo("role `r` names the policy with id `p-2`, and no loaded policy has that `id`");
        assertThat(d.location().orElseThrow()).hasToString("b.json:1:36");
    }

    @Test
    void aPolicysName_isNotItsId() {
        LoadResult r = PolicyLoader.loadTexts(Map.of("a.json", POLICIES,
                "b.json", "{\"name\": \"r\", \"policies\": [{\"id\": \"read\"}]}"));
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("E108");
    }
}
