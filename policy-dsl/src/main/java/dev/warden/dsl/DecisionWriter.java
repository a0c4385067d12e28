package dev.warden.dsl;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.warden.core.Decision;
import dev.warden.core.MatchedStatement;
import dev.warden.core.Reason;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Writes decisions as JSON Lines, one object per line, in the batch format of docs/cli.md:
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
 *
 * <p>Output is buffered; {@link #flush} pushes it out.
 */
final class DecisionWriter implements Flushable, Closeable {
    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator json;

    private DecisionWriter(JsonGenerator json) {
        this.json = json;
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setPrettyPrinter(new OneLine());
    }

    /** Writes UTF-8 to the stream; closing the writer leaves the stream open. */
    static DecisionWriter to(OutputStream out) throws IOException {
        return new DecisionWriter(FACTORY.createGenerator(out, JsonEncoding.UTF8));
    }

    /** Writes to the writer; closing the writer leaves it open. */
    static DecisionWriter to(Writer out) throws IOException {
        return new DecisionWriter(FACTORY.createGenerator(out));
    }

    /** Writes one decision and a line feed. */
    void write(Decision d) throws IOException {
        writeObject(json, d);
        json.writeRaw('\n');
    }

    /** Writes one decision as a JSON object with {@code json}, in the shape described above. */
    static void writeObject(JsonGenerator json, Decision d) throws IOException {
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

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    /** One JSON object per line, with a space after each {@code :} and {@code ,}, as in docs/cli.md. */
    private static final class OneLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        OneLine() {
            super("");
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
