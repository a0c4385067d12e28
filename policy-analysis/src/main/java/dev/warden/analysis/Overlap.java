package dev.warden.analysis;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * A cheap, conservative test of whether two patterns could match a common path: false only when
 * some segment position can never agree. Used to prefilter before the exact automaton test.
 */
final class Overlap {
    private Overlap() {}

    static boolean may(String a, String b) {
        return alongside(a, b, Overlap::segmentsMay);
    }

    /**
     * Two patterns side by side, segment by segment: true at a {@code **} (the other has a segment
     * there, and {@code **} takes it and the rest) or when both end together with every pair of
     * segments passing {@code segments}; false at the first pair that does not, or when one is
     * longer (only a last {@code **} of the shorter could take the rest).
     */
    static boolean alongside(String a, String b, BiPredicate<String, String> segments) {
        List<String> x = PathLanguages.segments(a);
        List<String> y = PathLanguages.segments(b);
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            String s = x.get(i);
            String t = y.get(i);
            if (s.equals("**") || t.equals("**")) {
                return true;
            }
            if (!segments.test(s, t)) {
                return false;
            }
        }
        return x.size() == y.size();
    }

    /** Whether two pattern segments (neither {@code **}) could match a common segment. */
    static boolean segmentsMay(String s, String t) {
        boolean sLiteral = isLiteral(s);
        boolean tLiteral = isLiteral(t);
        if (sLiteral && tLiteral) {
            return s.equals(t);
        }
        if (sLiteral && t.indexOf('*') >= 0 && PathLanguages.variable(t).isEmpty() && !t.equals("*")) {
            return globMatches(t, s);
        }
        if (tLiteral && s.indexOf('*') >= 0 && PathLanguages.variable(s).isEmpty() && !s.equals("*")) {
            return globMatches(s, t);
        }
        return true; // `*`, variables, two globs: maybe
    }

    /**
     * Whether a glob such as {@code sms-*-eu} matches a literal segment (a valid segment, as in a
     * loaded pattern): its pieces in order, the first at the start and the last at the end.
     */
    static boolean globMatches(String glob, String literal) {
        String[] pieces = glob.split("\\*", -1);
        String first = pieces[0];
        String last = pieces[pieces.length - 1];
        if (literal.length() < first.length() + last.length() || !literal.startsWith(first) || !literal.endsWith(last)) {
            return false;
        }
        int at = first.length();
        int end = literal.length() - last.length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int found = literal.indexOf(pieces[i], at);
            if (found < 0 || found + pieces[i].length() > end) {
                return false;
            }
            at = found + pieces[i].length();
        }
        return true;
    }

    private static boolean isLiteral(String s) {
        return s.indexOf('*') < 0 && PathLanguages.variable(s).isEmpty();
    }
}
