package dev.warden.analysis;

import dev.warden.core.PatternSegment;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Statement;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests as words: one character per variable naming the class of the principal's value for it
 * (see {@link Valuations}), then the canonical path. A pattern's language holds, for every class of
 * principal, the paths it matches for that principal, so one automaton covers every principal and
 * unions, differences and emptiness over it are exact for all of them at once.
 */
final class Words {
    /** Class characters come from Unicode's private use area, never in a path. */
    private static final char FIRST_CLASS_CHAR = '\uE000';

    private final List<String> variables;
    private final List<List<String>> classes;
    private final Automaton anyPrefix;
    private final boolean exhaustive;
    private final Map<List<Object>, Automaton> cache = new HashMap<>();

    private Words(Valuations.Result v) {
        this.variables = v.variables();
        this.classes = v.classes();
        this.exhaustive = v.exhaustive();
        List<Automaton> parts = new ArrayList<>();
        for (List<String> c : classes) {
            parts.add(Automaton.makeCharRange(FIRST_CLASS_CHAR, (char) (FIRST_CLASS_CHAR + c.size() - 1)));
        }
        this.anyPrefix = parts.isEmpty() ? Automaton.makeEmptyString() : BasicOperations.concatenate(parts);
    }

    /** The words for requests against these statements. */
    static Words over(Collection<Statement> statements) {
        return new Words(Valuations.of(statements));
    }

    boolean exhaustive() {
        return exhaustive;
    }

    /** Every prefix: any principal. */
    Automaton anyPrefix() {
        return anyPrefix;
    }

    /**
     * The words a pattern matches, in a statement of the given kind: for each class of the
     * variables it uses, that class's prefix and the paths it matches for such a principal.
     */
    Automaton pattern(ResourcePattern pattern, boolean deny) {
        return cache.computeIfAbsent(List.of(pattern, deny), k -> build(pattern, deny));
    }

    private Automaton build(ResourcePattern pattern, boolean deny) {
        List<Integer> used = new ArrayList<>();
        for (PatternSegment seg : pattern.segments()) {
            if (seg instanceof PatternSegment.Variable v) {
                int i = variables.indexOf(v.name());
                if (!used.contains(i)) {
                    used.add(i);
                }
            }
        }
        if (used.isEmpty()) {
            return anyPrefix.concatenate(PathLanguages.pattern(pattern, Map.of(), deny));
        }
        List<Automaton> alternatives = new ArrayList<>();
        combine(pattern, deny, used, 0, new int[variables.size()], alternatives);
        return PathLanguages.union(alternatives);
    }

    private void combine(ResourcePattern pattern, boolean deny, List<Integer> used, int k, int[] choice, List<Automaton> out) {
        if (k == used.size()) {
            Map<String, String> values = new HashMap<>();
            List<Automaton> prefix = new ArrayList<>();
            for (int v = 0; v < variables.size(); v++) {
                if (used.contains(v)) {
                    String value = classes.get(v).get(choice[v]);
                    if (value != null) {
                        values.put(variables.get(v), value);
                    }
                    prefix.add(Automaton.makeChar((char) (FIRST_CLASS_CHAR + choice[v])));
                } else {
                    prefix.add(Automaton.makeCharRange(FIRST_CLASS_CHAR,
                            (char) (FIRST_CLASS_CHAR + classes.get(v).size() - 1)));
                }
            }
            Automaton paths = PathLanguages.pattern(pattern, values, deny);
            if (!paths.isEmpty()) {
                out.add(BasicOperations.concatenate(prefix).concatenate(paths));
            }
            return;
        }
        int var = used.get(k);
        for (int c = 0; c < classes.get(var).size(); c++) {
            choice[var] = c;
            combine(pattern, deny, used, k + 1, choice, out);
        }
    }

    /** A short, readable word of a non-empty language. */
    String example(Automaton words) {
        return PathLanguages.example(words, anyPrefix);
    }

    /** The path part of a word. */
    String path(String word) {
        return word.substring(variables.size());
    }

    /** The principal's values that a word's prefix stands for: missing variables are absent. */
    Map<String, String> values(String word) {
        Map<String, String> out = new TreeMap<>();
        for (int v = 0; v < variables.size(); v++) {
            String value = classes.get(v).get(word.charAt(v) - FIRST_CLASS_CHAR);
            if (value != null) {
                out.put(variables.get(v), value);
            }
        }
        return out;
    }
}
