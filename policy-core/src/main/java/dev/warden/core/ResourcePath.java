package dev.warden.core;

/**
 * A request path in canonical form (docs/semantics.md, "Requests: what is malformed"), or the
 * reason it is malformed.
 *
 * <p>There is one canonicalisation, used by the authorizer, the CLI and the gateway alike. The
 * HTTP form ({@link #ofHttpPath}) is a request target as it travels on the wire: it drops the query
 * ({@code ?...}) first, and a {@code #} anywhere in it (the query included) makes it malformed, since
 * a target never holds a fragment and a backend may read what follows a {@code #} as path. The
 * resource form ({@link #ofResource}) rejects {@code ?} and {@code #}. The path is then split on
 * {@code /} and each segment percent-decoded exactly once. It is malformed when it does not start
 * with {@code /}, has an empty segment, is longer than {@value #MAX_BYTES} bytes or {@value
 * #MAX_SEGMENTS} segments, when a decoded segment is {@code .} or {@code ..} or holds {@code /},
 * {@code \}, {@code ;}, {@code %}, {@code ?}, {@code #}, a control character or anything outside
 * printable ASCII, or when a percent-escape is truncated or not hexadecimal. A malformed path is
 * never normalised: it is denied.
 *
 * <p>Canonicalisation allocates no regex; a path without escapes keeps its own string.
 */
public final class ResourcePath {
    /** The longest path accepted, in bytes (after the query is dropped, before decoding): {@link Limits#MAX_PATH_LENGTH}. */
    public static final int MAX_BYTES = Limits.MAX_PATH_LENGTH;
    /** The most segments a path may have: {@link Limits#MAX_PATH_SEGMENTS}. */
    public static final int MAX_SEGMENTS = Limits.MAX_PATH_SEGMENTS;

    private static final int[] NO_BOUNDS = new int[0];

    /** Decoded path ({@code /seg/seg}); for a malformed path, the input. */
    private final String text;
    /** Start and end offsets into {@link #text}, two per segment. */
    private final int[] bounds;
    /** Null when well formed. */
    private final String problem;

    private ResourcePath(String text, int[] bounds, String problem) {
        this.text = text;
        this.bounds = bounds;
        this.problem = problem;
    }

    /**
     * Canonicalises an action request's {@code resource}: a query or fragment makes it malformed.
     *
     * @param resource a path in the resource form, as given
     * @return the canonical path, or a malformed one that says why
     */
    public static ResourcePath ofResource(String resource) {
        int cut = indexOfQueryOrFragment(resource);
        if (cut >= 0) {
            return malformed(resource, "a resource must not have a query or fragment (`"
                    + resource.charAt(cut) + "` at offset " + cut + ")");
        }
        return parse(resource);
    }

    /**
     * Canonicalises an HTTP request target: the query ({@code ?...}) is dropped, and a {@code #}
     * anywhere in the target makes it malformed.
     *
     * @param path a request target in the HTTP form, as it travels on the wire
     * @return the canonical path, or a malformed one that says why
     */
    public static ResourcePath ofHttpPath(String path) {
        int hash = path.indexOf('#');
        if (hash >= 0) {
            return malformed(path, "a request target must not hold `#` (offset " + hash + ")");
        }
        int cut = path.indexOf('?');
        return parse(cut >= 0 ? path.substring(0, cut) : path);
    }

    private static int indexOfQueryOrFragment(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private static ResourcePath malformed(String input, String problem) {
        return new ResourcePath(input, NO_BOUNDS, problem);
    }

    private static ResourcePath parse(String path) {
        int len = path.length();
        if (len > MAX_BYTES) {
            return malformed(path, "path is longer than " + MAX_BYTES + " bytes");
        }
        if (len == 0 || path.charAt(0) != '/') {
            return malformed(path, "path must start with `/`");
        }
        if (len == 1) {
            return new ResourcePath(path, NO_BOUNDS, null);
        }
        // First pass: count segments, find escapes, validate raw characters.
        int segments = 1;
        boolean escapes = false;
        for (int i = 1; i < len; i++) {
            char c = path.charAt(i);
            if (c == '/') {
                segments++;
            } else if (c == '%') {
                escapes = true;
            }
        }
        if (segments > MAX_SEGMENTS) {
            return malformed(path, "path has more than " + MAX_SEGMENTS + " segments");
        }
        int[] bounds = new int[segments * 2];
        StringBuilder decoded = escapes ? new StringBuilder(len) : null;
        int start = 1;
        for (int s = 0; s < segments; s++) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = len;
            }
            if (end == start) {
                return malformed(path, "empty segment at offset " + start);
            }
            int outStart;
            if (decoded == null) {
                String problem = checkRaw(path, start, end);
                if (problem != null) {
                    return malformed(path, problem);
                }
                outStart = start;
            } else {
                decoded.append('/');
                outStart = decoded.length();
                String problem = decodeInto(path, start, end, decoded);
                if (problem != null) {
                    return malformed(path, problem);
                }
            }
            CharSequence out = decoded == null ? path : decoded;
            int outEnd = decoded == null ? end : decoded.length();
            if (SegmentAlphabet.isDotSegment(out, outStart, outEnd)) {
                return malformed(path, "dot segment `" + out.subSequence(outStart, outEnd) + "` at offset " + start);
            }
            bounds[2 * s] = outStart;
            bounds[2 * s + 1] = outEnd;
            start = end + 1;
        }
        return new ResourcePath(decoded == null ? path : decoded.toString(), bounds, null);
    }

    /** Checks a segment that has no escapes; null when every character is allowed. */
    private static String checkRaw(String path, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (!SegmentAlphabet.allows(c)) {
                return describe(c, i);
            }
        }
        return null;
    }

    private static String decodeInto(String path, int start, int end, StringBuilder out) {
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= end) { // fewer than two characters follow the % inside this segment
                    return "truncated percent-escape at offset " + i;
                }
                int hi = hex(path.charAt(i + 1));
                int lo = hex(path.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return "percent-escape `" + path.substring(i, i + 3) + "` is not hexadecimal (offset " + i + ")";
                }
                char d = (char) (hi * 16 + lo);
                if (!SegmentAlphabet.allows(d)) {
                    return "percent-escape `" + path.substring(i, i + 3) + "` decodes to "
                            + describeChar(d) + ", which a segment must not hold (offset " + i + ")";
                }
                out.append(d);
                i += 2;
            } else if (!SegmentAlphabet.allows(c)) {
                return describe(c, i);
            } else {
                out.append(c);
            }
        }
        return null;
    }

    /** The value of an ASCII hexadecimal digit, or -1 (not {@code Character.digit}, which takes other scripts' digits). */
    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String describe(char c, int offset) {
        return describeChar(c) + " at offset " + offset + " is not allowed in a path segment";
    }

    static String describeChar(char c) {
        if (c < 0x20 || c == 0x7F) {
            return String.format("control character U+%04X", (int) c);
        }
        if (c > 0x7E) {
            return String.format("non-ASCII character U+%04X", (int) c);
        }
        return "`" + c + "`";
    }

    /**
     * Whether the path is well formed.
     *
     * @return true when it was read without a problem
     */
    public boolean isWellFormed() {
        return problem == null;
    }

    /**
     * What makes the path malformed; empty when it is well formed.
     *
     * @return the problem in words, with its offset in the input ({@code empty segment at offset 11})
     */
    public String problem() {
        return problem == null ? "" : problem;
    }

    /**
     * The number of segments; 0 for {@code /} and for a malformed path.
     *
     * @return the segment count
     */
    public int segmentCount() {
        return bounds.length / 2;
    }

    /**
     * Segment {@code i}, decoded.
     *
     * @param i the segment's index, from 0, below {@link #segmentCount()}
     * @return the segment's text, percent-decoded once
     */
    public String segment(int i) {
        return text.substring(bounds[2 * i], bounds[2 * i + 1]);
    }

    /**
     * The canonical path, {@code /} and the decoded segments joined by {@code /}; for a malformed
     * path, the input as given. Two well-formed paths with the same canonical form are the same
     * resource.
     *
     * @return the canonical path, or the input of a malformed one
     */
    public String canonical() {
        return text;
    }

    // Hot-path accessors for the matcher: no substring.
    String text() {
        return text;
    }

    int start(int i) {
        return bounds[2 * i];
    }

    int end(int i) {
        return bounds[2 * i + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourcePath other
                && text.equals(other.text)
                && java.util.Objects.equals(problem, other.problem);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return problem == null ? text : "malformed path `" + text + "`: " + problem;
    }
}
