package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.dsl.BatchFormat;
import dev.warden.dsl.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The limits of {@code warden eval}'s input ({@link BatchFormat}, docs/cli.md "Limits"): each at the
 * limit (read as usual) and one past it ({@code invalid_request} naming the limit, and the
 * stream goes on), and policy-core's path limits as seen through a batch line.
 */
class LimitsTest {
    private static final Authorizer AUTHORIZER =
            Authorizer.of(PolicyLoader.load(List.of(Path.of("../examples/policies"))).orElseThrow());
    private static final String PRINCIPAL =
            "{\"id\": \"ak_1\", \"roles\": [\"channel-reader\"], \"attributes\": {\"workspace\": \"w1\"}}";
    private static final String REQUEST =
            "{\"principal\": " + PRINCIPAL + ", \"action\": \"view\", \"resource\": \"/workspaces/w1/channels\"}";
    private static final String ALLOW = "{\"decision\": \"allow\", \"reason\": \"allowed\", \"matched\": "
            + "[{\"policy\": \"channels-read\", \"effect\": \"allow\", \"source\": \"../examples/policies/channels.policy:11:5\"}]}";
    private static final String NO_MATCH = "{\"decision\": \"deny\", \"reason\": \"no_match\", \"matched\": []}";

    /** The decisions for these input lines, one per line. */
    private static List<String> eval(String... lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = BatchFormat.decideAll(AUTHORIZER, new StringReader(String.join("\n", lines) + "\n"), out);
        assertThat(n).isEqualTo(lines.length);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static String invalid(String error) {
        return "{\"decision\": \"deny\", \"reason\": \"invalid_request\", \"error\": \"" + error + "\"}";
    }

    private static String list(int n, IntFunction<String> item) {
        return IntStream.range(0, n).mapToObj(item).collect(Collectors.joining(", "));
    }

    /** {@link #REQUEST} padded with blanks inside the object to exactly {@code length} characters. */
    private static String requestOfLength(int length) {
        return REQUEST.substring(0, REQUEST.length() - 1) + " ".repeat(length - REQUEST.length()) + "}";
    }

    @Test
    void line_atTheLimit_isDecided_onePast_isInvalid_andTheStreamGoesOn() throws IOException {
        String atLimit = requestOfLength(BatchFormat.MAX_LINE);
        assertThat(atLimit).hasSize(1_048_576);
        assertThat(eval(atLimit, requestOfLength(BatchFormat.MAX_LINE + 1), REQUEST))
                .containsExactly(ALLOW, invalid("line is longer than 1048576 characters"), ALLOW);
        // a `\r` before the line feed is not part of the line
        assertThat(eval(atLimit + "\r", REQUEST)).containsExactly(ALLOW, ALLOW);
    }

    @Test
    void jsonDepth_atTheLimit_isReadForItsShape_onePast_isADepthError() throws IOException {
        // the request (1), the principal (2), roles (3) and 13 more arrays: 16 levels
        String atLimit = "{\"principal\": {\"id\": \"k\", \"roles\": " + "[".repeat(14) + "]".repeat(14) + "}}";
        String onePast = "{\"principal\": {\"id\": \"k\", \"roles\": " + "[".repeat(15) + "]".repeat(15) + "}}";
        int column = onePast.indexOf('[') + 15; // the `[` that opens level 17
        assertThat(eval(atLimit, onePast, REQUEST)).containsExactly(
                invalid("`principal.roles[0]` must be a string, not an array"),
                invalid("invalid JSON at column " + column + ": nested deeper than 16 levels"),
                ALLOW);
    }

    @Test
    void otherJsonLimits_sayWhatIsWrong() throws IOException {
        String line = "{\"principal\": {\"id\": \"k\"}, \"action\": " + "1".repeat(1001) + "}";
        List<String> out = eval(line, REQUEST);
        assertThat(out.get(0)).startsWith(invalid("invalid JSON at column").replace("\"}", ""))
                .contains("number value length (1001) exceeds the maximum allowed (1000")
                .doesNotContain("StreamReadConstraints");
        assertThat(out.get(1)).isEqualTo(ALLOW);
    }

    @Test
    void rolesPerPrincipal_atTheLimit_areRead_onePast_isInvalid() throws IOException {
        String atLimit = list(BatchFormat.MAX_ROLES - 1, i -> "\"r" + i + "\"") + ", \"channel-reader\"";
        String onePast = atLimit + ", \"one-more\"";
        assertThat(eval(
                "{\"principal\": {\"id\": \"k\", \"roles\": [" + atLimit + "], \"attributes\": {\"workspace\": \"w1\"}}, "
                        + "\"action\": \"view\", \"resource\": \"/workspaces/w1/channels\"}",
                "{\"principal\": {\"id\": \"k\", \"roles\": [" + onePast + "]}, \"method\": \"GET\", \"path\": \"/a\"}"))
                .containsExactly(
                        // r0..r998 are not loaded: unknown_policy names the first
                        "{\"decision\": \"deny\", \"reason\": \"unknown_policy\", "
                                + "\"error\": \"principal `k` names role `r0`, which is not loaded\"}",
                        invalid("`principal.roles` has 1001 items, more than 1000"));
    }

    @Test
    void policiesPerPrincipal_atTheLimit_areRead_onePast_isInvalid() throws IOException {
        // repeats count: the limit is on the items of the list as written
        String atLimit = list(BatchFormat.MAX_POLICIES, i -> "\"channels-read\"");
        assertThat(eval(
                "{\"principal\": {\"id\": \"k\", \"policies\": [" + atLimit + "], \"attributes\": {\"workspace\": \"w1\"}}, "
                        + "\"action\": \"view\", "
                        + "\"resource\": \"/workspaces/w1/channels\"}",
                "{\"principal\": {\"id\": \"k\", \"policies\": [" + atLimit + ", \"x\"]}, \"action\": \"view\", "
                        + "\"resource\": \"/workspaces/w1/channels\"}"))
                .containsExactly(ALLOW, invalid("`principal.policies` has 1001 items, more than 1000"));
    }

    @Test
    void attributesPerPrincipal_atTheLimit_areRead_onePast_isInvalid() throws IOException {
        String atLimit = list(BatchFormat.MAX_ATTRIBUTES - 1, i -> "\"a" + i + "\": \"v\"") + ", \"workspace\": \"w1\"";
        String head = "{\"principal\": {\"id\": \"k\", \"roles\": [\"channel-reader\"], \"attributes\": {";
        String tail = "}}, \"action\": \"view\", \"resource\": \"/workspaces/w1/channels\"}";
        assertThat(eval(head + atLimit + tail, head + atLimit + ", \"b\": \"v\"" + tail))
                .containsExactly(ALLOW, invalid("`principal.attributes` has 1001 attributes, more than 1000"));
    }

    @Test
    void pathLimits_ofPolicyCore_makeALineMalformed_inBothForms() throws IOException {
        int max = dev.warden.core.Limits.MAX_PATH_LENGTH;
        String longAtLimit = "/workspaces/w1/" + "x".repeat(max - "/workspaces/w1/".length());
        String segmentsAtLimit = "/workspaces/w1" + "/s".repeat(dev.warden.core.Limits.MAX_PATH_SEGMENTS - 2);
        String malformedLong = "{\"decision\": \"deny\", \"reason\": \"malformed_request\", "
                + "\"error\": \"path is longer than 4096 bytes\"}";
        String malformedSegments = "{\"decision\": \"deny\", \"reason\": \"malformed_request\", "
                + "\"error\": \"path has more than 128 segments\"}";
        String p = "{\"principal\": " + PRINCIPAL;
        assertThat(eval(
                p + ", \"action\": \"view\", \"resource\": \"" + longAtLimit + "\"}",
                p + ", \"action\": \"view\", \"resource\": \"" + longAtLimit + "x\"}",
                p + ", \"method\": \"GET\", \"path\": \"" + longAtLimit + "?q=1\"}",
                p + ", \"method\": \"GET\", \"path\": \"" + longAtLimit + "x?q=1\"}",
                p + ", \"action\": \"view\", \"resource\": \"" + segmentsAtLimit + "\"}",
                p + ", \"action\": \"view\", \"resource\": \"" + segmentsAtLimit + "/s\"}",
                p + ", \"method\": \"GET\", \"path\": \"" + segmentsAtLimit + "\"}",
                p + ", \"method\": \"GET\", \"path\": \"" + segmentsAtLimit + "/s\"}"))
                .containsExactly(NO_MATCH, malformedLong, NO_MATCH, malformedLong,
                        NO_MATCH, malformedSegments, NO_MATCH, malformedSegments);
    }
}
