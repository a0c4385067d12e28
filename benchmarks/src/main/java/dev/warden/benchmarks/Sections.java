package dev.warden.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parts of {@code docs/benchmarks.md} written by commands other than the JMH {@link Report}: each
 * sits between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->}, is replaced only by the
 * command that owns it, and is kept when the report is rendered again.
 */
final class Sections {
    private static final Pattern BLOCK = Pattern.compile("<!-- ([a-z0-9-]+):begin -->\n.*?<!-- \\1:end -->\n", Pattern.DOTALL);

    private Sections() {}

    /** {@code rendered} followed by every block of {@code previous}, in their order. */
    static String keep(String previous, String rendered) {
        StringBuilder out = new StringBuilder(rendered);
        Matcher m = BLOCK.matcher(previous);
        while (m.find()) {
            if (!rendered.contains("<!-- " + m.group(1) + ":begin -->")) {
                out.append('\n').append(m.group());
            }
        }
        return out.toString();
    }

    /** {@code doc} with block {@code name} set to {@code body}: replaced where it is, else appended. */
    static String put(String doc, String name, String body) {
        String block = "<!-- " + name + ":begin -->\n" + (body.endsWith("\n") ? body : body + "\n") + "<!-- " + name + ":end -->\n";
        Matcher m = Pattern.compile("<!-- " + Pattern.quote(name) + ":begin -->\n.*?<!-- " + Pattern.quote(name) + ":end -->\n",
                Pattern.DOTALL).matcher(doc);
        if (m.find()) {
            return doc.substring(0, m.start()) + block + doc.substring(m.end());
        }
        return doc + (doc.endsWith("\n\n") || doc.isEmpty() ? "" : "\n") + block;
    }

    /** {@code Sections FILE NAME}: sets block NAME of FILE to standard input. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Sections FILE NAME < body");
            System.exit(2);
        }
        put(Path.of(args[0]), args[1], new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Sets block {@code name} of the file, creating the file when it does not exist. */
    static void put(Path file, String name, String body) throws IOException {
        String doc = Files.exists(file) ? Files.readString(file) : "";
        Files.writeString(file, put(doc, name, body));
    }
}
