package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Explanation;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.ResourcePath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explanation renderers as a Java caller uses them (the CLI's golden files pin every byte). */
class ExplanationRenderersTest {
    private static final PolicySet SET = PolicyLoader.loadTexts(Map.of("a.policy",
            "policy read {\n    allow view on /a/*\n}\nrole reader { policies read }\n")).policySet().orElseThrow();
    private static final Authorizer AUTHORIZER = Authorizer.builder().noCache().build(SET);
    private static final Principal READER = Principal.builder("k1").role("reader").build();

    @Test
    void json_requestOnACanonicalPath_isWrittenAsAnActionOnAResource() throws Exception {
        Explanation e = Explanation.of(AUTHORIZER, new AccessRequest.OnPath(READER, "view", ResourcePath.ofResource("/a/b")));

        JsonNode json = new ObjectMapper().readTree(ExplanationJson.render(e));

        assertThat(json.at("/request/action").asText()).isEqualTo("view");
        assertThat(json.at("/request/resource").asText()).isEqualTo("/a/b");
        assertThat(json.at("/statements/0/outcome").asText()).isEqualTo("matches");
        assertThat(json.at("/decision/reason").asText()).isEqualTo("allowed");
        assertThat(json.at("/consistent").asBoolean()).isTrue();
    }

    @Test
    void text_noMatch_saysWhereThePatternStopped() {
        Explanation e = Explanation.of(AUTHORIZER, new AccessRequest.Http(READER, "GET", "/a/b/c?x=1"));

        assertThat(ExplanationText.render(SET, e))
                .startsWith("request: `k1` GET `/a/b/c?x=1`\naction: view (HTTP GET)\npath: /a/b/c\n")
                .contains("statements for `view` that do not match (1):\n"
                        + "  a.policy:2:5: allow view on /a/* (policy `read`)\n"
                        + "    no match  /a/*: the path goes on past the pattern's last segment (`c`); "
                        + "a pattern does not cover its children\n")
                .endsWith("deny: `k1` may not GET `/a/b/c?x=1`\n"
                        + "reason: no_match (no statement allows it: the default is deny)\n");
    }
}
