package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.Authorizer;
import dev.warden.core.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fuzzes the batch input of {@code warden eval} ({@link BatchFormat#decideAll}): the line reader
 * against a plain split of the text, and the whole stream (line reader, request parser,
 * authorizer, decision writer) on any bytes.
 * Every input line gets exactly one decision line, a JSON object with a known decision and reason;
 * a line that is not a request gets {@code invalid_request} with an error; nothing throws.
 *
 * <p>The default test run replays {@code src/test/resources/dev/warden/dsl/BatchInputFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/reliability.md, "Fuzzing").
 */
class BatchInputFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REASONS = Stream.of(Reason.values()).map(Reason::code).collect(Collectors.toSet());
    private static final Authorizer AUTHORIZER = Authorizer.builder().cacheMaximumSize(64).build(PolicyLoader.loadTexts(Map.of(
            "channels.policy", """
                    policy read {
                        allow view on /workspaces/*/channels, /workspaces/*/channels/*
                        allow view on /workspaces/*/channels/*/messages/**
                    }
                    policy send { allow create on /workspaces/*/channels/*/messages }
                    policy no-connectors { deny create, update, delete on /workspaces/*/connectors/** }
                    policy own { allow any on /workspaces/${principal.workspace}/** }
                    role reader { policies read }
                    role sender { policies read, send, no-connectors }
                    """)).orElseThrow());

    @FuzzTest(maxDuration = "5m")
    void lineReader(FuzzedDataProvider data) throws IOException {
        int max = data.consumeInt(1, 40);
        String text = data.consumeRemainingAsString();
        LineReader reader = new LineReader(new StringReader(text), max, () -> { });
        List<LineReader.Line> actual = new ArrayList<>();
        for (LineReader.Line line; (line = reader.next()) != null; ) {
            actual.add(line);
        }
        assertThat(actual).as("lines of `%s`, at most %d characters", text, max).isEqualTo(expectedLines(text, max));
    }

    @FuzzTest(maxDuration = "5m")
    void eval(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = BatchFormat.decideAll(AUTHORIZER,
                new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8), out);
        String text = new String(input, StandardCharsets.UTF_8);
        int lines = expectedLines(text, Integer.MAX_VALUE - 1).size();
        assertThat(count).as("lines read").isEqualTo(lines);
        String written = out.toString(StandardCharsets.UTF_8);
        List<String> decisions = written.isEmpty() ? List.of() : List.of(written.split("\n", -1));
        assertThat(written.isEmpty() || written.endsWith("\n")).as("every decision ends its line").isTrue();
        assertThat(lines == 0 ? 0 : decisions.size() - 1).as("one decision per input line").isEqualTo(lines);
        for (int i = 0; i < lines; i++) {
            JsonNode d = JSON.readTree(decisions.get(i));
            assertThat(d.isObject()).as("decision %d: %s", i, decisions.get(i)).isTrue();
            String decision = d.path("decision").asText();
            String reason = d.path("reason").asText();
            assertThat(decision).as("decision %d: %s", i, decisions.get(i)).isIn("allow", "deny");
            assertThat(reason).as("reason %d: %s", i, decisions.get(i)).isIn(REASONS);
            assertThat(decision.equals("allow")).isEqualTo(reason.equals(Reason.ALLOWED.code()));
            if (reason.equals(Reason.INVALID_REQUEST.code())) {
                assertThat(d.path("error").asText()).as("error of %s", decisions.get(i)).isNotBlank();
            }
        }
    }

    /**
     * The lines as docs/cli.md (`warden eval`) and {@link LineReader} define them, read plainly: split on
     * {@code \n} (no line after a final {@code \n}), one {@code \r} before it dropped, a line longer
     * than {@code max} cut there and flagged.
     */
    static List<LineReader.Line> expectedLines(String text, int max) {
        List<LineReader.Line> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        List<String> raw = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            raw.remove(raw.size() - 1);
        }
        for (String line : raw) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            out.add(l.length() > max ? new LineReader.Line(l.substring(0, max), true) : new LineReader.Line(l, false));
        }
        return out;
    }
}
