package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.dsl.BatchFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code eval} streams: it reads a line, decides it and writes the decision before it reads much
 * further, so its memory does not grow with the input. Not a timing test.
 */
class EvalStreamingTest {
    private static final int LINES = 200_000;

    /** Generates request lines on demand and counts how many it has handed out. */
    private static final class Requests extends Reader {
        private final int total;
        private int produced;
        private String current = "";
        private int pos;

        Requests(int total) {
            this.total = total;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == current.length()) {
                if (produced == total) {
                    return -1;
                }
                current = line(produced++);
                pos = 0;
            }
            int n = Math.min(len, current.length() - pos);
            current.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        private static String line(int i) {
            switch (i % 4) {
                case 0:
                    return "{\"principal\": {\"id\": \"ak_" + (i % 97) + "\", \"roles\": [\"reader\"]}, \"action\": \"view\", "
                            + "\"resource\": \"/workspaces/w" + (i % 13) + "/channels/c" + (i % 7) + "\"}\n";
                case 1:
                    return "{\"principal\": {\"id\": \"ak_1\", \"roles\": [\"sender\"]}, \"method\": \"DELETE\", "
                            + "\"path\": \"/workspaces/w1/connectors/k" + (i % 5) + "\"}\n";
                case 2:
                    return "not json " + i + "\n";
                default:
                    return "\n";
            }
        }

        @Override
        public void close() {}
    }

    /** Counts output lines and remembers how far the input had got when the first one arrived. */
    private static final class Decisions extends OutputStream {
        private final Requests input;
        long lines;
        long allows;
        int inputWhenFirstWritten = -1;
        private final StringBuilder line = new StringBuilder();

        Decisions(Requests input) {
            this.input = input;
        }

        @Override
        public void write(int b) {
            if (inputWhenFirstWritten < 0) {
                inputWhenFirstWritten = input.produced;
            }
            if (b == '\n') {
                lines++;
                if (line.indexOf("\"decision\": \"allow\"") >= 0) {
                    allows++;
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    @Test
    void manyLines_getOneDecisionEach_writtenWhileInputIsStillBeingRead() throws IOException {
        Requests in = new Requests(LINES);
        Decisions out = new Decisions(in);

        long count = BatchFormat.decideAll(Authorizer.of(Fixtures.channels()), in, out);

        assertThat(count).isEqualTo(LINES);
        assertThat(out.lines).isEqualTo(LINES);
        assertThat(out.allows).isEqualTo(LINES / 4); // every reader view is allowed, nothing else
        assertThat(out.inputWhenFirstWritten)
                .as("decisions start going out long before the input ends")
                .isBetween(1, LINES / 10);
    }

    @Test
    void utf8Output_evenForNonAsciiInput() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        BatchFormat.decideAll(Authorizer.of(Fixtures.channels()), new java.io.StringReader("\u00e9\n"), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unrecognized token '\u00e9'");
    }
}
