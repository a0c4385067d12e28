package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.MatchedStatement;
import dev.warden.core.Reason;
import dev.warden.core.SourceLocation;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionWriterTest {
    private static String write(Decision... decisions) throws IOException {
        StringWriter out = new StringWriter();
        try (DecisionWriter w = DecisionWriter.to(out)) {
            for (Decision d : decisions) {
                w.write(d);
            }
        }
        return out.toString();
    }

    @Test
    void allow_listsMatchedStatementsWithSources() throws IOException {
        Decision d = new Decision(Reason.ALLOWED, List.of(
                new MatchedStatement("read", Effect.ALLOW, 0, Optional.of(new SourceLocation("p/read.policy", 2, 5))),
                new MatchedStatement("all", Effect.ALLOW, 3, Optional.of(new SourceLocation("p/all.policy", 9, 1)))), "");
        assertThat(write(d)).isEqualTo("{\"decision\": \"allow\", \"reason\": \"allowed\", \"matched\": ["
                + "{\"policy\": \"read\", \"effect\": \"allow\", \"source\": \"p/read.policy:2:5\"}, "
                + "{\"policy\": \"all\", \"effect\": \"allow\", \"source\": \"p/all.policy:9:1\"}]}\n");
    }

    @Test
    void batchFormatWrite_isTheWritersLine_withoutTheLineFeed() throws IOException {
        Decision d = Decision.deny(Reason.UNKNOWN_ACTION, "unknown action `veiw`");
        assertThat(BatchFormat.write(d)).isEqualTo(write(d).stripTrailing()).doesNotContain("\n");
    }

    @Test
    void noMatch_hasAnEmptyMatchedList() throws IOException {
        assertThat(write(Decision.deny(Reason.NO_MATCH, "")))
                .isEqualTo("{\"decision\": \"deny\", \"reason\": \"no_match\", \"matched\": []}\n");
    }

    @Test
    void refusedRequest_hasErrorInsteadOfMatched() throws IOException {
        assertThat(write(Decision.deny(Reason.UNKNOWN_ACTION, "unknown action `veiw`")))
                .isEqualTo("{\"decision\": \"deny\", \"reason\": \"unknown_action\", \"error\": \"unknown action `veiw`\"}\n");
    }

    @Test
    void unknownSource_isLeftOut() throws IOException {
        Decision d = new Decision(Reason.EXPLICIT_DENY, List.of(new MatchedStatement("x", Effect.DENY, 0, Optional.empty())), "");
        assertThat(write(d)).isEqualTo("{\"decision\": \"deny\", \"reason\": \"explicit_deny\", \"matched\": ["
                + "{\"policy\": \"x\", \"effect\": \"deny\"}]}\n");
    }

    @Test
    void userInput_isEscaped_oneLinePerDecision() throws IOException {
        String out = write(Decision.deny(Reason.INVALID_REQUEST, "bad \"x\"\n\u0001"),
                Decision.deny(Reason.NO_MATCH, ""));
        assertThat(out.lines()).hasSize(2);
        assertThat(out.lines().findFirst().orElseThrow()).contains("bad \\\"x\\\"\\n\\u0001");
    }
}
