package dev.warden.dsl;

/**
 * The limits of a load: inputs beyond them are load errors ({@code E3xx}), never a stack overflow
 * or an out-of-memory. Patterns are also bounded by {@link dev.warden.core.ResourcePattern#MAX_LENGTH}
 * characters and {@link dev.warden.core.ResourcePath#MAX_SEGMENTS} segments.
 */
final class Limits {
    /** The largest {@code .policy} file, in bytes. */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    /** The largest {@code .json} file, in bytes: Bird exports are verbose. */
    static final long MAX_JSON_FILE_BYTES = 16L * 1024 * 1024;
    /** Statements in one policy. */
    static final int MAX_STATEMENTS = 10_000;
    /** Patterns in one statement. */
    static final int MAX_PATTERNS = 1_000;
    /** Actions in one statement. */
    static final int MAX_ACTIONS = 100;
    /** Nesting of JSON arrays and objects. */
    static final int MAX_JSON_DEPTH = 64;
    /**
     * Distinct declared actions in one load. The compiled trie keeps, at each node where a pattern
     * ends, one slot per action: its memory grows with patterns times actions.
     */
    static final int MAX_DECLARED_ACTIONS = 256;
    /** Files in one load (after directories are listed; a file named twice counts once). */
    static final int MAX_FILES = 10_000;
    /** Errors shown per file; one more line says that the rest were left out. */
    static final int MAX_ERRORS_PER_FILE = 50;

    private Limits() {}
}
