package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Operation#read}: OpenAPI 3 documents in YAML and JSON, and the plain list beside them. */
class OpenApiReaderTest {
    private static final SourceLocation AT = new SourceLocation("s", 1, 1);


    static List<String> described(List<Operation> ops) {
        return ops.stream().map(o -> o.method() + " " + o.path() + " @ " + o.source()).toList();
    }

    @Nested
    class Yaml {
        static final String EVERY_METHOD = """
                openapi: 3.0.3
                info: {title: every method, version: '1'}
                servers:
                  - url: https://api.example.com/v1
                paths:
                  /workspaces/{workspaceId}/channels/{channelId}:
                    parameters:
                      - {name: workspaceId, in: path, required: true, schema: {type: string}}
                      - {name: channelId, in: path, required: true, schema: {type: string}}
                    get:
                      responses: {'200': {description: ok}}
                    put:
                      responses: {'200': {description: ok}}
                    post:
                      responses: {'201': {description: created}}
                    delete:
                      responses: {'204': {description: gone}}
                    options:
                      responses: {'200': {description: ok}}
                    head:
                      responses: {'200': {description: ok}}
                    patch:
                      responses: {'200': {description: ok}}
                    trace:
                      responses: {'200': {description: ok}}
                """;

        @Test
        void everyMappedMethod_isAnOperation_traceSkipped_sourceIsTheMethodKey() {
            List<Operation> ops = Operation.read("api.yaml", EVERY_METHOD);

            String p = "/workspaces/{workspaceId}/channels/{channelId}";
            assertThat(described(ops)).containsExactly(
                    "GET " + p + " @ api.yaml:10:5",
                    "PUT " + p + " @ api.yaml:12:5",
                    "POST " + p + " @ api.yaml:14:5",
                    "DELETE " + p + " @ api.yaml:16:5",
                    "OPTIONS " + p + " @ api.yaml:18:5",
                    "HEAD " + p + " @ api.yaml:20:5",
                    "PATCH " + p + " @ api.yaml:22:5");
            assertThat(ops).extracting(Operation::action)
                    .containsExactly("view", "update", "create", "delete", "view", "view", "update");
        }

        @Test
        void pathsAreTakenAsWritten_serversUrlNotPrefixed() {
            List<Operation> ops = Operation.read("api.yaml", EVERY_METHOD);

            assertThat(ops).allSatisfy(o -> assertThat(o.path()).startsWith("/workspaces/"));
            assertThat(ops.get(0).asPattern()).isEqualTo("/workspaces/*/channels/*");
        }

        @Test
        void severalPaths_keepTheDocumentsOrder() {
            String doc = """
                    openapi: 3.1.0
                    info: {title: t, version: '1'}
                    paths:
                      /b:
                        post: {responses: {'201': {description: created}}}
                      /a/{id}:
                        get:
                          parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                          responses: {'200': {description: ok}}
                    """;

            assertThat(described(Operation.read("dir/api.yml", doc))).containsExactly(
                    "POST /b @ dir/api.yml:5:5", "GET /a/{id} @ dir/api.yml:7:5");
        }

        @Test
        void pathItemInComponents_isRead_atThePathKey() {
            String doc = """
                    openapi: 3.1.0
                    info: {title: t, version: '1'}
                    paths:
                      /channels:
                        $ref: '#/components/pathItems/channels'
                    components:
                      pathItems:
                        channels:
                          get: {responses: {'200': {description: ok}}}
                          post: {responses: {'201': {description: created}}}
                    """;

            assertThat(described(Operation.read("api.yaml", doc))).containsExactly(
                    "GET /channels @ api.yaml:4:3", "POST /channels @ api.yaml:4:3");
        }

        @Test
        void pathItemInAnotherFile_isRejected_namingThePath() {
            String doc = """
                    openapi: 3.0.3
                    info: {title: t, version: '1'}
                    paths:
                      /channels:
                        $ref: 'other.yaml#/paths/~1channels'
                    """;

            assertThatThrownBy(() -> Operation.read("api.yaml", doc))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("api.yaml:4:3: path `/channels` is a reference to `")
                    .hasMessageContaining("other.yaml#/paths/~1channels`, which is not read");
        }

        @Test
        void noPaths_isNoOperation() {
            String doc = """
                    openapi: 3.1.0
                    info: {title: webhooks only, version: '1'}
                    webhooks:
                      newChannel:
                        post: {responses: {'200': {description: ok}}}
                    """;

            assertThat(Operation.read("api.yaml", doc)).isEmpty();
        }
    }

    @Nested
    class Json {
        @Test
        void jsonDocument_isRead_withLinesOfItsMethodKeys() {
            String doc = """
                    {
                      "openapi": "3.0.3",
                      "info": {"title": "channels", "version": "1"},
                      "paths": {
                        "/workspaces/{workspaceId}/channels": {
                          "parameters": [{"name": "workspaceId", "in": "path", "required": true, "schema": {"type": "string"}}],
                          "get": {"responses": {"200": {"description": "ok"}}},
                          "post": {"responses": {"201": {"description": "created"}}}
                        },
                        "/workspaces/{workspaceId}/channels/{channelId}/messages": {
                          "parameters": [{"name": "workspaceId", "in": "path", "required": true, "schema": {"type": "string"}},
                                         {"name": "channelId", "in": "path", "required": true, "schema": {"type": "string"}}],
                          "get": {"responses": {"200": {"description": "ok"}}}
                        }
                      }
                    }
                    """;

            assertThat(described(Operation.read("api.json", doc))).containsExactly(
                    "GET /workspaces/{workspaceId}/channels @ api.json:7:7",
                    "POST /workspaces/{workspaceId}/channels @ api.json:8:7",
                    "GET /workspaces/{workspaceId}/channels/{channelId}/messages @ api.json:13:7");
        }
    }

    @Nested
    class Templates {
        @Test
        void wholeAndPartialParameters_becomeSegmentWildcards() {
            assertThat(new Operation("GET", "/w/{id}/files/{name}.pdf", AT).asPattern()).isEqualTo("/w/*/files/*.pdf");
            assertThat(new Operation("GET", "/w/{a}{b}/x", AT).asPattern()).isEqualTo("/w/*/x");
            assertThat(new Operation("GET", "/w/v{major}-{minor}", AT).asPattern()).isEqualTo("/w/v*-*");
            assertThat(new Operation("GET", "/w/{}/x", AT).asPattern()).isEqualTo("/w/{}/x");
        }

        @Test
        void partialParameter_meetsThePatternsItCan_inLint() {
            String doc = """
                    openapi: 3.0.3
                    info: {title: t, version: '1'}
                    paths:
                      /files/{name}.pdf:
                        get:
                          parameters: [{name: name, in: path, required: true, schema: {type: string}}]
                          responses: {'200': {description: ok}}
                    """;
            PolicySet set = LintTest.inRole(new Policy("p", List.of(
                    LintTest.allow("view", "/files/report.pdf", "/files/report.txt"))));

            List<Diagnostic> f = Lint.analyze(set, Operation.read("api.yaml", doc));

            assertThat(f).extracting(LintTest::rule).containsExactly(Rule.UNMATCHED_PATTERN);
            assertThat(f.get(0).message()).contains("`/files/report.txt`");
        }
    }

    @Nested
    class PlainList {
        @Test
        void aListIsStillAList() {
            String list = """
                    # the operations
                    GET /workspaces/{workspaceId}/channels
                    POST /workspaces/{workspaceId}/channels  # create
                    """;

            assertThat(described(Operation.read("api.txt", list))).containsExactly(
                    "GET /workspaces/{workspaceId}/channels @ api.txt:2:1",
                    "POST /workspaces/{workspaceId}/channels @ api.txt:3:1");
        }

        @Test
        void aBadListLine_isStillReportedAsAListLine() {
            assertThatThrownBy(() -> Operation.read("api.txt", "GET /a\nGET\n"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("api.txt:2: expected `METHOD /path`, found `GET`");
        }
    }

    @Nested
    class Rejected {
        @Test
        void swagger2_isRejected_namingTheFile() {
            String doc = """
                    swagger: "2.0"
                    info: {title: old, version: '1'}
                    paths:
                      /channels:
                        get: {responses: {'200': {description: ok}}}
                    """;

            assertThatThrownBy(() -> Operation.read("old.yaml", doc))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("`old.yaml` is a Swagger 2.0 document; only OpenAPI 3 documents are read: "
                            + "convert it to OpenAPI 3 first");
        }

        @Test
        void anotherOpenApiVersion_isRejected() {
            assertThatThrownBy(() -> Operation.read("api.yaml", "openapi: '2.5'\npaths: {}\n"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("`api.yaml` declares `openapi: 2.5`; the OpenAPI parser reads OpenAPI 3.0.x and 3.1.x documents");
            assertThatThrownBy(() -> Operation.read("api.yaml", "openapi: 3.2.0\npaths: {}\n"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("`api.yaml` declares `openapi: 3.2.0`; the OpenAPI parser reads OpenAPI 3.0.x and 3.1.x documents");
        }

        @Test
        void documentWithProblems_isRejected_withTheParsersMessages() {
            String doc = """
                    openapi: 3.0.3
                    paths:
                      /channels:
                        get:
                          responses: {'200': {description: ok}}
                        post: 17
                    """;

            assertThatThrownBy(() -> Operation.read("api.yaml", doc))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("`api.yaml` is not a valid OpenAPI 3.0.3 document; the OpenAPI parser reports:\n  - ")
                    .hasMessageContaining("attribute info is missing")
                    .hasMessageContaining("post");
        }

        @Test
        void brokenYaml_isRejected_withItsLine() {
            String doc = """
                    openapi: 3.0.3
                    info: {title: t, version: '1'}
                    paths:
                      /channels:
                        get: {responses: {'200': {description: ok}}
                    """;

            assertThatThrownBy(() -> Operation.read("api.yaml", doc))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("api.yaml:5:48: `api.yaml` is not valid YAML: while parsing a flow mapping; "
                            + "expected ',' or '}', but got <stream end>");
        }

        @Test
        void brokenJson_isRejected_withItsLine() {
            String doc = "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\n}\n";

            assertThatThrownBy(() -> Operation.read("api.json", doc))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("api.json:5:1: `api.json` is not valid JSON: Unexpected end-of-input: "
                            + "expected close marker for Object (opened at line 1, column 1)");
        }

        @Test
        void pathWarden_cannotRead_isRejected_withItsSource() {
            String doc = """
                    openapi: 3.0.3
                    info: {title: t, version: '1'}
                    paths:
                      /channels/:
                        get: {responses: {'200': {description: ok}}}
                    """;

            assertThatThrownBy(() -> Operation.read("api.yaml", doc))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("api.yaml:5:5: `/channels/` is not an absolute path template with segments; "
                            + "lint cannot compare it with patterns");
        }
    }
}
