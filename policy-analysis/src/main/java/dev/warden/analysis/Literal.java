package dev.warden.analysis;

import dev.warden.core.PatternSegment;
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
    static boolean intersect(ResourcePattern a, ResourcePattern b) {
        return Overlap.alongside(a, b, Literal::segmentsIntersect);
    }

    /** {@link #intersect(ResourcePattern, ResourcePattern)} of two patterns' texts, which must be valid: for tests. */
    static boolean intersect(String a, String b) {
        return intersect(ResourcePattern.parse(a), ResourcePattern.parse(b));
    }

    /**
     * Whether two variable-free segments (neither {@code **}) match a common segment: {@link
     * Overlap#segmentsMay} is exact for them but for two globs, which it can only call possible.
     */
    private static boolean segmentsIntersect(PatternSegment s, PatternSegment t) {
        if (s instanceof PatternSegment.Glob g && t instanceof PatternSegment.Glob h) {
            return !PathLanguages.glob(g).intersection(PathLanguages.glob(h)).isEmpty();
        }
        return Overlap.segmentsMay(s, t);
    }

    /** Whether a variable-free pattern matches a canonical path ({@code /a/b}). */
    static boolean matches(ResourcePattern pattern, String path) {
        List<PatternSegment> x = pattern.segments();
        List<String> y = PathLanguages.pathSegments(path);
        for (int i = 0; ; i++) {
            if (i == x.size() || i == y.size()) {
                return x.size() == y.size();
            }
            PatternSegment s = x.get(i);
            if (s instanceof PatternSegment.Rest) {
                return true;
            }
            if (!segmentMatches(s, y.get(i))) {
                return false;
            }
        }
    }

    /** {@link #matches(ResourcePattern, String)} of a pattern's text, which must be valid: for tests. */
    static boolean matches(String pattern, String path) {
        return matches(ResourcePattern.parse(pattern), path);
    }

    private static boolean segmentMatches(PatternSegment s, String seg) {
        if (s instanceof PatternSegment.Star) {
            return PathLanguages.isSegment(seg);
        }
        if (s instanceof PatternSegment.Glob g) {
            return g.matches(seg) && PathLanguages.isSegment(seg);
        }
        if (s instanceof PatternSegment.Literal l) {
            return l.text().equals(seg);
        }
        throw new IllegalArgumentException("a variable-free pattern was expected, not one with `" + s.text() + "`");
    }

    /** Whether one of the variable-free patterns matches the path. */
    static boolean anyMatches(List<ResourcePattern> patterns, String path) {
        for (ResourcePattern p : patterns) {
            if (matches(p, path)) {
                return true;
            }
        }
        return false;
    }
}
