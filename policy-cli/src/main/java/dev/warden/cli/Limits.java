package dev.warden.cli;

/**
 * The limits of {@code warden eval}'s batch input, in one place (docs/cli.md, "Limits"). A line
 * over any of them is {@code invalid_request}, with an error that names the limit, and the stream
 * goes on. The request itself is then held to policy-core's limits ({@link dev.warden.core.Limits}):
 * a longer path is {@code malformed_request}.
 */
final class Limits {
    /**
     * The longest input line, in characters (without its line terminator). A longer line is not
     * read whole: its first {@value} characters are kept, the rest skipped as it streams by.
     */
    static final int MAX_LINE = 1 << 20;
    /**
     * The deepest JSON nesting in one line. A request is 3 levels deep (the request, its principal,
     * a list of roles); the margin lets a mistaken line get a precise message about its shape.
     */
    static final int MAX_JSON_DEPTH = 16;
    /** Roles named by one principal. */
    static final int MAX_ROLES = 1_000;
    /** Policies attached to one principal directly. */
    static final int MAX_POLICIES = 1_000;
    /** Attributes of one principal. */
    static final int MAX_ATTRIBUTES = 1_000;

    private Limits() {}
}
