package dev.warden.core;

/**
 * The limits of policy-core, in one place. A request beyond them is malformed and denied
 * ({@link Reason#MALFORMED_REQUEST}), never allowed; a pattern or name beyond them is rejected
 * when the policy set is built. The policy loader (policy-dsl) and the {@code warden} command
 * (policy-cli) add their own limits on files and input lines; all are listed in {@code
 * docs/security.md}.
 */
public final class Limits {
    /**
     * The longest request path, in bytes (characters: a path holds ASCII only), counted after the
     * query is dropped and before percent-decoding; also the longest resource pattern.
     */
    public static final int MAX_PATH_LENGTH = 4096;

    /** The most segments in a request path or a resource pattern. */
    public static final int MAX_PATH_SEGMENTS = 128;

    /** The longest policy or role name, in characters. */
    public static final int MAX_NAME_LENGTH = 256;

    /**
     * The largest request the decision cache keeps, in characters: the principal (id, roles,
     * policies, attribute names and values) plus the path as given. (The action adds at most 64:
     * an unknown action is not cached.) A larger request is decided without the cache, so that
     * the cache, bounded in entries, is also bounded in bytes whatever the requests hold.
     */
    public static final int MAX_CACHED_REQUEST_CHARS = 2048;

    private Limits() {}
}
