package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AccessRequest;
import dev.warden.core.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {
    private static AccessRequest valid(String line) {
        BatchFormat.Line r = BatchFormat.read(line);
        assertThat(r).as(line).isInstanceOf(BatchFormat.Line.Valid.class);
        return ((BatchFormat.Line.Valid) r).request();
    }

    private static String invalid(String line) {
        BatchFormat.Line r = BatchFormat.read(line);
        assertThat(r).as(line).isInstanceOf(BatchFormat.Line.Invalid.class);
        return ((BatchFormat.Line.Invalid) r).error();
    }

    @Nested
    class Valid {
        @Test
        void actionForm_readsEveryPrincipalField() {
            AccessRequest r = valid("{\"principal\": {\"id\": \"ak_1\", \"roles\": [\"a\", \"b\"], \"policies\": [\"p\"], "
                    + "\"attributes\": {\"workspace\": \"w1\"}}, \"action\": \"view\", \"resource\": \"/w/1\"}");
            assertThat(r).isEqualTo(new AccessRequest.OnResource(Principal.builder("ak_1").role("a").role("b").policy("p")
                    .attribute("workspace", "w1").build(), "view", "/w/1"));
        }

        @Test
        void httpForm_withOnlyAnId() {
            AccessRequest r = valid("{\"principal\": {\"id\": \"ak_1\"}, \"method\": \"GET\", \"path\": \"/w?x=1\"}");
            assertThat(r).isEqualTo(new AccessRequest.Http(Principal.of("ak_1"), "GET", "/w?x=1"));
        }

        @Test
        void aContext_isReadInBothForms_andAnEmptyOneIsNone() {
            AccessRequest r = valid("{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\", "
                    + "\"context\": {\"ip\": \"10.1.2.3\", \"IP\": \"\"}}");
            assertThat(r.context()).isEqualTo(Map.of("ip", "10.1.2.3", "IP", ""));
            AccessRequest h = valid("{\"principal\": {\"id\": \"k\"}, \"method\": \"GET\", \"path\": \"/w\", \"context\": {}}");
            assertThat(h.context()).isEmpty();
            assertThat(invalid("{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\", "
                    + "\"context\": {\"ip\": \"a\", \"ip\": \"b\"}}")).contains("duplicate field 'ip'");
        }

        @Test
        void fieldOrder_doesNotMatter() {
            AccessRequest r = valid("{\"resource\": \"/w\", \"action\": \"view\", \"principal\": {\"id\": \"k\"}}");
            assertThat(r.verb()).isEqualTo("view");
            assertThat(r.target()).isEqualTo("/w");
        }

        @Test
        void emptyRolesPoliciesAndAttributes_areAllowed() {
            AccessRequest r = valid("{\"principal\": {\"id\": \"k\", \"roles\": [], \"policies\": [], \"attributes\": {}}, "
                    + "\"action\": \"view\", \"resource\": \"/w\"}");
            assertThat(r.principal().roles()).isEmpty();
            assertThat(r.principal().attributes()).isEqualTo(Map.of());
        }

        @Test
        void emptyActionAndMalformedPath_areForTheAuthorizer() {
            AccessRequest r = valid("{\"principal\": {\"id\": \"k\"}, \"action\": \"\", \"resource\": \"w//x\"}");
            assertThat(r.verb()).isEmpty();
            assertThat(r.resourcePath().isWellFormed()).isFalse();
        }

        @Test
        void whitespaceAroundTheObject_isIgnored() {
            assertThat(valid("  {\"principal\": {\"id\": \"k\"}, \"method\": \"GET\", \"path\": \"/\"}\t").verb())
                    .isEqualTo("GET");
        }

        @Test
        void escapedCharacters_areDecodedOnce() {
            AccessRequest r = valid("{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\\u00e9\"}");
            assertThat(r.target()).isEqualTo("/w\u00e9");
            assertThat(r.resourcePath().isWellFormed()).isFalse();
        }
    }

    @Nested
    class Invalid {
        @Test
        void blankLine_isInvalid() {
            assertThat(invalid("")).isEqualTo("blank line: expected a JSON object");
            assertThat(invalid(" \t ")).isEqualTo("blank line: expected a JSON object");
        }

        @Test
        void lineOverTheLengthLimit_isInvalid_atTheLimitIsRead() {
            String request = "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\"}";
            String atLimit = request + " ".repeat(BatchFormat.MAX_LINE - request.length());
            assertThat(valid(atLimit).target()).isEqualTo("/w");
            assertThat(invalid(atLimit + " ")).isEqualTo("line is longer than 1048576 characters");
        }

        @Test
        void badJson_saysWhere() {
            assertThat(invalid("{\"principal\": }")).startsWith("invalid JSON at column 15: unexpected character");
        }

        @Test
        void truncatedJson_isInvalid() {
            assertThat(invalid("{\"principal\": {\"id\": \"k\"}")).startsWith("invalid JSON at column ")
                    .contains("end-of-input").doesNotContain("Source");
        }

        @Test
        void contentAfterTheObject_isInvalid() {
            assertThat(invalid("{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\"} {}"))
                    .isEqualTo("invalid JSON at column 64: unexpected content after the request object");
        }

        @Test
        void duplicateKey_isInvalid() {
            assertThat(invalid("{\"principal\": {\"id\": \"k\", \"id\": \"j\"}, \"action\": \"view\", \"resource\": \"/w\"}"))
                    .contains("duplicate field 'id'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[] | a request must be a JSON object, not an array",
            "\"x\" | a request must be a JSON object, not a string",
            "42 | a request must be a JSON object, not a number",
            "null | a request must be a JSON object, not null",
            "{} | missing `principal`",
            "{\"principal\": [], \"action\": \"view\", \"resource\": \"/w\"} | `principal` must be an object, not an array",
            "{\"principal\": {}, \"action\": \"view\", \"resource\": \"/w\"} | missing `principal.id`",
            "{\"principal\": {\"id\": \"\"}, \"action\": \"view\", \"resource\": \"/w\"} | `principal.id` must not be empty",
            "{\"principal\": {\"id\": 7}, \"action\": \"view\", \"resource\": \"/w\"} | `principal.id` must be a string, not a number",
            "{\"principal\": {\"id\": \"k\", \"roles\": \"r\"}, \"action\": \"view\", \"resource\": \"/w\"} | `principal.roles` must be an array of strings, not a string",
            "{\"principal\": {\"id\": \"k\", \"roles\": null}, \"action\": \"view\", \"resource\": \"/w\"} | `principal.roles` must be an array of strings, not null",
            "{\"principal\": {\"id\": \"k\", \"policies\": [\"p\", 1]}, \"action\": \"view\", \"resource\": \"/w\"} | `principal.policies[1]` must be a string, not a number",
            "{\"principal\": {\"id\": \"k\", \"attributes\": []}, \"action\": \"view\", \"resource\": \"/w\"} | `principal.attributes` must be an object of strings, not an array",
            "{\"principal\": {\"id\": \"k\", \"attributes\": {\"ws\": 1}}, \"action\": \"view\", \"resource\": \"/w\"} | `principal.attributes.ws` must be a string, not a number",
            "{\"principal\": {\"id\": \"k\", \"rolse\": []}, \"action\": \"view\", \"resource\": \"/w\"} | unknown field `principal.rolse`: a principal has `id`, `roles`, `policies` and `attributes`",
            "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\", \"ctx\": 1} | unknown field `ctx`: a request has `principal`, and `action` and `resource` or `method` and `path`, and may have `context`",
            "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\", \"context\": []} | `context` must be an object of strings, not an array",
            "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\", \"context\": {\"ip\": 10}} | `context.ip` must be a string, not a number",
            "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\", \"context\": {\"ip\": null}} | `context.ip` must be a string, not null",
            "{\"principal\": {\"id\": \"k\"}} | missing `action` and `resource` (or `method` and `path`)",
            "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\"} | missing `resource`",
            "{\"principal\": {\"id\": \"k\"}, \"resource\": \"/w\"} | missing `action`",
            "{\"principal\": {\"id\": \"k\"}, \"method\": \"GET\"} | missing `path`",
            "{\"principal\": {\"id\": \"k\"}, \"path\": \"/w\"} | missing `method`",
            "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"path\": \"/w\"} | a request has `action` and `resource`, or `method` and `path`, not a mix of both",
            "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": \"/w\", \"method\": \"GET\", \"path\": \"/w\"} | a request has `action` and `resource`, or `method` and `path`, not a mix of both",
            "{\"principal\": {\"id\": \"k\"}, \"action\": [\"view\"], \"resource\": \"/w\"} | `action` must be a string, not an array",
            "{\"principal\": {\"id\": \"k\"}, \"action\": \"view\", \"resource\": null} | `resource` must be a string, not null",
            "{\"principal\": {\"id\": \"k\"}, \"method\": true, \"path\": \"/w\"} | `method` must be a string, not a boolean",
        })
        void wrongShape_saysWhatIsWrong(String line, String error) {
            assertThat(invalid(line)).isEqualTo(error);
        }
    }

    @Test
    void roleAndPolicyRepeats_areDropped() {
        AccessRequest r = valid("{\"principal\": {\"id\": \"k\", \"roles\": [\"a\", \"a\"]}, \"method\": \"GET\", \"path\": \"/\"}");
        assertThat(r.principal().roles()).isEqualTo(List.of("a"));
    }
}
