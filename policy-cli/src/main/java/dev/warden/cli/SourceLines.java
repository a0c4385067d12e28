package dev.warden.cli;

import dev.warden.dsl.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads back {@code file:line:col} sources and the lines they point at, for findings' carets. */
final class SourceLines {
    private final Map<String, List<String>> files = new HashMap<>();

    /** {@code file:line:col} or {@code file:line}; a source without numbers points at line 1. */
    static SourceLocation parse(String source) {
        String[] parts = source.split(":");
        int n = parts.length;
        if (n >= 3 && isNumber(parts[n - 1]) && isNumber(parts[n - 2])) {
            return new SourceLocation(String.join(":", java.util.Arrays.copyOf(parts, n - 2)),
                    Integer.parseInt(parts[n - 2]), Integer.parseInt(parts[n - 1]));
        }
        if (n >= 2 && isNumber(parts[n - 1])) {
            return new SourceLocation(String.join(":", java.util.Arrays.copyOf(parts, n - 1)),
                    Integer.parseInt(parts[n - 1]), 1);
        }
        return new SourceLocation(source.isEmpty() ? "<unknown>" : source, 1, 1);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The line a location points at, or empty when the file cannot be read. */
    String line(SourceLocation at) {
        List<String> lines = files.computeIfAbsent(at.file(), f -> {
            try {
                return Files.readAllLines(Path.of(f), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
        return at.line() <= lines.size() ? lines.get(at.line() - 1) : "";
    }
}
