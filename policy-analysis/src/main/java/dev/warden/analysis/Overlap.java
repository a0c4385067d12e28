package dev.warden.analysis;

import dev.warden.core.PatternSegment;
import dev.warden.core.ResourcePattern;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * A cheap, conservative test of whether two patterns could match a common path: false only when
 * some segment position can never agree. Used to prefilter before the exact automaton test.
 */
final class Overlap {
    private Overlap() {}

    static boolean may(ResourcePattern a, ResourcePattern b) {
        return alongside(a, b, Overlap::segmentsMay);
    }

    /**
     * Two patterns side by side, segment by segment: true at a {@code **} (the other has a segment
     * there, and {@code **} takes it and the rest) or when both end together with every pair of
     * segments passing {@code segments}; false at the first pair that does not, or when one is
     * longer (only a last {@code **} of the shorter could take the rest).
     */
    static boolean alongside(ResourcePattern a, ResourcePattern b,
            BiPredicate<PatternSegment, PatternSegment> segments) {
        List<PatternSegment> x = a.segments();
        List<PatternSegment> y = b.segments();
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            PatternSegment s = x.get(i);
            PatternSegment t = y.get(i);
            if (s instanceof PatternSegment.Rest || t instanceof PatternSegment.Rest) {
                return true;
            }
            if (!segments.test(s, t)) {
                return false;
            }
        }
        return x.size() == y.size();
    }

    /** Whether two pattern segments (neither {@code **}) could match a common segment. */
    static boolean segmentsMay(PatternSegment s, PatternSegment t) {
        if (s instanceof PatternSegment.Literal a && t instanceof PatternSegment.Literal b) {
            return a.equals(b);
        }
        if (s instanceof PatternSegment.Literal a && t instanceof PatternSegment.Glob g) {
            return g.matches(a.text());
        }
        if (t instanceof PatternSegment.Literal b && s instanceof PatternSegment.Glob g) {
            return g.matches(b.text());
        }
        return true; // `*`, variables, two globs: maybe
    }

    /**
     * Whether a glob such as {@code sms-*-eu}, written as in a pattern, matches a literal segment:
     * {@link PatternSegment.Glob#matches}, for tests.
     */
    static boolean globMatches(String glob, String literal) {
        PatternSegment g = ResourcePattern.parse("/" + glob).segments().get(0);
        if (!(g instanceof PatternSegment.Glob pieces)) {
            throw new IllegalArgumentException("`" + glob + "` is not a glob");
        }
        return pieces.matches(literal);
    }
}
