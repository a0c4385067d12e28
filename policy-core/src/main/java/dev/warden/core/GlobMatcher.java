package dev.warden.core;

/**
 * A {@link PatternSegment.Glob} compiled for the trie walk: its parts in an array, matched against a
 * range of the request path without building a substring.
 */
final class GlobMatcher {
    private final String[] parts;

    GlobMatcher(PatternSegment.Glob glob) {
        this.parts = glob.parts().toArray(new String[0]);
    }

    /** Whether {@code s[start, end)} holds the parts in order, the first at the start and the last at the end. */
    boolean matches(CharSequence s, int start, int end) {
        String first = parts[0];
        String last = parts[parts.length - 1];
        int len = end - start;
        if (len < first.length() + last.length()) {
            return false;
        }
        if (!regionEquals(s, start, first) || !regionEquals(s, end - last.length(), last)) {
            return false;
        }
        int pos = start + first.length();
        int limit = end - last.length();
        for (int p = 1; p < parts.length - 1; p++) {
            int at = indexOf(s, parts[p], pos, limit);
            if (at < 0) {
                return false;
            }
            pos = at + parts[p].length();
        }
        return true;
    }

    private static boolean regionEquals(CharSequence s, int at, String lit) {
        for (int i = 0; i < lit.length(); i++) {
            if (s.charAt(at + i) != lit.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence s, String lit, int from, int limit) {
        for (int i = from; i + lit.length() <= limit; i++) {
            if (regionEquals(s, i, lit)) {
                return i;
            }
        }
        return -1;
    }
}
