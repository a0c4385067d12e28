package dev.warden.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log of {@code warden serve} on standard error, one line per record, as text ({@code
 * 2026-12-01 09:00:00 INFO message}, a stack trace below it) or as JSON ({@code {"time": ..., "level": "INFO", "logger":
 * ..., "message": ...}}), from {@code --log-level} up; Jetty's records below WARNING are left out
 * unless the level is {@code debug}. A logging configuration of the user's ({@code
 * -Djava.util.logging.config.file} or {@code .class}) is left as it is.
 */
final class ServeLogging {
    /** {@code --log-format}. */
    enum LogFormat {
        TEXT,
        JSON
    }

    /** {@code --log-level}, and the java.util.logging level of each. */
    enum LogLevel {
        ERROR(Level.SEVERE),
        WARN(Level.WARNING),
        INFO(Level.INFO),
        DEBUG(Level.FINE);

        final Level jul;

        LogLevel(Level jul) {
            this.jul = jul;
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    /** Held so that the levels set on them stay (java.util.logging keeps loggers weakly). */
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

    private ServeLogging() {}

    static void configure(LogFormat format, LogLevel level) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        for (Handler h : ROOT.getHandlers()) {
            ROOT.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler(); // standard error
        console.setLevel(Level.ALL);
        console.setFormatter(format == LogFormat.JSON ? new JsonLines() : new TextLines());
        ROOT.addHandler(console);
        ROOT.setLevel(level.jul);
        JETTY.setLevel(level == LogLevel.DEBUG ? Level.FINE : Level.WARNING);
    }

    /** The word of a record's level: ERROR, WARN, INFO, DEBUG or TRACE. */
    static String word(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    private static String thrown(LogRecord r) {
        if (r.getThrown() == null) {
            return "";
        }
        StringWriter s = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(s));
        return s.toString();
    }

    /**
     * {@code 2026-12-01 09:00:00 WARNING message} (java.util.logging's level names, as before there
     * was a JSON format), and the stack trace of a thrown exception below it.
     */
    static final class TextLines extends Formatter {
        @Override
        public String format(LogRecord r) {
            String thrown = thrown(r);
            return TEXT_TIME.format(r.getInstant()) + " " + r.getLevel().getLocalizedName() + " " + formatMessage(r)
                    + (thrown.isEmpty() ? "" : "\n" + thrown.stripTrailing()) + "\n";
        }
    }

    /** One JSON object per line: time (UTC, ISO 8601), level, logger, message, and thrown when there is one. */
    static final class JsonLines extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringWriter s = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(s)) {
                json.writeStartObject();
                json.writeStringField("time", Instant.ofEpochMilli(r.getInstant().toEpochMilli()).toString());
                json.writeStringField("level", word(r.getLevel()));
                json.writeStringField("logger", r.getLoggerName() == null ? "" : r.getLoggerName());
                json.writeStringField("message", formatMessage(r));
                String thrown = thrown(r);
                if (!thrown.isEmpty()) {
                    json.writeStringField("thrown", thrown);
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return s + "\n";
        }
    }
}
