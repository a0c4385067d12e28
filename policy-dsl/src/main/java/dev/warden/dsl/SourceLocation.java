package dev.warden.dsl;

import java.util.Objects;

/**
 * A place in a source file: the file as the user named it, a 1-based line and a 1-based column
 * (counted in characters). Printed as {@code file:line:col}.
 */
public record SourceLocation(String file, int line, int column) implements Comparable<SourceLocation> {
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1: " + line + ":" + column);
        }
    }

    @Override
    public int compareTo(SourceLocation o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
