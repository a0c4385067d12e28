package dev.warden.analysis;

import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionKey;
import dev.warden.core.Effect;
import dev.warden.core.Explanation;
import dev.warden.core.PatternSegment;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Statement;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicOperations;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Requests as words: one character per key (a path variable, or a key a condition reads) naming
 * the class of the request's value for it (see {@link Valuations}), then the canonical path. A
 * statement's language holds, for every class of principal and context, the paths on which it
 * applies for them, so one automaton covers every request and unions, differences and emptiness
 * over it are exact for all of them at once. A condition is a union of boxes: for each
 * conjunction, the classes of each key for which none of its clauses fails (for a deny: is false;
 * for an allow: is not true).
 */
final class Words {
    /** Class characters come from Unicode's private use area, never in a path. */
    private static final char FIRST_CLASS_CHAR = '\uE000';

    private final List<String> keys;
    private final List<List<String>> classes;
    private final Automaton anyPrefix;
    private final boolean exhaustive;
    private final Map<List<Object>, Automaton> cache = new HashMap<>();
    /** Each clause's value for each class of its key. */
    private final Map<Clause, Explanation.Truth[]> truths;
    /** What each class stands for, for the keys that only conditions read. */
    private final Map<String, List<List<Span>>> spans;

    private Words(Valuations.Result v) {
        this.keys = v.keys();
        this.truths = new HashMap<>(v.truths());
        this.spans = v.spans();
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
        return memo(List.of(pattern, deny), () -> build(pattern, deny));
    }

    private Automaton build(ResourcePattern pattern, boolean deny) {
        List<Integer> used = new ArrayList<>();
        for (PatternSegment seg : pattern.segments()) {
            if (seg instanceof PatternSegment.Variable v) {
                int i = keys.indexOf(Valuations.key(v));
                if (!used.contains(i)) {
                    used.add(i);
                }
            }
        }
        if (used.isEmpty()) {
            return anyPrefix.concatenate(PathLanguages.pattern(pattern, Map.of(), deny));
        }
        List<Automaton> alternatives = new ArrayList<>();
        combine(pattern, deny, used, 0, new int[keys.size()], alternatives);
        return PathLanguages.union(alternatives);
    }

    private void combine(ResourcePattern pattern, boolean deny, List<Integer> used, int k, int[] choice, List<Automaton> out) {
        if (k == used.size()) {
            Map<String, String> values = new HashMap<>();
            List<Automaton> prefix = new ArrayList<>();
            for (int v = 0; v < keys.size(); v++) {
                if (used.contains(v)) {
                    String value = classes.get(v).get(choice[v]);
                    if (value != null) {
                        values.put(keys.get(v).substring(Valuations.PRINCIPAL.length()), value);
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

    /** The cached automaton for {@code key}, built once (not computeIfAbsent: builds nest). */
    private Automaton memo(List<Object> key, java.util.function.Supplier<Automaton> build) {
        Automaton a = cache.get(key);
        if (a == null) {
            a = build.get();
            cache.put(key, a);
        }
        return a;
    }

    /** The words on which a statement applies: one of its patterns matches, and its condition lets it. */
    Automaton statement(Statement s) {
        return memo(List.of(s), () -> {
            List<Automaton> parts = new ArrayList<>();
            for (ResourcePattern p : s.resources()) {
                parts.add(within(s, p));
            }
            return PathLanguages.union(parts);
        });
    }

    /** The words on which one pattern of a statement applies, its condition included. */
    Automaton within(Statement s, ResourcePattern p) {
        boolean deny = s.effect() == Effect.DENY;
        if (s.condition().isEmpty()) {
            return pattern(p, deny);
        }
        if (!p.hasVariables()) {
            // the condition's classes, then the paths: no intersection needed
            return applies(s).concatenate(PathLanguages.pattern(p, Map.of(), deny));
        }
        return pattern(p, deny).intersection(condition(s.condition().get(), deny));
    }

    /**
     * The prefixes (classes of every key) for which a statement's condition lets it apply: every
     * prefix when it has none.
     */
    Automaton applies(Statement s) {
        if (s.condition().isEmpty()) {
            return anyPrefix;
        }
        boolean deny = s.effect() == Effect.DENY;
        return memo(List.of(s.condition().get(), deny, "prefix"), () -> boxes(s.condition().get(), deny));
    }

    /**
     * The words whose classes let a condition apply, with any path: for an allow, where it is
     * true; for a deny, where it is true or unknown.
     */
    Automaton condition(Condition condition, boolean deny) {
        return memo(List.of(condition, deny), () -> boxes(condition, deny).concatenate(Automaton.makeAnyString()));
    }

    /** The union of a condition's boxes: the prefixes for which it applies. */
    private Automaton boxes(Condition condition, boolean deny) {
        List<Automaton> boxes = new ArrayList<>();
        conjunctions:
        for (Condition.Conjunction conjunction : condition.anyOf()) {
            BitSet[] allowed = new BitSet[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                allowed[k] = new BitSet();
                allowed[k].set(0, classes.get(k).size());
            }
            for (Clause clause : conjunction.allOf()) {
                int k = keys.indexOf(clause.key().text());
                Explanation.Truth[] t = truths(clause, k);
                for (int c = 0; c < t.length; c++) {
                    boolean lets = deny ? t[c] != Explanation.Truth.FALSE : t[c] == Explanation.Truth.TRUE;
                    if (!lets) {
                        allowed[k].clear(c);
                    }
                }
                if (allowed[k].isEmpty()) {
                    continue conjunctions;
                }
            }
            List<Automaton> box = new ArrayList<>();
            for (BitSet b : allowed) {
                box.add(chars(b));
            }
            boxes.add(BasicOperations.concatenate(box));
        }
        return PathLanguages.union(boxes);
    }

    /** The clause's value for each class of its key (the key at index {@code k}). */
    Explanation.Truth[] truths(Clause clause, int k) {
        return truths.computeIfAbsent(clause, c -> {
            List<String> values = classes.get(k);
            Explanation.Truth[] t = new Explanation.Truth[values.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = c.evaluate(Optional.ofNullable(values.get(i)));
            }
            return t;
        });
    }

    /**
     * A region of words described by a condition: {@code condition} holds, for each key that only
     * conditions read, exactly the classes that occur in the region (keys whose classes cannot be
     * written back, and keys where every class occurs, are left out); {@code box} is the words it
     * describes, with any path.
     */
    record Described(Optional<Condition> condition, Automaton box) {}

    /** The condition under which a non-empty language of words lies, as far as it can be written. */
    Described describe(Automaton words) {
        List<Clause> clauses = new ArrayList<>();
        List<Automaton> box = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            BitSet all = new BitSet();
            all.set(0, classes.get(k).size());
            BitSet occurs = all;
            if (spans.containsKey(keys.get(k))) {
                BitSet at = classesAt(words, k);
                if (!at.equals(all)) {
                    Optional<List<Clause>> c = Span.clauses(ConditionKey.parse(keys.get(k)), spans.get(keys.get(k)), at);
                    if (c.isPresent()) {
                        check(k, c.get(), at);
                        clauses.addAll(c.get());
                        occurs = at;
                    }
                }
            }
            box.add(chars(occurs));
        }
        Automaton described = BasicOperations.concatenate(box).concatenate(Automaton.makeAnyString());
        return new Described(clauses.isEmpty() ? Optional.empty() : Optional.of(Condition.allOf(clauses)), described);
    }

    /** Written-back clauses that do not hold on exactly the chosen classes of their key are a bug. */
    private void check(int k, List<Clause> clauses, BitSet chosen) {
        List<String> values = classes.get(k);
        for (int c = 0; c < values.size(); c++) {
            boolean holds = true;
            for (Clause clause : clauses) {
                holds &= clause.evaluate(Optional.ofNullable(values.get(c))) == Explanation.Truth.TRUE;
            }
            if (holds != chosen.get(c)) {
                throw new IllegalStateException("described condition " + clauses + " does not hold on exactly classes " + chosen
                        + " of " + keys.get(k) + " " + values);
            }
        }
    }

    /** The classes of key {@code k} that occur in a language of words with no dead states. */
    private BitSet classesAt(Automaton words, int k) {
        Set<State> at = Set.of(words.getInitialState());
        for (int i = 0; i < k; i++) {
            Set<State> next = new HashSet<>();
            for (State s : at) {
                for (Transition t : s.getTransitions()) {
                    next.add(t.getDest());
                }
            }
            at = next;
        }
        BitSet out = new BitSet();
        int n = classes.get(k).size();
        for (State s : at) {
            for (Transition t : s.getTransitions()) {
                int from = Math.max(t.getMin() - FIRST_CLASS_CHAR, 0);
                int to = Math.min(t.getMax() - FIRST_CLASS_CHAR, n - 1);
                if (from <= to) {
                    out.set(from, to + 1);
                }
            }
        }
        return out;
    }

    private static Automaton chars(BitSet classes) {
        StringBuilder chars = new StringBuilder();
        classes.stream().forEach(c -> chars.append((char) (FIRST_CLASS_CHAR + c)));
        return Automaton.makeCharSet(chars.toString());
    }

    /** A short, readable word of a non-empty language. */
    String example(Automaton words) {
        return PathLanguages.example(words, anyPrefix);
    }

    /** The path part of a word. */
    String path(String word) {
        return word.substring(keys.size());
    }

    /**
     * The values that a word's prefix stands for, by key ({@code principal.team}, {@code
     * context.ip}): missing ones are absent.
     */
    Map<String, String> values(String word) {
        Map<String, String> out = new TreeMap<>();
        for (int v = 0; v < keys.size(); v++) {
            String value = classes.get(v).get(word.charAt(v) - FIRST_CLASS_CHAR);
            if (value != null) {
                out.put(keys.get(v), value);
            }
        }
        return out;
    }
}
