package dev.warden.core;

import java.math.BigDecimal;
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

    /** One clause, compiled. */
    private static final class CompiledClause {
        private final int slot;
        private final Clause.Operator op;
        private final String text;
        private final Set<String> texts;
        private final List<String> pieces;
        private final IpRange[] ranges;
        private final Instant instant;
        private final BigDecimal number;

        CompiledClause(Clause clause, int slot) {
            this.slot = slot;
            this.op = clause.operator();
            ConditionValue v = clause.value();
            this.text = v instanceof ConditionValue.Text t ? t.value() : null;
            this.texts = v instanceof ConditionValue.TextList l ? new HashSet<>(l.values()) : null;
            this.pieces = v instanceof ConditionValue.Glob g ? g.pieces() : null;
            this.ranges = v instanceof ConditionValue.Ranges r ? r.ranges().toArray(new IpRange[0]) : null;
            this.instant = v instanceof ConditionValue.Timestamp t ? t.instant() : null;
            this.number = v instanceof ConditionValue.Number n ? n.value() : null;
        }

        int evaluate(Facts f) {
            switch (op) {
                case EQUALS:
                case NOT_EQUALS: {
                    String s = f.text(slot);
                    return s == null ? UNKNOWN : of(s.equals(text) != (op == Clause.Operator.NOT_EQUALS));
                }
                case LIKE:
                case NOT_LIKE: {
                    String s = f.text(slot);
                    return s == null ? UNKNOWN : of(matches(pieces, s) != (op == Clause.Operator.NOT_LIKE));
                }
                case IN:
                case NOT_IN: {
                    boolean negated = op == Clause.Operator.NOT_IN;
                    if (texts != null) {
                        String s = f.text(slot);
                        return s == null ? UNKNOWN : of(texts.contains(s) != negated);
                    }
                    IpAddress a = f.address(slot);
                    if (a == null) {
                        return UNKNOWN;
                    }
                    boolean in = false;
                    for (IpRange r : ranges) {
                        if (r.contains(a)) {
                            in = true;
                            break;
                        }
                    }
                    return of(in != negated);
                }
                default:
                    return compare(f);
            }
        }

        private int compare(Facts f) {
            int cmp;
            if (instant != null) {
                Instant t = f.instant(slot);
                if (t == null) {
                    return UNKNOWN;
                }
                if (f.fromClock(slot)) {
                    // `< T` and `>= T` change at T; `<= T` and `> T` just after it
                    boolean atT = op == Clause.Operator.LESS || op == Clause.Operator.GREATER_OR_EQUAL;
                    f.holdsUntil(atT ? instant : instant.plusNanos(1));
                }
                cmp = t.compareTo(instant);
            } else {
                BigDecimal n = f.number(slot);
                if (n == null) {
                    return UNKNOWN;
                }
                cmp = n.compareTo(number);
            }
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
