package dev.warden.dsl;

import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * A source file's name and lines, and the diagnostics found in it. Columns are 1-based and
 * counted in code points, as the policy-language lexer counts them.
 */
final class SourceText {
    private final String file;
    private final String text;
    private final List<String> lines;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        this.lines = splitLines(text);
    }

    /** Splits on {@code \n}, dropping a {@code \r} before it: lines as the lexer counts them. */
    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                out.add(text.substring(start));
                return out;
            }
            int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            out.add(text.substring(start, end));
            start = nl + 1;
        }
    }

    String file() {
        return file;
    }

    /** The text by the file's name: what a renderer draws this file's carets from. */
    java.util.Map<String, String> texts() {
        return java.util.Map.of(file, text);
    }

    List<String> lines() {
        return lines;
    }

    /** The text of line {@code line} (1-based), or empty past the end. */
    String line(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    SourceLocation at(int line, int column) {
        return new SourceLocation(file, Math.max(1, line), Math.max(1, column));
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Records an error at {@code line:column}, underlining {@code length} code points. */
    void error(String code, SourceLocation at, int length, String message, String hint) {
        diagnostics.add(Diagnostic.error(code, new SourceLocation(at.file(), at.line(), at.column(), Math.max(1, length)),
                message).withHint(hint));
    }

    void error(String code, SourceLocation at, int length, String message) {
        error(code, at, length, message, "");
    }

    /** A file-level diagnostic: at 1:1, with no source line. */
    static Diagnostic fileError(String file, String code, String message, String hint) {
        return Diagnostic.fileError(file, code, message).withHint(hint);
    }

    /** Quotes user input for a message: in backticks, shortened when long. */
    static String quote(String s) {
        return "`" + shorten(s) + "`";
    }

    static String shorten(String s) {
        if (s.codePointCount(0, s.length()) <= 60) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, 57)) + "...";
    }
}
