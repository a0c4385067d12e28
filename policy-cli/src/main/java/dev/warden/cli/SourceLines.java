package dev.warden.cli;

import dev.warden.core.SourceLocation;
import dev.warden.dsl.Diagnostics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines that locations point at, for findings' carets: taken from the texts as they were
 * loaded ({@link dev.warden.dsl.LoadResult#texts()}), never read again from disk.
 */
final class SourceLines {
    private final Map<String, String> texts;
    private final Map<String, List<String>> lines = new HashMap<>();

    /** @param texts each file's text, by the name locations give it */
    SourceLines(Map<String, String> texts) {
        this.texts = new LinkedHashMap<>(texts);
    }

    /** These lines and those of one more text (a schema, say). */
    SourceLines with(String file, String text) {
        SourceLines more = new SourceLines(texts);
        more.texts.put(file, text);
        return more;
    }

    /** The line a location points at, or empty when its file was not loaded or is shorter. */
    String line(SourceLocation at) {
        String text = texts.get(at.file());
        if (text == null) {
            return "";
        }
        List<String> all = lines.computeIfAbsent(at.file(), f -> Diagnostics.lines(text));
        return at.line() <= all.size() ? all.get(at.line() - 1) : "";
    }
}
