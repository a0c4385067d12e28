package dev.warden.analysis;

import java.util.List;

/**
 * A cheap, conservative test of whether two patterns could match a common path: false only when
 * some segment position can never agree. Used to prefilter before the exact automaton test.
 */
final class Overlap {
    private Overlap() {}

    static boolean may(String a, String b) {
        List<String> x = PathLanguages.segments(a);
        List<String> y = PathLanguages.segments(b);
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            String s = x.get(i);
            String t = y.get(i);
            if (s.equals("**") || t.equals("**")) {
                return true;
            }
            if (!segmentsMay(s, t)) {
                return false;
            }
        }
        if (x.size() == y.size()) {
            return true;
        }
        // The longer one goes on: only a `**` at the end of the shorter could take it.
        return false;
    }

    private static boolean segmentsMay(String s, String t) {
        boolean sLiteral = isLiteral(s);
        boolean tLiteral = isLiteral(t);
        if (sLiteral && tLiteral) {
            return s.equals(t);
        }
        if (sLiteral && t.indexOf('*') >= 0 && PathLanguages.variable(t).isEmpty() && !t.equals("*")) {
            return PathLanguages.glob(t).run(s);
        }
        if (tLiteral && s.indexOf('*') >= 0 && PathLanguages.variable(s).isEmpty() && !s.equals("*")) {
            return PathLanguages.glob(s).run(t);
        }
        return true; // `*`, variables, two globs: maybe
    }

    private static boolean isLiteral(String s) {
        return s.indexOf('*') < 0 && PathLanguages.variable(s).isEmpty();
    }
}
