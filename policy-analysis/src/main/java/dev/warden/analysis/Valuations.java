package dev.warden.analysis;

import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionValue;
import dev.warden.core.Explanation;
import dev.warden.core.IpRange;
import dev.warden.core.PatternSegment;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Statement;
import dk.brics.automaton.Automaton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The principals that statements with {@code ${principal...}} variables can tell apart. A
 * decision depends on a variable's value only through which literal segments it equals, which
 * globs it matches, whether it is a segment at all, and whether it is missing; and, between two
 * variables, whether their values are equal. One representative value per such class, and every
 * combination across variables, covers every principal. Without variables there is one valuation,
 * the empty one.
 *
 * <p>Conditions add keys ({@code principal.NAME}, {@code principal.id}, {@code context.NAME}) in
 * the same way. A clause's value depends on its key's value only through the set it tests: a
 * string against literals and globs (regular languages, split into classes as above), an address
 * against the elementary intervals that the ranges' bounds cut each address family into, a
 * timestamp or a number against the intervals between the literals and the literals themselves;
 * plus "missing" and "of no type the clause reads". One value per class, classes that every clause
 * treats alike merged, covers every request. The one case not covered exactly is a key read both
 * as text (or a path variable) and as an address, time or number: the result then says it is not
 * exhaustive.
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
    /** A value that no typed clause reads: not an address, a timestamp or a number. */
    static final String UNTYPED = "x";
    /**
     * How a key is written, as a condition writes it ({@code ConditionKey.text()}): the prefix of
     * a principal's keys (its attributes, its id) and of the request's context.
     */
    static final String PRINCIPAL = "principal.";
    static final String CONTEXT = "context.";
    /** The key of {@code ${principal.id}} and of a condition on {@code principal.id}. */
    static final String ID_KEY = PRINCIPAL + PatternSegment.Variable.ID;

    private static final BigInteger MAPPED_FIRST = BigInteger.valueOf(0xFFFFL).shiftLeft(32);
    private static final BigInteger MAPPED_END = MAPPED_FIRST.add(BigInteger.ONE.shiftLeft(32));

    private Valuations() {}

    /**
     * The keys ({@code principal.team}, {@code context.ip}) and, for each, one representative
     * value per class (null: missing).
     *
     * @param exhaustive false when some key met more globs than are combined, or was read both as
     *     text and as a typed value
     */
    record Result(List<String> keys, List<List<String>> classes, boolean exhaustive, Map<Clause, Explanation.Truth[]> truths,
            Map<String, List<List<Span>>> spans) {
        Result(List<String> keys, List<List<String>> classes, boolean exhaustive) {
            this(keys, classes, exhaustive, Map.of(), Map.of());
        }
    }

    /**
     * The classes of keys that only conditions read, by key and clauses: the same clauses recur
     * in many statements and analyses, and their classes cost automata and evaluations. Bounded,
     * least recently used first out; a pure function's memo, so sharing it is safe.
     */
    private static final Map<List<Object>, ConditionClasses> MEMO = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, ConditionClasses> eldest) {
                    return size() > 4_096;
                }
            });

    /** The key of a path variable: {@code principal.NAME}, {@code principal.id}. */
    static String key(PatternSegment.Variable v) {
        return key(v.name());
    }

    /** The key of the path variable {@code ${principal.NAME}}. */
    private static String key(String variable) {
        return PRINCIPAL + variable;
    }

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
        Map<String, Set<Clause>> clauseSets = new TreeMap<>();
        for (Statement s : statements) {
            s.condition().ifPresent(c -> {
                for (Condition.Conjunction conjunction : c.anyOf()) {
                    for (Clause clause : conjunction.allOf()) {
                        clauseSets.computeIfAbsent(clause.key().text(), k -> new LinkedHashSet<>()).add(clause);
                    }
                }
            });
        }
        Map<String, List<Clause>> clausesOf = new TreeMap<>();
        clauseSets.forEach((k, v) -> clausesOf.put(k, List.copyOf(v)));
        if (depths.isEmpty() && clausesOf.isEmpty()) {
            return new Result(List.of(), List.of(), true);
        }
        boolean exhaustive = true;
        List<String> varList = new ArrayList<>(depths.keySet());
        List<String> keys = new ArrayList<>();
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
            String key = key(var);
            List<Clause> clauses = clausesOf.getOrDefault(key, List.of());
            List<String> c = new ArrayList<>();
            if (clauses.isEmpty()) {
                if (!var.equals(PatternSegment.Variable.ID)) {
                    c.add(null); // missing
                    c.add(NOT_A_SEGMENT);
                }
                c.addAll(classRepresentatives(literals, globs, sharing));
                if (var.equals(PatternSegment.Variable.ID)) {
                    c.add(ID_NOT_A_SEGMENT); // last: examples prefer the first class, and a plain id reads better
                }
            } else {
                List<Automaton> languages = new ArrayList<>();
                languages.add(PathLanguages.ANY_SEGMENT);
                globs.forEach(g -> languages.add(PathLanguages.glob(g)));
                ConditionClasses cc = conditionClasses(key, literals, languages, clauses, sharing);
                exhaustive &= cc.exhaustive();
                c.addAll(cc.values());
            }
            keys.add(key);
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
                    choices.set(i, new ArrayList<>(choices.get(i).subList(0, keep))); // not List.copyOf: null is missing
                }
            }
        }
        // keys that only conditions read: their classes are never combined by enumeration (see Words)
        Map<Clause, Explanation.Truth[]> truths = new HashMap<>();
        Map<String, List<List<Span>>> spans = new HashMap<>();
        for (Map.Entry<String, List<Clause>> e : clausesOf.entrySet()) {
            if (keys.contains(e.getKey())) {
                continue;
            }
            List<Object> memoKey = List.of(e.getKey(), e.getValue());
            ConditionClasses cc = MEMO.get(memoKey);
            if (cc == null) {
                cc = conditionClasses(e.getKey(), Set.of(), List.of(), e.getValue(), 1);
                MEMO.put(memoKey, cc);
            }
            exhaustive &= cc.exhaustive();
            keys.add(e.getKey());
            choices.add(cc.values());
            truths.putAll(cc.truths());
            spans.put(e.getKey(), cc.spans());
        }
        return new Result(keys, choices, exhaustive, truths, spans);
    }

    /** A key's classes, and (when merged by signature) each clause's value for each class. */
    private record ConditionClasses(List<String> values, boolean exhaustive, Map<Clause, Explanation.Truth[]> truths,
            List<List<Span>> spans) {}

    /**
     * The classes of a key that conditions read: {@code literals} and {@code languages} are those
     * of the path variable of that key (none when it is not one), to be split jointly with the
     * clauses' strings and globs. Classes that every clause treats alike are merged, unless the key
     * is a path variable (whose classes also matter to patterns).
     */
    private static ConditionClasses conditionClasses(String key, Set<String> variableLiterals, List<Automaton> variableLanguages,
            List<Clause> clauses, int copies) {
        boolean variable = !variableLanguages.isEmpty();
        boolean id = key.equals(ID_KEY);
        Set<String> literals = new LinkedHashSet<>(variableLiterals);
        List<Automaton> languages = new ArrayList<>(variableLanguages);
        List<IpRange> ranges = new ArrayList<>();
        TreeSet<Instant> instants = new TreeSet<>();
        TreeSet<BigDecimal> numbers = new TreeSet<>();
        Set<List<String>> globs = new LinkedHashSet<>();
        boolean textual = variable;
        for (Clause clause : clauses) {
            ConditionValue v = clause.value();
            if (v instanceof ConditionValue.Text t) {
                literals.add(t.value());
                textual = true;
            } else if (v instanceof ConditionValue.TextList l) {
                literals.addAll(l.values());
                textual = true;
            } else if (v instanceof ConditionValue.Glob g) {
                globs.add(g.pieces());
                textual = true;
            } else if (v instanceof ConditionValue.Ranges r) {
                ranges.addAll(r.ranges());
            } else if (v instanceof ConditionValue.Timestamp t) {
                instants.add(t.instant());
            } else if (v instanceof ConditionValue.Number n) {
                numbers.add(n.value());
            }
        }
        globs.forEach(pieces -> languages.add(PathLanguages.valueGlob(pieces)));
        boolean typed = !ranges.isEmpty() || !instants.isEmpty() || !numbers.isEmpty();
        boolean exhaustive = !(textual && typed) && languages.size() <= MAX_GLOBS_COMBINED;
        // each candidate value with what it stands for (a LinkedHashMap: the missing value is the null key)
        Map<String, Span> candidates = new LinkedHashMap<>();
        if (!id) {
            candidates.put(null, new Span.Missing());
        }
        if (textual && languages.isEmpty()) {
            // literals only: each literal, and one value that is none of them (no automata needed)
            literals.forEach(l -> candidates.put(l, new Span.Literal(l)));
            candidates.put(noneOf(literals), new Span.OtherText());
        } else if (textual) {
            Automaton universe = id ? Automaton.makeAnyString().minus(Automaton.makeEmptyString()) : Automaton.makeAnyString();
            for (String v : stringClasses(literals, languages, universe, copies, PathLanguages::valueExample)) {
                candidates.putIfAbsent(v, literals.contains(v) && !variable ? new Span.Literal(v) : new Span.Opaque());
            }
        }
        addresses(ranges, candidates);
        instants(instants, candidates);
        numbers(numbers, candidates);
        if (typed) {
            candidates.putIfAbsent(UNTYPED, new Span.Untyped());
        }
        if (textual && typed) {
            candidates.replaceAll((v, span) -> span instanceof Span.Missing ? span : new Span.Opaque());
        }
        List<String> distinct = new ArrayList<>(candidates.keySet());
        if (variable) {
            return new ConditionClasses(distinct, exhaustive, Map.of(), List.of());
        }
        Map<List<Explanation.Truth>, String> bySignature = new LinkedHashMap<>();
        Map<List<Explanation.Truth>, List<Span>> spans = new LinkedHashMap<>();
        for (String value : distinct) {
            List<Explanation.Truth> signature = new ArrayList<>(clauses.size());
            for (Clause clause : clauses) {
                signature.add(clause.evaluate(Optional.ofNullable(value)));
            }
            if (!bySignature.containsKey(signature)) { // not putIfAbsent: the missing value is null
                bySignature.put(signature, value);
            }
            spans.computeIfAbsent(signature, k -> new ArrayList<>()).add(candidates.get(value));
        }
        Map<Clause, Explanation.Truth[]> truths = new HashMap<>();
        for (int c = 0; c < clauses.size(); c++) {
            Explanation.Truth[] t = new Explanation.Truth[bySignature.size()];
            int i = 0;
            for (List<Explanation.Truth> signature : bySignature.keySet()) {
                t[i++] = signature.get(c);
            }
            truths.put(clauses.get(c), t);
        }
        // unmodifiable, not List.copyOf: the missing value is null
        return new ConditionClasses(Collections.unmodifiableList(new ArrayList<>(bySignature.values())), exhaustive, Map.copyOf(truths),
                spans.values().stream().map(List::copyOf).toList());
    }

    /**
     * One address in each elementary interval that the ranges' first addresses and the addresses
     * after their last cut each family into: IPv4, and IPv6 without the IPv4-mapped block (whose
     * numbers read as IPv4 addresses).
     */
    private static void addresses(List<IpRange> ranges, Map<String, Span> out) {
        if (ranges.isEmpty()) {
            return;
        }
        TreeSet<BigInteger> v4 = new TreeSet<>(List.of(BigInteger.ZERO));
        TreeSet<BigInteger> v6 = new TreeSet<>(List.of(BigInteger.ZERO, MAPPED_FIRST, MAPPED_END));
        for (IpRange r : ranges) {
            TreeSet<BigInteger> cuts = r.isIpv4() ? v4 : v6;
            cuts.add(r.first());
            cuts.add(r.last().add(BigInteger.ONE));
        }
        for (boolean family : List.of(true, false)) {
            BigInteger end = BigInteger.ONE.shiftLeft(family ? 32 : 128);
            List<BigInteger> cuts = new ArrayList<>(family ? v4 : v6);
            for (int i = 0; i < cuts.size(); i++) {
                BigInteger first = cuts.get(i);
                BigInteger next = i + 1 < cuts.size() ? cuts.get(i + 1) : end;
                boolean mapped = !family && first.equals(MAPPED_FIRST);
                if (first.compareTo(end) < 0 && !mapped) {
                    out.putIfAbsent(IpRange.addressText(family, first),
                            new Span.Addresses(family, first, next.min(end).subtract(BigInteger.ONE)));
                }
            }
        }
    }

    /** Each literal instant, and one in each interval below, between and above them (a nanosecond away). */
    private static void instants(TreeSet<Instant> instants, Map<String, Span> out) {
        Instant previous = null;
        for (Instant t : instants) {
            if (previous == null || previous.plusNanos(1).isBefore(t)) {
                Instant inside = previous == null ? t.minusNanos(1) : previous.plusNanos(1);
                out.putIfAbsent(DateTimeFormatter.ISO_INSTANT.format(inside), new Span.Interval(true, previous, true, t, true));
            }
            out.putIfAbsent(DateTimeFormatter.ISO_INSTANT.format(t), new Span.Interval(true, t, false, t, false));
            previous = t;
        }
        if (previous != null) {
            out.putIfAbsent(DateTimeFormatter.ISO_INSTANT.format(previous.plusNanos(1)),
                    new Span.Interval(true, previous, true, null, true));
        }
    }

    /** Each literal number, and one in each interval below, between and above them. */
    private static void numbers(TreeSet<BigDecimal> numbers, Map<String, Span> out) {
        BigDecimal previous = null;
        for (BigDecimal n : numbers) {
            BigDecimal inside = previous == null ? n.subtract(BigDecimal.ONE) : previous.add(n).divide(BigDecimal.valueOf(2));
            out.putIfAbsent(inside.toPlainString(), new Span.Interval(false, previous, true, n, true));
            out.putIfAbsent(n.toPlainString(), new Span.Interval(false, n, false, n, false));
            previous = n;
        }
        if (previous != null) {
            out.putIfAbsent(previous.add(BigDecimal.ONE).toPlainString(), new Span.Interval(false, previous, true, null, true));
        }
    }

    /** The first of {@code a}, {@code b}, ... {@code z}, {@code aa}, {@code ab}... that is not one of the literals. */
    private static String noneOf(Set<String> literals) {
        for (int n = 0; ; n++) {
            StringBuilder b = new StringBuilder();
            for (int m = n; ; m = m / 26 - 1) {
                b.insert(0, (char) ('a' + m % 26));
                if (m < 26) {
                    break;
                }
            }
            if (!literals.contains(b.toString())) {
                return b.toString();
            }
        }
    }

    /**
     * Values standing for every class of segments: each literal, and for each combination of globs
     * matched (up to {@link #MAX_GLOBS_COMBINED} globs; beyond, each glob alone) a segment in
     * exactly that combination and equal to no literal, {@code copies} distinct ones so that
     * variables may hold equal or different values of one class.
     */
    private static List<String> classRepresentatives(Set<String> literals, Set<PatternSegment.Glob> globs, int copies) {
        List<Automaton> globLanguages = new ArrayList<>();
        for (PatternSegment.Glob g : globs) {
            globLanguages.add(PathLanguages.glob(g));
        }
        return stringClasses(literals, globLanguages, PathLanguages.ANY_SEGMENT, copies, PathLanguages::segmentExample);
    }

    /**
     * The same over any universe of strings and any regular languages: each literal of the
     * universe, then {@code copies} values of each non-empty combination of the languages (up to
     * {@link #MAX_GLOBS_COMBINED}; beyond, each alone) outside the literals.
     */
    private static List<String> stringClasses(Set<String> literals, List<Automaton> languages, Automaton universe, int copies,
            Function<Automaton, String> example) {
        List<String> values = new ArrayList<>();
        for (String l : literals) {
            if (universe.run(l)) {
                values.add(l);
            }
        }
        String[] nonEmpty = literals.stream().filter(l -> !l.isEmpty()).toArray(String[]::new);
        Automaton literalLanguage = Automaton.makeStringUnion(nonEmpty); // which takes no empty string
        if (nonEmpty.length < literals.size()) {
            literalLanguage = literalLanguage.union(Automaton.makeEmptyString());
        }
        Automaton notLiteral = universe.minus(literalLanguage);
        List<Automaton> cells = new ArrayList<>();
        if (languages.size() <= MAX_GLOBS_COMBINED) {
            for (int mask = 0; mask < (1 << languages.size()); mask++) {
                Automaton cell = notLiteral;
                for (int g = 0; g < languages.size(); g++) {
                    cell = (mask & (1 << g)) != 0
                            ? cell.intersection(languages.get(g))
                            : cell.minus(languages.get(g));
                }
                cells.add(cell);
            }
        } else {
            Automaton none = notLiteral;
            for (Automaton g : languages) {
                cells.add(notLiteral.intersection(g));
                none = none.minus(g);
            }
            cells.add(none);
        }
        for (Automaton cell : cells) {
            Automaton remaining = cell;
            for (int k = 0; k < copies && !remaining.isEmpty(); k++) {
                String v = example.apply(remaining);
                values.add(v);
                remaining = remaining.minus(Automaton.makeString(v));
            }
        }
        return values;
    }
}
