package dev.warden.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A statement's {@link Condition}, ready to evaluate: each clause knows its key's slot in the
 * decision's {@link Facts} and holds its value in the form it compares (a set, pieces of a glob,
 * ranges, an instant, a number). Three values: {@link #TRUE}, {@link #FALSE}, {@link #UNKNOWN}.
 */
final class CompiledCondition {
    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final CompiledClause[][] anyOf;

    private CompiledCondition(CompiledClause[][] anyOf) {
        this.anyOf = anyOf;
    }

    /** Numbers every key the conditions read, in key order: the slots of a decision's {@link Facts}. */
    static Map<ConditionKey, Integer> slots(Iterable<Condition> conditions) {
        java.util.TreeSet<ConditionKey> keys = new java.util.TreeSet<>();
        for (Condition c : conditions) {
            keys.addAll(c.keys());
        }
        Map<ConditionKey, Integer> slots = new java.util.LinkedHashMap<>();
        for (ConditionKey k : keys) {
            slots.put(k, slots.size());
        }
        return slots;
    }

    static CompiledCondition compile(Condition condition, Map<ConditionKey, Integer> slots) {
        List<Condition.Conjunction> conjunctions = condition.anyOf();
        CompiledClause[][] out = new CompiledClause[conjunctions.size()][];
        for (int c = 0; c < out.length; c++) {
            List<Clause> clauses = conjunctions.get(c).allOf();
            out[c] = new CompiledClause[clauses.size()];
            for (int i = 0; i < clauses.size(); i++) {
                Clause clause = clauses.get(i);
                out[c][i] = new CompiledClause(clause, slots.get(clause.key()));
            }
        }
        return new CompiledCondition(out);
    }

    /** Whether a statement of this effect applies: an allow on true only, a deny on true or unknown. */
    boolean applies(boolean allow, Facts facts) {
        int v = evaluate(facts);
        return allow ? v == TRUE : v != FALSE;
    }

    /** The value of clause {@code clause} of conjunction {@code conjunction} alone. */
    int evaluate(int conjunction, int clause, Facts facts) {
        return anyOf[conjunction][clause].evaluate(facts);
    }

    int evaluate(Facts facts) {
        int result = FALSE;
        for (CompiledClause[] conjunction : anyOf) {
            int r = TRUE;
            for (CompiledClause clause : conjunction) {
                int v = clause.evaluate(facts);
                if (v == FALSE) {
                    r = FALSE;
                    break;
                }
                if (v == UNKNOWN) {
                    r = UNKNOWN;
                }
            }
            if (r == TRUE) {
                return TRUE;
            }
            if (r == UNKNOWN) {
                result = UNKNOWN;
            }
        }
        return result;
    }

    /** Marks in {@code read} ({@code slot * Facts.KINDS + kind}) what the clauses parse their key's text as: the memo they need ({@link Facts.Layout}). */
    void reads(boolean[] read) {
        for (CompiledClause[] conjunction : anyOf) {
            for (CompiledClause clause : conjunction) {
                int kind = clause.kind();
                if (kind >= 0) {
                    read[clause.slot * Facts.KINDS + kind] = true;
                }
            }
        }
    }

    /**
     * One clause, compiled: its form (what it reads and how it compares) fixed once, and its value
     * in the form it compares, primitives where it can (an instant's epoch second and nanosecond; a
     * number against a whole {@code long} without a {@link BigDecimal}).
     */
    private static final class CompiledClause {
        private static final int EQUALS = 0;
        private static final int LIKE = 1;
        private static final int IN_TEXTS = 2;
        private static final int IN_RANGES = 3;
        private static final int INSTANT = 4;
        private static final int NUMBER = 5;
        /** How a number compares with a whole {@code long}: it is one ({@link #whole}). */
        private static final int WHOLE = 0;
        /** It has a fraction, and {@link #whole} is its floor: a long is below it when at most the floor. */
        private static final int FRACTION = 1;
        /** It is beyond every {@code long}, above or below by its sign. */
        private static final int BEYOND = 2;

        private final int slot;
        private final int form;
        private final Clause.Operator op;
        private final boolean negated;
        private final String text;
        private final Set<String> texts;
        private final List<String> pieces;
        private final IpRange[] ranges;
        private final Instant instant;
        private final long epochSecond;
        private final long nano;
        /** The first instant at which the clause on the clock's time changes: `< T` and `>= T` at T, `<= T` and `> T` just after it. */
        private final Instant flip;
        private final BigDecimal number;
        private final int numberForm;
        private final long whole;

        CompiledClause(Clause clause, int slot) {
            this.slot = slot;
            this.op = clause.operator();
            this.negated = op.negated();
            ConditionValue v = clause.value();
            this.text = v instanceof ConditionValue.Text t ? t.value() : null;
            this.texts = v instanceof ConditionValue.TextList l ? new HashSet<>(l.values()) : null;
            this.pieces = v instanceof ConditionValue.Glob g ? g.pieces() : null;
            this.ranges = v instanceof ConditionValue.Ranges r ? r.ranges().toArray(new IpRange[0]) : null;
            this.instant = v instanceof ConditionValue.Timestamp t ? t.instant() : null;
            this.epochSecond = instant == null ? 0 : instant.getEpochSecond();
            this.nano = instant == null ? 0 : instant.getNano();
            boolean atT = op == Clause.Operator.LESS || op == Clause.Operator.GREATER_OR_EQUAL;
            this.flip = instant == null ? null : atT ? instant : instant.plusNanos(1);
            this.number = v instanceof ConditionValue.Number n ? n.value() : null;
            BigDecimal floor = number == null ? null : number.setScale(0, RoundingMode.FLOOR);
            boolean fits = floor != null && floor.compareTo(LONG_MIN) >= 0 && floor.compareTo(LONG_MAX) <= 0;
            this.numberForm = !fits ? BEYOND : floor.compareTo(number) == 0 ? WHOLE : FRACTION;
            this.whole = fits ? floor.longValueExact() : 0;
            this.form = text != null ? EQUALS : pieces != null ? LIKE : texts != null ? IN_TEXTS
                    : ranges != null ? IN_RANGES : instant != null ? INSTANT : NUMBER;
        }

        /** The kind of {@link Facts} memo the clause reads ({@link Facts#ADDRESS}...), or -1 for its text alone. */
        int kind() {
            switch (form) {
                case IN_RANGES:
                    return Facts.ADDRESS;
                case INSTANT:
                    return Facts.INSTANT;
                case NUMBER:
                    return Facts.NUMBER;
                default:
                    return -1;
            }
        }

        int evaluate(Facts f) {
            switch (form) {
                case EQUALS: {
                    String s = f.text(slot);
                    return s == null ? UNKNOWN : of(s.equals(text) != negated);
                }
                case LIKE: {
                    String s = f.text(slot);
                    return s == null ? UNKNOWN : of(matches(pieces, s) != negated);
                }
                case IN_TEXTS: {
                    String s = f.text(slot);
                    return s == null ? UNKNOWN : of(texts.contains(s) != negated);
                }
                case IN_RANGES: {
                    int a = f.address(slot);
                    if (a < 0) {
                        return UNKNOWN;
                    }
                    boolean v4 = f.ipv4(a);
                    long high = f.high(a);
                    long low = f.low(a);
                    boolean in = false;
                    for (IpRange r : ranges) {
                        if (r.contains(v4, high, low)) {
                            in = true;
                            break;
                        }
                    }
                    return of(in != negated);
                }
                case INSTANT: {
                    int t = f.instant(slot);
                    if (t < 0) {
                        return UNKNOWN;
                    }
                    if (f.fromClock(slot)) {
                        f.holdsUntil(flip);
                    }
                    int cmp = Long.compare(f.epochSecond(t), epochSecond);
                    return compared(cmp != 0 ? cmp : Long.compare(f.nano(t), nano));
                }
                default: {
                    int n = f.number(slot);
                    if (n < 0) {
                        return UNKNOWN;
                    }
                    return compared(f.isWhole(n) ? compareWhole(f.whole(n)) : f.decimal(slot).compareTo(number));
                }
            }
        }

        /** How a whole number compares with this clause's {@link #number}, without making a {@link BigDecimal}. */
        private int compareWhole(long value) {
            switch (numberForm) {
                case WHOLE:
                    return Long.compare(value, whole);
                case FRACTION:
                    return value <= whole ? -1 : 1;
                default:
                    return number.signum() > 0 ? -1 : 1;
            }
        }

        /** The clause's value given how the key's value compares with the clause's ({@code <0}, 0, {@code >0}). */
        private int compared(int cmp) {
            switch (op) {
                case LESS:
                    return of(cmp < 0);
                case LESS_OR_EQUAL:
                    return of(cmp <= 0);
                case GREATER:
                    return of(cmp > 0);
                default:
                    return of(cmp >= 0);
            }
        }
    }

    private static int of(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Whether {@code s} matches the glob of these pieces ({@link ConditionValue.Glob#pieces()}) whole. */
    static boolean matches(List<String> pieces, String s) {
        int last = pieces.size() - 1;
        if (last == 0) {
            return s.equals(pieces.get(0));
        }
        String first = pieces.get(0);
        String end = pieces.get(last);
        if (s.length() < first.length() + end.length() || !s.startsWith(first) || !s.endsWith(end)) {
            return false;
        }
        int at = first.length();
        int limit = s.length() - end.length();
        for (int i = 1; i < last; i++) {
            String p = pieces.get(i);
            int found = s.indexOf(p, at);
            if (found < 0 || found + p.length() > limit) {
                return false;
            }
            at = found + p.length();
        }
        return true;
    }
}
