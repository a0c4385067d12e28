package dev.warden.dsl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Prints diagnostics: for humans, in the style of rustc and Cedar, or as JSON for tools
 * ({@code --error-format json}).
 *
 * <pre>
 * error[E103]: unknown action `veiw`
 *  --&gt; policies/read.policy:3:11
 *   |
 * 3 |     allow veiw on /workspaces/*&#47;channels
 *   |           ^^^^
 *   = hint: did you mean `view`?
 * </pre>
 */
public final class Diagnostics {
    /** Source lines longer than this are shown as a window around the caret. */
    private static final int MAX_SHOWN = 160;
    private static final int CONTEXT_BEFORE = 60;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Diagnostics() {}

    /**
     * The lines of a text as the readers count them (split on {@code \n}, a {@code \r} before it
     * dropped): line {@code n} of a {@link dev.warden.core.SourceLocation} is element {@code n - 1}.
     * For drawing carets from {@link LoadResult#texts()}.
     */
    public static List<String> lines(String text) {
        return List.copyOf(SourceText.splitLines(text));
    }

    /**
     * Renders diagnostics for humans, in the order given, each followed by an empty line. The text
     * depends only on the diagnostics (file names as the user gave them), never on the working
     * directory or the terminal.
     */
    public static String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(d)).append('\n');
        }
        return out.toString();
    }

    /**
     * Renders one diagnostic: {@code severity[CODE]: message}, {@code --> file:line:col}, the
     * source line with a caret under the offending text when there is one, and the hint.
     * Ends with a newline.
     */
    public static String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        out.append(d.severity().word()).append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
        String lineNo = Integer.toString(d.location().line());
        String pad = " ".repeat(lineNo.length());
        out.append(pad).append("--> ").append(d.location()).append('\n');
        if (!d.sourceLine().isEmpty()) {
            Window w = window(d.sourceLine(), d.location().column() - 1, d.length());
            out.append(pad).append(" |\n");
            out.append(lineNo).append(" | ").append(w.text).append('\n');
            out.append(pad).append(" | ").append(w.caretPad).append("^".repeat(w.carets)).append('\n');
        }
        if (!d.hint().isEmpty()) {
            out.append(pad).append(" = hint: ").append(d.hint()).append('\n');
        }
        return out.toString();
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

    /**
     * Renders diagnostics as a JSON array of objects with {@code severity}, {@code code}, {@code
     * file}, {@code line}, {@code column} (1-based, in characters), {@code length}, {@code message}
     * and {@code hint} (empty when there is none).
     */
    public static String renderJson(List<Diagnostic> diagnostics) {
        ArrayNode array = JSON.createArrayNode();
        for (Diagnostic d : diagnostics) {
            ObjectNode o = array.addObject();
            o.put("severity", d.severity().word());
            o.put("code", d.code());
            o.put("file", d.location().file());
            o.put("line", d.location().line());
            o.put("column", d.location().column());
            o.put("length", d.length());
            o.put("message", d.message());
            o.put("hint", d.hint());
        }
        try {
            return JSON.writeValueAsString(array) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write diagnostics as JSON", e);
        }
    }
}
