package dev.warden.core;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The values one decision's conditions read, by slot: the compiled set's numbering of the keys its
 * conditions read. A clause reads its key's text (a lookup in the principal or the context), or the
 * text read as an address, an instant or a number: each of these is parsed at most once per
 * decision whatever the number of clauses reading it, and kept as plain {@code long}s in one array
 * (the memo), made on the first parse: a decision that evaluates no condition allocates nothing
 * beyond this object, and one that does allocates the memo only (and a {@link BigDecimal} for a
 * number that is not a whole number of at most 18 digits).
 *
 * <p>{@code context.time} comes from the clock when the request has none (and there is a clock);
 * then the facts note until when what was read stays true, for the decision cache.
 */
final class Facts {
    /** The kinds a clause reads a text as, each with its place in the memo ({@link Layout}). */
    static final int ADDRESS = 0;
    static final int INSTANT = 1;
    static final int NUMBER = 2;
    static final int KINDS = 3;
    /**
     * The words of the memo per kind, for each slot read so. The first is the state: 0 before the
     * parse ({@link #UNREAD}), else 1 plus the reader's answer ({@link IpAddress#read}'s family,
     * {@link Decimals#read}'s kind; for an instant, 1 when it is none and 2 plus the nanosecond when
     * it is one). The others are the values: an address's two halves, an instant's epoch second, a
     * whole number.
     */
    private static final int[] WIDTH = {3, 2, 2};
    private static final long UNREAD = 0;
    private static final String TIME = "time";

    private final Layout layout;
    private final Principal principal;
    private final Map<String, String> context;
    private final Clock clock;
    /** What was parsed, {@link #WIDTH} words per slot and kind the layout places; null before the first parse. */
    private long[] memo;
    /** Per slot, a number that is not a whole {@code long}; null until there is one. */
    private BigDecimal[] decimals;
    private Instant now;
    /** Whether a clause read the clock's time; then {@link #validUntil} bounds a cached decision. */
    private boolean readClock;
    /** Whether a clause read the clock's time as text (which changes every instant): never cache. */
    private boolean readClockText;
    private Instant validUntil;

    /** Facts for conditions compiled over any slots of {@code keys}: the memo has room for every kind of every key. */
    Facts(ConditionKey[] keys, Principal principal, Map<String, String> context, Clock clock) {
        this(Layout.everything(keys), principal, context, clock);
    }

    /** Facts for the conditions of a compiled set, whose {@code layout} places what they parse ({@link Compiled#layout}). */
    Facts(Layout layout, Principal principal, Map<String, String> context, Clock clock) {
        this.layout = layout;
        this.principal = principal;
        this.context = context;
        this.clock = clock;
    }

    /** The key's value as text, or null when it has none. */
    String text(int slot) {
        if (fromClock(slot)) {
            readClock = true;
            readClockText = true;
            return DateTimeFormatter.ISO_INSTANT.format(now());
        }
        String name = layout.names[slot];
        switch (layout.keys[slot].scope()) {
            case PRINCIPAL_ID:
                return principal.id();
            case PRINCIPAL_ATTRIBUTE:
                return principal.attributes().get(name);
            default:
                return context.get(name);
        }
    }

    /**
     * The key's value read as an IP address ({@link IpAddress#read}): the place of its memo, for
     * {@link #ipv4}, {@link #high} and {@link #low}; -1 when it has none or is not an address.
     */
    int address(int slot) {
        long[] m = memo();
        int at = layout.at(slot, ADDRESS);
        if (m[at] == UNREAD) {
            String s = text(slot);
            m[at] = 1 + (s == null ? IpAddress.NONE : IpAddress.read(s, true, m, at + 1));
        }
        return m[at] == 1 + IpAddress.NONE ? -1 : at;
    }

    boolean ipv4(int address) {
        return memo[address] == 1 + IpAddress.V4;
    }

    long high(int address) {
        return memo[address + 1];
    }

    long low(int address) {
        return memo[address + 2];
    }

    /**
     * The key's value read as an instant ({@link Timestamps#read}), the clock's now for {@code
     * context.time} when the request has none: the place of its memo, for {@link #epochSecond} and
     * {@link #nano}; -1 when it has none or is not a timestamp.
     */
    int instant(int slot) {
        long[] m = memo();
        int at = layout.at(slot, INSTANT);
        if (m[at] == UNREAD) {
            if (fromClock(slot)) {
                readClock = true;
                Instant t = now();
                m[at + 1] = t.getEpochSecond();
                m[at] = 2 + t.getNano();
            } else {
                String s = text(slot);
                int nano = s == null ? -1 : Timestamps.read(s, m, at + 1);
                m[at] = nano < 0 ? 1 : 2 + nano;
            }
        }
        return m[at] == 1 ? -1 : at;
    }

    long epochSecond(int instant) {
        return memo[instant + 1];
    }

    long nano(int instant) {
        return memo[instant] - 2;
    }

    /**
     * The key's value read as a number ({@link Decimals#read}): the place of its memo, for {@link
     * #isWhole} and {@link #whole} or else {@link #decimal}; -1 when it has none or is not a number.
     */
    int number(int slot) {
        long[] m = memo();
        int at = layout.at(slot, NUMBER);
        if (m[at] == UNREAD) {
            String s = text(slot);
            int kind = s == null ? Decimals.NONE : Decimals.read(s, m, at + 1);
            if (kind == Decimals.DECIMAL) {
                if (decimals == null) {
                    decimals = new BigDecimal[layout.keys.length];
                }
                decimals[slot] = new BigDecimal(s);
            }
            m[at] = 1 + kind;
        }
        return m[at] == 1 + Decimals.NONE ? -1 : at;
    }

    /** Whether the number is a whole number read as a {@code long} ({@link #whole}); else see {@link #decimal}. */
    boolean isWhole(int number) {
        return memo[number] == 1 + Decimals.WHOLE;
    }

    long whole(int number) {
        return memo[number + 1];
    }

    /** The key's number when it is not {@link #isWhole whole}. */
    BigDecimal decimal(int slot) {
        return decimals[slot];
    }

    private long[] memo() {
        long[] m = memo;
        if (m == null) {
            m = new long[layout.words];
            memo = m;
        }
        return m;
    }

    /** Whether the slot is {@code context.time} taken from the clock. */
    boolean fromClock(int slot) {
        return slot == layout.timeSlot && clock != null && !context.containsKey(TIME);
    }

    /**
     * Notes that a clause read the clock's time and keeps its value until {@code flip}: the first
     * instant at which it changes.
     */
    void holdsUntil(Instant flip) {
        Instant n = now();
        if (flip.isAfter(n) && (validUntil == null || flip.isBefore(validUntil))) {
            validUntil = flip;
        }
    }

    /** Whether a decision made on these facts may be cached. */
    boolean cacheable() {
        return !readClockText;
    }

    /** Whether these facts read the clock's time. */
    boolean readClock() {
        return readClock;
    }

    /** The instant from which a cached decision made on these facts must not be served; null for never. */
    Instant validUntil() {
        return validUntil;
    }

    Clock clock() {
        return clock;
    }

    private Instant now() {
        if (now == null) {
            now = clock.instant();
        }
        return now;
    }

    /**
     * Where the memo keeps what the clauses of a set parse: a place of {@link #WIDTH} words for each
     * slot and kind that some clause reads, none for the others (a key compared as text only costs
     * no memo), and the slot of {@code context.time}, the one the clock may supply. Made once per
     * compiled set.
     */
    static final class Layout {
        /** The keys, by slot. */
        final ConditionKey[] keys;
        /**
         * The keys' names, by slot, interned in a compiled set's layout: a map whose keys are literals
         * in the caller's code ({@code Map.of("ip", ...)}) finds them by identity, without comparing
         * characters.
         */
        final String[] names;
        /** Per slot and kind ({@code slot * KINDS + kind}), the place of its memo, or -1 when no clause reads it so. */
        private final int[] places;
        /** The memo's length. */
        final int words;
        /** The slot of {@code context.time}, or -1. */
        final int timeSlot;

        private Layout(ConditionKey[] keys, boolean[] read, boolean intern) {
            this.keys = keys;
            this.names = new String[keys.length];
            for (int s = 0; s < keys.length; s++) {
                names[s] = intern ? keys[s].name().intern() : keys[s].name();
            }
            places = new int[read.length];
            int w = 0;
            for (int i = 0; i < read.length; i++) {
                places[i] = read[i] ? w : -1;
                w += read[i] ? WIDTH[i % KINDS] : 0;
            }
            words = w;
            int time = -1;
            for (int s = 0; s < keys.length; s++) {
                if (keys[s].scope() == ConditionKey.Scope.CONTEXT && keys[s].name().equals(TIME)) {
                    time = s;
                }
            }
            timeSlot = time;
        }

        /** The layout for the conditions of a set compiled over {@code keys}: the kinds their clauses read. */
        static Layout of(ConditionKey[] keys, Iterable<CompiledCondition> conditions) {
            boolean[] read = new boolean[keys.length * KINDS];
            for (CompiledCondition c : conditions) {
                c.reads(read);
            }
            return new Layout(keys, read, true);
        }

        /** Room for every kind of every key, for facts made for one evaluation (the names are not interned). */
        static Layout everything(ConditionKey[] keys) {
            boolean[] read = new boolean[keys.length * KINDS];
            java.util.Arrays.fill(read, true);
            return new Layout(keys, read, false);
        }

        private int at(int slot, int kind) {
            return places[slot * KINDS + kind];
        }
    }
}
