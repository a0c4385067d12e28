package dev.warden.analysis;

import dev.warden.core.ResourcePattern;
import java.util.List;

/**
 * Exact tests on patterns without variables, computed segment by segment instead of on automata:
 * such a pattern means the same for every principal, and its segments line up one to one with a
 * path's (but for a last {@code **}, which takes one or more). Lint uses them first and builds
 * automata only where a variable makes the answer depend on the principal.
 */
final class Literal {
    private Literal() {}

    /** Whether none of the patterns has a variable. */
    static boolean variableFree(List<ResourcePattern> patterns) {
        for (ResourcePattern p : patterns) {
            if (p.hasVariables()) {
                return false;
            }
        }
        return true;
    }

    /** Whether two variable-free patterns match a common path. */
    static boolean intersect(String a, String b) {
        return Overlap.alongside(a, b, Literal::segmentsIntersect);
    }

    /**
     * Whether two variable-free segments (neither {@code **}) match a common segment: {@link
     * Overlap#segmentsMay} is exact for them but for two globs, which it can only call possible.
     */
    private static boolean segmentsIntersect(String s, String t) {
        if (s.indexOf('*') >= 0 && t.indexOf('*') >= 0 && !s.equals("*") && !t.equals("*")) {
            return !PathLanguages.glob(s).intersection(PathLanguages.glob(t)).isEmpty();
        }
        return Overlap.segmentsMay(s, t);
    }

    /** Whether a variable-free pattern matches a canonical path ({@code /a/b}). */
    static boolean matches(String pattern, String path) {
        List<String> x = PathLanguages.segments(pattern);
        List<String> y = PathLanguages.segments(path);
        for (int i = 0; ; i++) {
            if (i == x.size() || i == y.size()) {
                return x.size() == y.size();
            }
            String s = x.get(i);
            if (s.equals("**")) {
                return true;
            }
            String seg = y.get(i);
            boolean ok = s.equals("*") ? PathLanguages.isSegment(seg)
                    : s.indexOf('*') >= 0 ? Overlap.globMatches(s, seg) && PathLanguages.isSegment(seg)
                    : s.equals(seg);
            if (!ok) {
                return false;
            }
        }
    }

    /** Whether one of the variable-free patterns matches the path. */
    static boolean anyMatches(List<ResourcePattern> patterns, String path) {
        for (ResourcePattern p : patterns) {
            if (matches(p.text(), path)) {
                return true;
            }
        }
        return false;
    }
}
