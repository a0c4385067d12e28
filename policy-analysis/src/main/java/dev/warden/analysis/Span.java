package dev.warden.analysis;

import dev.warden.core.Clause;
import dev.warden.core.ConditionKey;
import dev.warden.core.ConditionValue;
import dev.warden.core.IpRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What part of a key's values one class of {@link Valuations} stands for, so that a set of classes
 * (where a diff's change lies) can be written back as clauses: {@code context.ip in 10.1.0.0/16},
 * {@code context.time >= 2027-01-01T00:00:00Z}. A class merged from several parts has several
 * spans.
 */
sealed interface Span {
    /** The key has no value. */
    record Missing() implements Span {}

    /** A value of no type the key's typed clauses read. */
    record Untyped() implements Span {}

    /** A part that is not written back (a combination of globs, a key read as text and as a type). */
    record Opaque() implements Span {}

    /** Exactly this string. */
    record Literal(String value) implements Span {}

    /** Any string that is none of the key's literals. */
    record OtherText() implements Span {}

    /** The addresses of one family from {@code first} to {@code last}, inclusive. */
    record Addresses(boolean v4, BigInteger first, BigInteger last) implements Span {}

    /**
     * Instants or numbers between two bounds (null: unbounded), each open or closed.
     *
     * @param time instants (as {@link Instant}) rather than numbers (as {@link BigDecimal})
     */
    record Interval(boolean time, Comparable<?> low, boolean lowOpen, Comparable<?> high, boolean highOpen) implements Span {}

    /** The most ranges a set of addresses is written as; beyond, it is not written back. */
    int MAX_RANGES = 8;

    /**
     * The clauses that say exactly "the key's value is in one of the chosen classes", when they can
     * be written: one kind of span only, intervals that merge into one, at most {@link #MAX_RANGES}
     * ranges.
     *
     * @param classes the spans of every class of the key, by class index
     */
    static Optional<List<Clause>> clauses(ConditionKey key, List<List<Span>> classes, BitSet chosen) {
        List<Span> in = new ArrayList<>();
        Set<String> allLiterals = new LinkedHashSet<>();
        for (int c = 0; c < classes.size(); c++) {
            for (Span s : classes.get(c)) {
                if (s instanceof Literal l) {
                    allLiterals.add(l.value());
                }
                if (chosen.get(c)) {
                    in.add(s);
                }
            }
        }
        if (in.isEmpty() || in.stream().anyMatch(s -> s instanceof Opaque || s instanceof Untyped || s instanceof Missing)) {
            return Optional.empty();
        }
        Class<?> kind = in.get(0) instanceof OtherText ? Literal.class : in.get(0).getClass();
        for (Span s : in) {
            Class<?> k = s instanceof OtherText ? Literal.class : s.getClass();
            if (k != kind) {
                return Optional.empty();
            }
        }
        if (kind == Literal.class) {
            return Optional.of(List.of(text(key, in, allLiterals)));
        }
        if (kind == Addresses.class) {
            return addresses(key, in);
        }
        return interval(key, in);
    }

    private static Clause text(ConditionKey key, List<Span> in, Set<String> allLiterals) {
        boolean other = in.stream().anyMatch(s -> s instanceof OtherText);
        Set<String> chosen = new LinkedHashSet<>();
        in.stream().filter(s -> s instanceof Literal).forEach(s -> chosen.add(((Literal) s).value()));
        if (!other) {
            return chosen.size() == 1
                    ? new Clause(key, Clause.Operator.EQUALS, new ConditionValue.Text(chosen.iterator().next()))
                    : new Clause(key, Clause.Operator.IN, new ConditionValue.TextList(List.copyOf(chosen)));
        }
        Set<String> out = new LinkedHashSet<>(allLiterals);
        out.removeAll(chosen);
        return out.size() == 1
                ? new Clause(key, Clause.Operator.NOT_EQUALS, new ConditionValue.Text(out.iterator().next()))
                : new Clause(key, Clause.Operator.NOT_IN, new ConditionValue.TextList(List.copyOf(out)));
    }

    private static Optional<List<Clause>> addresses(ConditionKey key, List<Span> in) {
        List<Addresses> spans = new ArrayList<>();
        in.forEach(s -> spans.add((Addresses) s));
        spans.sort(Comparator.comparing((Addresses a) -> !a.v4()).thenComparing(Addresses::first));
        List<IpRange> ranges = new ArrayList<>();
        for (int i = 0; i < spans.size(); ) {
            Addresses a = spans.get(i);
            BigInteger last = a.last();
            int j = i + 1;
            while (j < spans.size() && spans.get(j).v4() == a.v4() && spans.get(j).first().equals(last.add(BigInteger.ONE))) {
                last = spans.get(j).last();
                j++;
            }
            if (!cidrs(a.v4(), a.first(), last, ranges)) {
                return Optional.empty();
            }
            i = j;
        }
        return Optional.of(List.of(new Clause(key, Clause.Operator.IN, new ConditionValue.Ranges(ranges))));
    }

    /** The fewest CIDR ranges that cover exactly {@code first} to {@code last}; false past {@link #MAX_RANGES}. */
    private static boolean cidrs(boolean v4, BigInteger first, BigInteger last, List<IpRange> out) {
        int bits = v4 ? 32 : 128;
        BigInteger at = first;
        while (at.compareTo(last) <= 0) {
            int size = at.signum() == 0 ? bits : at.getLowestSetBit();
            while (size > 0 && at.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(last) > 0) {
                size--;
            }
            if (out.size() == MAX_RANGES) {
                return false;
            }
            String address = IpRange.addressText(v4, at);
            out.add(IpRange.parse(size == 0 ? address : address + "/" + (bits - size))); // one address bare
            at = at.add(BigInteger.ONE.shiftLeft(size));
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Optional<List<Clause>> interval(ConditionKey key, List<Span> in) {
        List<Interval> spans = new ArrayList<>();
        in.forEach(s -> spans.add((Interval) s));
        Comparator<Interval> byLow = (a, b) -> {
            if (a.low() == null || b.low() == null) {
                return a.low() == null ? (b.low() == null ? 0 : -1) : 1;
            }
            int c = ((Comparable) a.low()).compareTo(b.low());
            return c != 0 ? c : Boolean.compare(a.lowOpen(), b.lowOpen());
        };
        spans.sort(byLow);
        Interval merged = spans.get(0);
        for (Interval next : spans.subList(1, spans.size())) {
            // adjacent: one ends where the next starts, one side open and the other closed
            boolean touches = merged.high() != null && next.low() != null
                    && ((Comparable) merged.high()).compareTo(next.low()) == 0 && merged.highOpen() != next.lowOpen();
            if (!touches) {
                return Optional.empty();
            }
            merged = new Interval(merged.time(), merged.low(), merged.lowOpen(), next.high(), next.highOpen());
        }
        List<Clause> out = new ArrayList<>();
        if (merged.low() != null) {
            out.add(new Clause(key, merged.lowOpen() ? Clause.Operator.GREATER : Clause.Operator.GREATER_OR_EQUAL,
                    value(merged.time(), merged.low())));
        }
        if (merged.high() != null) {
            out.add(new Clause(key, merged.highOpen() ? Clause.Operator.LESS : Clause.Operator.LESS_OR_EQUAL,
                    value(merged.time(), merged.high())));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static ConditionValue value(boolean time, Comparable<?> v) {
        if (time) {
            Instant t = (Instant) v;
            return new ConditionValue.Timestamp(t, DateTimeFormatter.ISO_INSTANT.format(t));
        }
        BigDecimal n = (BigDecimal) v;
        return new ConditionValue.Number(n, n.toPlainString());
    }
}
