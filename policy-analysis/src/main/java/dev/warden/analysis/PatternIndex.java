package dev.warden.analysis;

import dev.warden.core.ResourcePattern;
import dev.warden.core.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statements indexed by the literal first two segments of their patterns, so that the statements
 * whose patterns could meet a given pattern are found without scanning them all. Statements with a
 * pattern that is not literal there are returned for every query. A prefilter only: what it
 * returns is then tested exactly.
 */
final class PatternIndex {
    private final Map<String, List<Statement>> byPrefix = new HashMap<>();
    private final List<Statement> wild = new ArrayList<>();

    PatternIndex(Iterable<Statement> statements) {
        for (Statement s : statements) {
            Set<String> keys = new LinkedHashSet<>();
            boolean isWild = false;
            for (ResourcePattern p : s.resources()) {
                String key = key(p.text());
                if (key == null) {
                    isWild = true;
                } else {
                    keys.add(key);
                }
            }
            if (isWild) {
                wild.add(s);
            } else {
                for (String k : keys) {
                    byPrefix.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
                }
            }
        }
    }

    /** The first two segments when both are literal, else null. */
    static String key(String pattern) {
        List<String> segs = PathLanguages.segments(pattern);
        if (segs.size() < 2) {
            return null;
        }
        for (int i = 0; i < 2; i++) {
            String s = segs.get(i);
            if (s.indexOf('*') >= 0 || PathLanguages.variable(s).isPresent()) {
                return null;
            }
        }
        return segs.get(0) + "/" + segs.get(1);
    }

    /** The statements that may have a pattern meeting one of {@code patterns} (a superset). */
    List<Statement> candidates(List<ResourcePattern> patterns) {
        Set<Statement> out = new LinkedHashSet<>(wild);
        for (ResourcePattern p : patterns) {
            String key = key(p.text());
            if (key == null) {
                byPrefix.values().forEach(out::addAll);
                break;
            }
            out.addAll(byPrefix.getOrDefault(key, List.of()));
        }
        return new ArrayList<>(out);
    }
}
