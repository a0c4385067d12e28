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

    /** The most clauses one statement's condition holds, over all its conjunctions. */
    public static final int MAX_CONDITION_CLAUSES = 256;

    /** The most values in one list of a condition ({@code in [...]}). */
    public static final int MAX_CONDITION_LIST_VALUES = 256;

    /** The most values a request's context holds. */
    public static final int MAX_CONTEXT_ENTRIES = 64;

    /** The longest name of a context value, in characters. */
    public static final int MAX_CONTEXT_NAME_LENGTH = 128;

    /** The longest context value, in characters. */
    public static final int MAX_CONTEXT_VALUE_LENGTH = 1024;

    private Limits() {}

    /**
     * What is wrong with a request's context, or null when it is within the limits: at most {@link
     * #MAX_CONTEXT_ENTRIES} values, names of at most {@link #MAX_CONTEXT_NAME_LENGTH} characters,
     * values of at most {@link #MAX_CONTEXT_VALUE_LENGTH}.
     *
     * @param context a request's context
     * @return the first limit it breaks, in words; null when it breaks none
     */
    public static String contextProblem(java.util.Map<String, String> context) {
        if (context.size() > MAX_CONTEXT_ENTRIES) {
            return "the context has " + context.size() + " values, more than " + MAX_CONTEXT_ENTRIES;
        }
        for (java.util.Map.Entry<String, String> e : context.entrySet()) {
            if (e.getKey().length() > MAX_CONTEXT_NAME_LENGTH) {
                return "a context name is longer than " + MAX_CONTEXT_NAME_LENGTH + " characters";
            }
            if (e.getValue().length() > MAX_CONTEXT_VALUE_LENGTH) {
                return "the context value `" + e.getKey() + "` is longer than " + MAX_CONTEXT_VALUE_LENGTH + " characters";
            }
        }
        return null;
    }
}
