package dev.warden.dsl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.DiagnosticCode;
import dev.warden.core.diagnostic.Related;
import dev.warden.core.diagnostic.Severity;
import dev.warden.core.diagnostic.Suppressed;
import dev.warden.core.diagnostic.Suppression;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one renderer of each format for {@link Diagnostic}s: for humans in the style of rustc and
 * Cedar ({@link #human}), as JSON for tools ({@link #json}, the shape of {@code
 * docs/diagnostics.schema.json}), and as SARIF 2.1.0 for code scanning ({@link #sarif}). Every
 * command and the server print diagnostics through it.
 *
 * <pre>
 * error[E103]: unknown action `veiw`
 *  --&gt; policies/read.policy:3:11
 *   |
 * 3 |     allow veiw on /workspaces/*&#47;channels
 *   |           ^^^^
 *   = hint: did you mean `view`?
 * </pre>
 *
 * <p>The source line under a location is taken from the texts that were loaded ({@link
 * LoadResult#texts()}, a schema's text, a test file's), never read again from disk and never
 * stored in the diagnostic.
 */
public final class DiagnosticRenderer {
    /** Source lines longer than this are shown as a window around the caret. */
    private static final int MAX_SHOWN = 160;
    private static final int CONTEXT_BEFORE = 60;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final ObjectMapper TREES = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiagnosticRenderer() {}

    /**
     * The lines of a text as the readers count them (split on {@code \n}, a {@code \r} before it
     * dropped): line {@code n} of a {@link SourceLocation} is element {@code n - 1}.
     *
     * @param text a file's text
     * @return its lines, without their line ends
     */
    public static List<String> lines(String text) {
        return List.copyOf(SourceText.splitLines(text));
    }

    // ---- human

    /**
     * Renders diagnostics for humans, in the order given, each followed by an empty line. The text
     * depends only on the diagnostics and the texts (file names as the user gave them), never on
     * the working directory or the terminal.
     *
     * @param diagnostics the diagnostics, in the order to print them
     * @param texts each file's text as loaded, by the name locations give it; a location in a file
     *     that is not here gets no source line
     * @return the text, every line ending with a line feed
     */
    public static String human(List<Diagnostic> diagnostics, Map<String, String> texts) {
        return human(diagnostics, List.of(), texts);
    }

    /**
     * As {@link #human(List, Map)}, with suppressed findings among the others ({@link
     * Diagnostic#ORDER}), each ending with {@code = suppressed in source: JUSTIFICATION} (or {@code
     * in the baseline}) ({@code warden lint --show-suppressed}).
     *
     * @param diagnostics the findings that count
     * @param suppressed the findings that were suppressed, each with its suppression
     * @param texts each file's text as loaded, by name
     * @return the text, every line ending with a line feed
     */
    public static String human(List<Diagnostic> diagnostics, List<Suppressed> suppressed, Map<String, String> texts) {
        Lines lines = new Lines(texts);
        StringBuilder out = new StringBuilder();
        for (Result r : results(diagnostics, suppressed)) {
            human(r.diagnostic(), lines, out);
            if (r.suppression().isPresent()) {
                Suppression why = r.suppression().get();
                String pad = r.diagnostic().location().map(at -> " ".repeat(Integer.toString(at.line()).length())).orElse("");
                out.append(pad).append(" = suppressed ")
                        .append(why.kind() == Suppression.Kind.IN_SOURCE ? "in source" : "in the baseline")
                        .append(": ").append(why.justification()).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Renders one diagnostic for humans, ending with a newline (no empty line after it).
     *
     * @param d the diagnostic
     * @param texts each file's text as loaded, by name
     * @return the text, every line ending with a line feed
     */
    public static String human(Diagnostic d, Map<String, String> texts) {
        StringBuilder out = new StringBuilder();
        human(d, new Lines(texts), out);
        return out.toString();
    }

    /**
     * {@code severity[CODE]: message} (and {@code [name]} when the code has one), {@code -->
     * file:line:col}, the source line with a caret under the located text when there is one, and
     * the hint.
     */
    private static void human(Diagnostic d, Lines lines, StringBuilder out) {
        out.append(d.severity().word()).append('[').append(d.code()).append("]: ").append(d.message());
        d.name().ifPresent(n -> out.append(" [").append(n).append(']'));
        out.append('\n');
        String pad = "";
        if (d.location().isPresent()) {
            SourceLocation at = d.location().get();
            String lineNo = Integer.toString(at.line());
            pad = " ".repeat(lineNo.length());
            out.append(pad).append("--> ").append(at).append('\n');
            String line = d.excerpt() ? lines.line(at) : "";
            if (!line.isEmpty()) {
                Window w = window(line, at.column() - 1, at.length());
                out.append(pad).append(" |\n");
                out.append(lineNo).append(" | ").append(w.text).append('\n');
                out.append(pad).append(" | ").append(w.caretPad).append("^".repeat(w.carets)).append('\n');
            }
        }
        if (d.hint().isPresent()) {
            out.append(pad).append(" = hint: ").append(d.hint().get()).append('\n');
        }
    }

    /** The lines of the loaded texts, each text split once. */
    private static final class Lines {
        private final Map<String, String> texts;
        private final Map<String, List<String>> split = new HashMap<>();

        Lines(Map<String, String> texts) {
            this.texts = texts;
        }

        /** The line a location points at, or empty when its file was not loaded or is shorter. */
        String line(SourceLocation at) {
            String text = texts.get(at.file());
            if (text == null) {
                return "";
            }
            List<String> all = split.computeIfAbsent(at.file(), f -> SourceText.splitLines(text));
            return at.line() <= all.size() ? all.get(at.line() - 1) : "";
        }
    }

    /** The part of a source line to show, the padding before the caret (tabs kept, so it aligns) and the caret's width. */
    private record Window(String text, String caretPad, int carets) {}

    private static Window window(String line, int column, int length) {
        // a character that would break or reorder the shown line is shown as `?`, one for one
        int[] cps = line.codePoints().map(c -> c != '\t' && (c < 0x20 || TextSafety.forbidden(c)) ? '?' : c).toArray();
        int col = Math.min(column, cps.length);
        int from = 0;
        int to = cps.length;
        String prefix = "";
        String suffix = "";
        if (cps.length > MAX_SHOWN) {
            from = Math.max(0, col - CONTEXT_BEFORE);
            to = Math.min(cps.length, from + MAX_SHOWN);
            prefix = from > 0 ? "..." : "";
            suffix = to < cps.length ? "..." : "";
        }
        StringBuilder text = new StringBuilder(prefix);
        StringBuilder caretPad = new StringBuilder(" ".repeat(prefix.length()));
        for (int i = from; i < to; i++) {
            text.appendCodePoint(cps[i]);
            if (i < col) {
                caretPad.append(cps[i] == '\t' ? '\t' : ' ');
            }
        }
        text.append(suffix);
        int carets = Math.max(1, Math.min(length, to - col));
        return new Window(text.toString(), caretPad.toString(), carets);
    }

    // ---- JSON

    /**
     * Renders diagnostics as the one JSON document of {@code docs/diagnostics.schema.json}: an
     * object whose {@code diagnostics} array holds, per diagnostic, {@code severity}, {@code code},
     * {@code name} (when the code has one), {@code message}, {@code hint} (when there is one),
     * {@code location} (when there is one: {@code file}, {@code line}, {@code column}, {@code
     * length}) and {@code related} (each a {@code location} and a {@code message}). Indented, with
     * a final newline.
     *
     * @param diagnostics the diagnostics, in the order to list them
     * @return the JSON document
     */
    public static String json(List<Diagnostic> diagnostics) {
        return json(diagnostics, List.of());
    }

    /**
     * As {@link #json(List)}, with suppressed findings among the others ({@link Diagnostic#ORDER}),
     * each with its {@code suppression}: {@code kind} ({@code inSource} or {@code external}) and
     * {@code justification} ({@code warden lint --show-suppressed}).
     *
     * @param diagnostics the findings that count
     * @param suppressed the findings that were suppressed, each with its suppression
     * @return the JSON document
     */
    public static String json(List<Diagnostic> diagnostics, List<Suppressed> suppressed) {
        List<Result> all = results(diagnostics, suppressed);
        StringWriter s = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(s)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeFieldName("diagnostics");
            g.writeStartArray();
            for (Result r : all) {
                writeJson(g, r.diagnostic(), r.suppression());
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write diagnostics as JSON", e);
        }
        return s + "\n";
    }

    /**
     * Writes the {@code diagnostics} array of {@link #json} as the generator's next value, for a
     * document that holds more (the answer of {@code POST /v1/reload}).
     *
     * @param g the generator, where a value may be written
     * @param diagnostics the diagnostics, in the order to list them
     * @throws IOException when the generator cannot write
     */
    public static void writeJson(JsonGenerator g, List<Diagnostic> diagnostics) throws IOException {
        g.writeStartArray();
        for (Diagnostic d : diagnostics) {
            writeJson(g, d, Optional.empty());
        }
        g.writeEndArray();
    }

    private static void writeJson(JsonGenerator g, Diagnostic d, Optional<Suppression> suppression) throws IOException {
        g.writeStartObject();
        g.writeStringField("severity", d.severity().word());
        g.writeStringField("code", d.code());
        if (d.name().isPresent()) {
            g.writeStringField("name", d.name().get());
        }
        g.writeStringField("message", d.message());
        if (d.hint().isPresent()) {
            g.writeStringField("hint", d.hint().get());
        }
        if (d.location().isPresent()) {
            g.writeFieldName("location");
            location(g, d.location().get());
        }
        g.writeArrayFieldStart("related");
        for (Related r : d.related()) {
            g.writeStartObject();
            g.writeFieldName("location");
            location(g, r.location());
            g.writeStringField("message", r.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (suppression.isPresent()) {
            g.writeObjectFieldStart("suppression");
            g.writeStringField("kind", kind(suppression.get()));
            g.writeStringField("justification", suppression.get().justification());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** SARIF's (and the JSON form's) word for where a suppression is written. */
    private static String kind(Suppression s) {
        return s.kind() == Suppression.Kind.IN_SOURCE ? "inSource" : "external";
    }

    /** The diagnostics and the suppressed findings as one list: suppressed ones sorted in (a stable sort). */
    private static List<Result> results(List<Diagnostic> diagnostics, List<Suppressed> suppressed) {
        List<Result> all = new ArrayList<>();
        diagnostics.forEach(d -> all.add(new Result(d, Optional.empty())));
        suppressed.forEach(s -> all.add(new Result(s.diagnostic(), Optional.of(s.suppression()))));
        if (!suppressed.isEmpty()) {
            all.sort(Comparator.comparing(Result::diagnostic, Diagnostic.ORDER)); // stable: the others keep their order
        }
        return all;
    }

    private static void location(JsonGenerator g, SourceLocation at) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", at.file());
        g.writeNumberField("line", at.line());
        g.writeNumberField("column", at.column());
        g.writeNumberField("length", at.length());
        g.writeEndObject();
    }

    // ---- SARIF

    /** The schema a SARIF log names: the OASIS standard's, errata 01. */
    static final String SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** Where warden's documentation lives: a rule's {@link DiagnosticCode#doc()} is relative to it. */
    static final String PROJECT = "https://github.com/warden-dev/warden";
    private static final String DOCS = PROJECT + "/blob/main/";
    /** The base of every artifact URI under the root: GitHub code scanning reads it as the repository root. */
    static final String SRCROOT = "%SRCROOT%";

    /**
     * What a SARIF log says about its run beside the results: the version of warden and the
     * directory the artifact URIs are relative to (for GitHub code scanning, the repository root).
     *
     * @param toolVersion the version of warden, the driver's {@code semanticVersion}
     * @param root the directory artifact URIs are relative to (as {@code %SRCROOT%}); a file
     *     outside it gets an absolute {@code file:} URI
     */
    public record SarifRun(String toolVersion, Path root) {
        /**
         * Requires the version and makes the root absolute and normal.
         *
         * @param toolVersion the version of warden
         * @param root the directory artifact URIs are relative to
         */
        public SarifRun {
            Objects.requireNonNull(toolVersion, "toolVersion");
            root = root.toAbsolutePath().normalize();
        }
    }

    /**
     * Renders diagnostics as a SARIF 2.1.0 log with one run of warden, as GitHub code scanning
     * reads it: the tool (its information URI, version and rules: id, name, descriptions, default
     * level, a help URI at the rule's place in the docs and help as text and Markdown), then one
     * result per diagnostic with its physical location: the file's URI relative to the run's root
     * ({@code uriBaseId} {@code %SRCROOT%}, percent-encoded per RFC 3986) and the region the
     * diagnostic's location spans. A diagnostic whose code {@code codes} does not describe (a load
     * error) gets a rule of its own, {@code load-error}. A result's text is the message, the name in
     * brackets and the hint in parentheses. Indented, with a final newline.
     *
     * @param run the tool's version and the directory URIs are relative to
     * @param codes the codes the report can hold, in the order to list them
     * @param diagnostics the results, in the order to list them
     * @return the SARIF log
     */
    public static String sarif(SarifRun run, List<DiagnosticCode> codes, List<Diagnostic> diagnostics) {
        return sarif(run, codes, diagnostics, List.of());
    }

    /**
     * As {@link #sarif(SarifRun, List, List)}, with the findings that were suppressed: each is a
     * result too, with its {@code suppressions} (an inline suppression is {@code inSource}, one
     * from a baseline {@code external}, each with its justification), in the order of {@link
     * Diagnostic#ORDER} among the others (a stable sort: diagnostics in that order stay as given).
     *
     * @param run the tool's version and the directory URIs are relative to
     * @param codes the codes the report can hold, in the order to list them
     * @param diagnostics the findings that count
     * @param suppressed the findings that were suppressed, each with its suppression
     * @return the SARIF log
     */
    public static String sarif(SarifRun run, List<DiagnosticCode> codes, List<Diagnostic> diagnostics,
            List<Suppressed> suppressed) {
        ObjectNode log = TREES.createObjectNode();
        log.put("$schema", SARIF_SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode runNode = log.putArray("runs").addObject();
        ObjectNode driver = runNode.putObject("tool").putObject("driver");
        driver.put("name", "warden");
        driver.put("informationUri", PROJECT);
        driver.put("semanticVersion", run.toolVersion());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (DiagnosticCode c : codes) {
            if (ruleIndex.putIfAbsent(c.code(), ruleIndex.size()) == null) {
                rule(rules, c);
            }
        }
        List<Result> all = results(diagnostics, suppressed);
        for (Result s : all) {
            Diagnostic d = s.diagnostic();
            if (ruleIndex.putIfAbsent(d.code(), ruleIndex.size()) == null) {
                rule(rules, new DiagnosticCode(d.code(), "load-error", Severity.ERROR,
                        "the policies do not load", "docs/language.md#error-codes"));
            }
        }
        runNode.putObject("originalUriBaseIds").putObject(SRCROOT).putObject("description")
                .put("text", "the directory the paths are relative to (warden's --sarif-root): the repository root");
        runNode.put("columnKind", "unicodeCodePoints");
        ArrayNode results = runNode.putArray("results");
        for (Result s : all) {
            Diagnostic d = s.diagnostic();
            ObjectNode r = results.addObject();
            r.put("ruleId", d.code());
            r.put("ruleIndex", ruleIndex.get(d.code()));
            r.put("level", level(d.severity()));
            r.putObject("message").put("text", d.message() + d.name().map(n -> " [" + n + "]").orElse("")
                    + d.hint().map(h -> " (" + h + ")").orElse(""));
            if (d.location().isPresent()) {
                physical(r.putArray("locations").addObject(), run.root(), d.location().get());
            }
            if (!d.related().isEmpty()) {
                ArrayNode related = r.putArray("relatedLocations");
                for (int i = 0; i < d.related().size(); i++) {
                    ObjectNode l = related.addObject();
                    l.put("id", i);
                    physical(l, run.root(), d.related().get(i).location());
                    l.putObject("message").put("text", d.related().get(i).message());
                }
            }
            if (s.suppression().isPresent()) {
                Suppression why = s.suppression().get();
                ObjectNode o = r.putArray("suppressions").addObject();
                o.put("kind", kind(why));
                o.put("justification", why.justification());
                why.location().ifPresent(at -> physical(o.putObject("location"), run.root(), at));
            }
        }
        try {
            return TREES.writeValueAsString(log) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("cannot write SARIF", e);
        }
    }

    /** A result of the log: a diagnostic, and its suppression when it has one. */
    private record Result(Diagnostic diagnostic, Optional<Suppression> suppression) {}

    /** A location's {@code physicalLocation}: the artifact's URI and the region it spans, on one line. */
    private static void physical(ObjectNode location, Path root, SourceLocation at) {
        ObjectNode physical = location.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        Path file = Path.of(at.file().replace('\\', '/')).toAbsolutePath().normalize();
        if (file.startsWith(root)) {
            artifact.put("uri", percentEncoded(root.relativize(file).toString()));
            artifact.put("uriBaseId", SRCROOT);
        } else {
            String path = file.toString().replace('\\', '/');
            artifact.put("uri", "file://" + (path.startsWith("/") ? "" : "/") + percentEncoded(path));
        }
        ObjectNode region = physical.putObject("region");
        region.put("startLine", at.line());
        region.put("startColumn", at.column());
        region.put("endLine", at.line());
        region.put("endColumn", at.column() + at.length());
    }

    /**
     * A path as a URI's path (RFC 3986): its separators become {@code /}, each UTF-8 byte of
     * anything but an unreserved character ({@code A-Z a-z 0-9 - . _ ~}) and {@code /} becomes
     * {@code %XX}.
     */
    static String percentEncoded(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static void rule(ArrayNode rules, DiagnosticCode c) {
        ObjectNode r = rules.addObject();
        r.put("id", c.code());
        r.put("name", c.name());
        r.putObject("shortDescription").put("text", c.description());
        r.putObject("fullDescription").put("text", c.description());
        r.putObject("defaultConfiguration").put("level", level(c.severity()));
        String uri = DOCS + c.doc();
        r.put("helpUri", uri);
        ObjectNode help = r.putObject("help");
        help.put("text", c.description() + " (see " + uri + ")");
        help.put("markdown", "**" + c.code() + " " + c.name() + "** (" + c.severity().word() + "): "
                + c.description() + "\n\nSee [" + c.doc() + "](" + uri + ").");
    }

    /** SARIF's level for a severity: {@code error}, {@code warning}, or {@code note} for info. */
    private static String level(Severity s) {
        return s == Severity.INFO ? "note" : s.word();
    }
}
