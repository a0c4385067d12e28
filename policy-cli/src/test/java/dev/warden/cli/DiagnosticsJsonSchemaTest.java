package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path that prints diagnostics as JSON (the commands' {@code --error-format json}, {@code
 * warden lint --format json}, {@code warden keys check}, {@code POST /v1/reload} of a real server
 * on a loopback port) prints the one shape: each output is validated against {@code
 * docs/diagnostics.schema.json} with a JSON Schema validator.
 */
class DiagnosticsJsonSchemaTest {
    private static final String INPUTS = "src/test/resources/golden/inputs/";
    private static final String BROKEN = INPUTS + "broken.policy";
    private static final String POLICIES = """
            policy read { allow view on /workspaces/*/channels }
            role reader { policies read }
            """;
    private static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSchema() throws IOException {
        String text = Files.readString(Path.of("..", "docs", "diagnostics.schema.json"), StandardCharsets.UTF_8);
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
    }

    /** Validates a document and gives its diagnostics' codes. */
    private static List<String> codes(String json) throws IOException {
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertThat(errors).as("schema errors of %s", json).isEmpty();
        List<String> codes = new ArrayList<>();
        new ObjectMapper().readTree(json).get("diagnostics").forEach(d -> codes.add(d.get("code").asText()));
        return codes;
    }

    @Test
    void loadErrors_ofEveryCommandThatLoadsPolicies_followTheSchema() throws IOException {
        List<String[]> runs = List.of(
                new String[] {"check", "--error-format", "json", "--policies", BROKEN, "--principal", "a", "view", "/a"},
                new String[] {"eval", "--error-format", "json", "--policies", BROKEN},
                new String[] {"explain", "--error-format", "json", "--policies", BROKEN, "--principal", "a", "view", "/a"},
                new String[] {"diff", "--error-format", "json", BROKEN, INPUTS + "diff/new"},
                new String[] {"fmt", "--check", "--error-format", "json", INPUTS + "fmt-bad/bad.policy"},
                new String[] {"test", "--error-format", "json", INPUTS + "test/broken"});
        for (String[] args : runs) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(codes(r.err())).as(String.join(" ", args)).isNotEmpty().allMatch(c -> c.startsWith("E"));
        }
    }

    @Test
    void lintWithSuppressedFindingsShown_followsTheSchema() throws IOException {
        CliRun r = CliRun.of("lint", "--format", "json", "--show-suppressed", INPUTS + "suppress/inline.policy");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(codes(r.out())).containsExactly("W004", "W004");
    }

    @Test
    void testFileErrors_followTheSchema() throws IOException {
        CliRun r = CliRun.of("test", "--error-format", "json", INPUTS + "test/bad/errors.wtest");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(codes(r.err())).contains("E501", "E502", "E504");
    }

    @Test
    void lintFindings_andLintLoadErrors_followTheSchema() throws IOException {
        CliRun findings = CliRun.of("lint", "--format", "json", INPUTS + "lint/W003-yes.policy");
        assertThat(findings.exitCode()).isEqualTo(ExitCode.FINDING);
        assertThat(codes(findings.out())).containsExactly("W003", "W001");
        JsonNode first = new ObjectMapper().readTree(findings.out()).get("diagnostics").get(0);
        assertThat(first.get("name").asText()).isEqualTo("shadowed-allow");
        assertThat(first.get("message").asText()).doesNotContain("[shadowed-allow]");
        CliRun broken = CliRun.of("lint", "--format", "json", INPUTS + "lint/broken.policy");
        assertThat(broken.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(codes(broken.out())).containsExactly("E103");
    }

    @Test
    void keysFileErrors_ofKeysCheckAndServe_followTheSchema() throws IOException {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [\n  {\"id\": \"a\", \"rolse\": []},\n  {\"id\": \"b\", \"hash\": \"md5:x\"}\n]}");
        CliRun check = CliRun.of("keys", "check", "--error-format", "json", keys.toString());
        assertThat(check.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(codes(check.err())).containsExactly("K103", "K105");
        CliRun missing = CliRun.of("keys", "check", "--error-format", "json", dir.resolve("none.json").toString());
        assertThat(codes(missing.err())).containsExactly("K001");
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        CliRun serve = CliRun.of("serve", "--error-format", "json", "--policies", policies.toString(), "--keys",
                keys.toString(), "--port", "0");
        assertThat(serve.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(codes(serve.err())).containsExactly("K103", "K105");
        CliRun badPolicies = CliRun.of("serve", "--error-format", "json", "--policies", BROKEN, "--keys",
                keys.toString(), "--port", "0");
        assertThat(codes(badPolicies.err())).containsExactly("E103", "E108");
    }

    @Test
    void keysFileWarnings_followTheSchema() throws IOException {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"id\": \"a\", \"hash\": \"" + dev.warden.gateway.AccessKeys.hash("k")
                + "\", \"attributes\": {\"workspace\": \"a/b\"}}]}");
        CliRun check = CliRun.of("keys", "check", "--error-format", "json", keys.toString());
        assertThat(check.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(codes(check.err())).containsExactly("K201");
    }

    @Test
    void reloadAnswers_ofARealServer_followTheSchema() throws Exception {
        Path policies = dir.resolve("p.policy");
        Files.writeString(policies, POLICIES);
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": []}");
        HttpClient http = HttpClient.newHttpClient();
        try (WardenServer s = WardenServer.builder().policies(List.of(policies)).keysFile(keys).port(0).adminPort(0)
                .watch(false).start()) {
            HttpRequest reload = HttpRequest.newBuilder(s.adminUri().orElseThrow().resolve("/v1/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            Files.writeString(policies, POLICIES.replace("allow view", "allow veiw"));
            HttpResponse<String> failed = http.send(reload, HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(422);
            assertThat(codes(failed.body())).containsExactly("E103");
            Files.writeString(policies, POLICIES);
            HttpResponse<String> ok = http.send(reload, HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(codes(ok.body())).isEmpty();
            Files.writeString(keys, "{\"keys\": [{\"id\": \"a\"}]}");
            HttpResponse<String> badKeys = http.send(reload, HttpResponse.BodyHandlers.ofString());
            assertThat(badKeys.statusCode()).isEqualTo(422);
            assertThat(codes(badKeys.body())).isEmpty(); // the policies' own; the keys file's are under "keys"
            assertThat(badKeys.body()).contains("\"code\":\"K104\"");
        }
    }

    @Test
    void schema_refusesTheShapesItReplaced() {
        String array = "[{\"severity\": \"error\", \"code\": \"E103\", \"file\": \"a\", \"line\": 1, \"column\": 1, "
                + "\"length\": 1, \"message\": \"m\", \"hint\": \"\"}]";
        String findings = "{\"findings\": [{\"code\": \"W001\", \"severity\": \"warning\", \"file\": \"a\", \"line\": 1, "
                + "\"column\": 1, \"message\": \"m\", \"hint\": \"h\"}]}";
        String flatLocation = "{\"diagnostics\": [{\"severity\": \"error\", \"code\": \"E103\", \"location\": \"a:1:1\", "
                + "\"message\": \"m\", \"related\": []}]}";
        assertThat(schema.validate(array, InputFormat.JSON)).isNotEmpty();
        assertThat(schema.validate(findings, InputFormat.JSON)).isNotEmpty();
        assertThat(schema.validate(flatLocation, InputFormat.JSON)).isNotEmpty();
    }
}
