package dev.warden.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log lines of {@code dev.warden} loggers while open, as {@code LEVEL message [thrown]}. In the
 * test-jar, for the gateway's and the server's tests.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.warden");
    private final List<String> lines = new ArrayList<>();

    public LogCapture() {
        setLevel(java.util.logging.Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        StringBuilder s = new StringBuilder(r.getLevel() + " " + r.getMessage());
        if (r.getThrown() != null) {
            s.append(' ').append(r.getThrown());
        }
        lines.add(s.toString());
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
