package dev.warden.dsl;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Reads JSON Lines input one line at a time, in constant memory: a line ends at {@code \n} (a
 * {@code \r} before it is dropped), the last line needs no terminator, and a line longer than
 * {@code maxLength} characters is cut there and flagged, its rest skipped.
 *
 * <p>Before each read that may block (no input is ready), {@code beforeBlockingRead} runs: {@link
 * BatchFormat#decideAll} flushes the decisions written so far there, so that a program that writes
 * one request and waits for its decision gets it, while a file streams through without a flush per
 * line.
 */
final class LineReader {
    /** A line, without its terminator. */
    record Line(String text, boolean tooLong) {}

    private final Reader in;
    private final int maxLength;
    private final IoAction beforeBlockingRead;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int limit;
    private boolean eof;

    /** What to do before a read that may block; may throw, e.g. when flushing fails. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    LineReader(Reader in, int maxLength, IoAction beforeBlockingRead) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        this.maxLength = maxLength;
        this.beforeBlockingRead = Objects.requireNonNull(beforeBlockingRead, "beforeBlockingRead");
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        line.setLength(0);
        boolean started = false;
        boolean tooLong = false;
        while (true) {
            if (pos == limit && !fill()) {
                return started ? finish(tooLong) : null;
            }
            started = true;
            char c = buffer[pos++];
            if (c == '\n') {
                return finish(tooLong);
            }
            if (line.length() <= maxLength) { // one more than allowed, for a `\r` before the `\n`
                line.append(c);
            } else {
                tooLong = true;
            }
        }
    }

    private Line finish(boolean skipped) {
        int n = line.length();
        if (!skipped && n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(--n);
        }
        if (n > maxLength) {
            line.setLength(maxLength);
            return new Line(line.toString(), true);
        }
        return new Line(line.toString(), skipped);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (!in.ready()) {
            beforeBlockingRead.run();
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
