package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/decisions.jsonl} is what the README's command prints. Run here from the module
 * directory, the same command names the files {@code ../examples/...} instead of {@code
 * examples/...}; otherwise the output must be the same, byte for byte. ({@code LauncherIT} runs
 * the README's command itself, from the repository root, in {@code verify}.)
 */
class ExamplesTest {
    @Test
    void readmeCommand_printsExamplesDecisions() throws IOException {
        CliRun r = CliRun.of("eval", "--policies", "../examples/policies", "--input", "../examples/requests.jsonl");

        String expected = Files.readString(Path.of("..", "examples", "decisions.jsonl"), StandardCharsets.UTF_8)
                .replace("\"source\": \"examples/", "\"source\": \"../examples/");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(expected);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void requests_exerciseEveryReasonAndBothForms() throws IOException {
        String decisions = Files.readString(Path.of("..", "examples", "decisions.jsonl"), StandardCharsets.UTF_8);
        for (String reason : new String[] {"allowed", "explicit_deny", "no_match", "unknown_policy", "unknown_action",
            "malformed_request", "invalid_request"}) {
            assertThat(decisions).as(reason).contains("\"reason\": \"" + reason + "\"");
        }
        String requests = Files.readString(Path.of("..", "examples", "requests.jsonl"), StandardCharsets.UTF_8);
        assertThat(requests).contains("\"method\": ").contains("\"action\": ");
    }
}
