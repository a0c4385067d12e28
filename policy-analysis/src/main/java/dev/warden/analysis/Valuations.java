package dev.warden.analysis;

import dev.warden.core.PatternSegment;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Statement;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The principals that statements with {@code ${principal...}} variables can tell apart. A
 * decision depends on a variable's value only through which literal segments it equals, which
 * globs it matches, whether it is a segment at all, and whether it is missing; and, between two
 * variables, whether their values are equal. One representative value per such class, and every
 * combination across variables, covers every principal. Without variables there is one valuation,
 * the empty one.
 */
final class Valuations {
    /** Above this many distinct globs, glob classes are not combined (2^n cells). */
    static final int MAX_GLOBS_COMBINED = 6;
    /**
     * The most combinations of classes across variables analysed exactly; beyond it the classes
     * are thinned (and the result says it is not exhaustive) so that an analysis always ends.
     */
    static final int MAX_COMBINATIONS = 4_096;

    /** A value that is not a segment: present, yet never equal to any segment of a path. */
    static final String NOT_A_SEGMENT = "";
    /** The same for ids, which must not be empty. */
    static final String ID_NOT_A_SEGMENT = "ak/none";

    private Valuations() {}

    /**
     * The variables and, for each, one representative value per class (null: missing).
     *
     * @param exhaustive false when some variable met more globs than are combined
     */
    record Result(List<String> variables, List<List<String>> classes, boolean exhaustive) {}

    static Result of(Collection<Statement> statements) {
        // A path segment at index d is only ever compared with pattern segments at index d, so a
        // variable's value matters only against the literals and globs at the indexes where that
        // variable stands, and against the other variables standing at those indexes.
        Map<String, Set<Integer>> depths = new LinkedHashMap<>();
        Map<Integer, Set<String>> literalsAt = new HashMap<>();
        Map<Integer, Set<PatternSegment.Glob>> globsAt = new HashMap<>();
        for (Statement s : statements) {
            for (ResourcePattern p : s.resources()) {
                List<PatternSegment> segs = p.segments();
                for (int d = 0; d < segs.size(); d++) {
                    PatternSegment seg = segs.get(d);
                    if (seg instanceof PatternSegment.Variable v) {
                        depths.computeIfAbsent(v.name(), k -> new LinkedHashSet<>()).add(d);
                    } else if (seg instanceof PatternSegment.Glob g) {
                        globsAt.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(g);
                    } else if (seg instanceof PatternSegment.Literal l) {
                        literalsAt.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(l.text());
                    }
                }
            }
        }
        if (depths.isEmpty()) {
            return new Result(List.of(), List.of(), true);
        }
        boolean exhaustive = true;
        List<String> varList = new ArrayList<>(depths.keySet());
        List<List<String>> choices = new ArrayList<>();
        for (String var : varList) {
            Set<String> literals = new LinkedHashSet<>();
            Set<PatternSegment.Glob> globs = new LinkedHashSet<>();
            for (int d : depths.get(var)) {
                literals.addAll(literalsAt.getOrDefault(d, Set.of()));
                globs.addAll(globsAt.getOrDefault(d, Set.of()));
            }
            int sharing = 0;
            for (String other : varList) {
                if (!Collections.disjoint(depths.get(other), depths.get(var))) {
                    sharing++;
                }
            }
            exhaustive &= globs.size() <= MAX_GLOBS_COMBINED;
            List<String> c = new ArrayList<>();
            if (!var.equals(PatternSegment.Variable.ID)) {
                c.add(null); // missing
                c.add(NOT_A_SEGMENT);
            }
            c.addAll(classRepresentatives(literals, globs, sharing));
            if (var.equals(PatternSegment.Variable.ID)) {
                c.add(ID_NOT_A_SEGMENT); // last: examples prefer the first class, and a plain id reads better
            }
            choices.add(c);
        }
        double combinations = 1;
        for (List<String> c : choices) {
            combinations *= c.size();
        }
        if (combinations > MAX_COMBINATIONS) {
            exhaustive = false;
            int keep = Math.max(3, (int) Math.floor(Math.pow(MAX_COMBINATIONS, 1.0 / choices.size())));
            for (int i = 0; i < choices.size(); i++) {
                if (choices.get(i).size() > keep) {
                    choices.set(i, List.copyOf(choices.get(i).subList(0, keep)));
                }
            }
        }
        return new Result(varList, choices, exhaustive);
    }

    /**
     * Values standing for every class of segments: each literal, and for each combination of globs
     * matched (up to {@link #MAX_GLOBS_COMBINED} globs; beyond, each glob alone) a segment in
     * exactly that combination and equal to no literal, {@code copies} distinct ones so that
     * variables may hold equal or different values of one class.
     */
    private static List<String> classRepresentatives(Set<String> literals, Set<PatternSegment.Glob> globs, int copies) {
        List<String> values = new ArrayList<>(literals);
        Automaton notLiteral = PathLanguages.ANY_SEGMENT.minus(Automaton.makeStringUnion(literals.toArray(new String[0])));
        List<Automaton> globLanguages = new ArrayList<>();
        for (PatternSegment.Glob g : globs) {
            globLanguages.add(PathLanguages.glob(g));
        }
        List<Automaton> cells = new ArrayList<>();
        if (globLanguages.size() <= MAX_GLOBS_COMBINED) {
            for (int mask = 0; mask < (1 << globLanguages.size()); mask++) {
                Automaton cell = notLiteral;
                for (int g = 0; g < globLanguages.size(); g++) {
                    cell = (mask & (1 << g)) != 0
                            ? cell.intersection(globLanguages.get(g))
                            : cell.minus(globLanguages.get(g));
                }
                cells.add(cell);
            }
        } else {
            Automaton none = notLiteral;
            for (Automaton g : globLanguages) {
                cells.add(notLiteral.intersection(g));
                none = none.minus(g);
            }
            cells.add(none);
        }
        for (Automaton cell : cells) {
            Automaton remaining = cell;
            for (int k = 0; k < copies && !remaining.isEmpty(); k++) {
                String v = PathLanguages.segmentExample(remaining);
                values.add(v);
                remaining = remaining.minus(Automaton.makeString(v));
            }
        }
        return values;
    }
}
