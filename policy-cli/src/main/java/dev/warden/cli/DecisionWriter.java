package dev.warden.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.warden.core.Decision;
import dev.warden.dsl.DecisionJson;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Writes decisions as JSON Lines, one object per line ({@link DecisionJson}), in the batch format
 * of docs/cli.md.
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
        DecisionJson.write(json, d);
        json.writeRaw('\n');
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
