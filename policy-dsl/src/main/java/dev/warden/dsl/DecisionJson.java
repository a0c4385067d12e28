package dev.warden.dsl;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.core.Decision;
import dev.warden.core.MatchedStatement;
import dev.warden.core.Reason;
import java.io.IOException;

/**
 * A decision as the JSON object of the batch format (docs/cli.md), which {@code warden eval}
 * writes one per line and {@code warden explain --format json} embeds:
 *
 * <pre>{@code
 * {"decision": "allow", "reason": "allowed", "matched": [{"policy": "channels-read", "effect": "allow", "source": "read.policy:2:9"}]}
 * {"decision": "deny", "reason": "no_match", "matched": []}
 * {"decision": "deny", "reason": "unknown_action", "error": "unknown action `veiw`"}
 * }</pre>
 *
 * <p>A decision the policies took ({@code allowed}, {@code explicit_deny}, {@code no_match}) has
 * {@code matched}: the statements that decided it, empty for {@code no_match}. A request that was
 * refused before the policies were consulted ({@code invalid_request}, {@code malformed_request},
 * {@code unknown_action}, {@code unknown_policy}) has {@code error} instead, saying what was wrong.
 * A statement's {@code source} is left out when it is not known (policies built in code).
 */
public final class DecisionJson {
    private DecisionJson() {}

    /** Writes one decision as a JSON object with {@code json}, in the shape described above. */
    public static void write(JsonGenerator json, Decision d) throws IOException {
        json.writeStartObject();
        json.writeStringField("decision", d.allowed() ? "allow" : "deny");
        json.writeStringField("reason", d.reason().code());
        if (evaluated(d.reason())) {
            json.writeArrayFieldStart("matched");
            for (MatchedStatement m : d.matched()) {
                json.writeStartObject();
                json.writeStringField("policy", m.policy());
                json.writeStringField("effect", m.effect().word());
                if (m.source().isPresent()) {
                    json.writeStringField("source", m.source().get().toString());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } else {
            json.writeStringField("error", d.detail());
        }
        json.writeEndObject();
    }

    /** Whether the policies were consulted for a decision with this reason. */
    private static boolean evaluated(Reason reason) {
        return reason == Reason.ALLOWED || reason == Reason.EXPLICIT_DENY || reason == Reason.NO_MATCH;
    }
}
