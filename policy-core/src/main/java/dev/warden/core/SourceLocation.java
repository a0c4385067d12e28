package dev.warden.core;

import java.util.Objects;

/**
 * A place in a source file: the file as the user named it, a 1-based line, a 1-based column
 * (counted in characters) and how many characters the item written there spans. Printed as
 * {@code file:line:col}; renderers format it, nothing parses it back.
 *
 * <p>Ordered by file, then line, then column (then length, so that the order agrees with {@link
 * #equals}).
 *
 * @param file the file as the user named it
 * @param line the line, from 1
 * @param column the column, from 1, counted in characters
 * @param length how many characters the item spans, at least 1
 */
public record SourceLocation(String file, int line, int column, int length) implements Comparable<SourceLocation> {
    /**
     * Checks that line, column and length are at least 1.
     *
     * @param file the file as the user named it
     * @param line the line, from 1
     * @param column the column, from 1
     * @param length how many characters the item spans, at least 1
     * @throws IllegalArgumentException when the line, column or length is below 1
     */
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1: " + line + ":" + column);
        }
        if (length < 1) {
            throw new IllegalArgumentException("a location spans at least one character: " + length);
        }
    }

    /**
     * A location one character long.
     *
     * @param file the file as the user named it
     * @param line the line, from 1
     * @param column the column, from 1
     * @throws IllegalArgumentException when the line or column is below 1
     */
    public SourceLocation(String file, int line, int column) {
        this(file, line, column, 1);
    }

    @Override
    public int compareTo(SourceLocation o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(column, o.column);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    /** {@code file:line:col}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
