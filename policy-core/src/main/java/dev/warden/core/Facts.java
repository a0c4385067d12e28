package dev.warden.core;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;

/**
 * The values one decision's conditions read, each looked up and parsed at most once whatever the
 * number of clauses reading it: by slot, the compiled set's numbering of the keys its conditions
 * read. {@code context.time} comes from the clock when the request has none (and there is a clock);
 * then the facts note until when what was read stays true, for the decision cache.
 */
final class Facts {
    private static final Object UNPARSEABLE = new Object();
    private static final String TIME = "time";
    /** Per slot: the raw value, then the value read as an address, an instant, a number. */
    private static final int TEXT = 0;
    private static final int ADDRESS = 1;
    private static final int INSTANT = 2;
    private static final int NUMBER = 3;
    private static final int KINDS = 4;

    private final ConditionKey[] keys;
    private final Principal principal;
    private final Map<String, String> context;
    private final Clock clock;
    /** Per slot: the raw value (or UNPARSEABLE for none), then the parsed address, instant, number. */
    private final Object[] values;
    private Instant now;
    /** Whether a clause read the clock's time; then {@link #validUntil} bounds a cached decision. */
    private boolean readClock;
    /** Whether a clause read the clock's time as text (which changes every instant): never cache. */
    private boolean readClockText;
    private Instant validUntil;

    Facts(ConditionKey[] keys, Principal principal, Map<String, String> context, Clock clock) {
        this.keys = keys;
        this.principal = principal;
        this.context = context;
        this.clock = clock;
        this.values = new Object[keys.length * KINDS];
    }

    /** The key's value as text, or null when it has none. */
    String text(int slot) {
        if (fromClock(slot)) {
            readClock = true;
            readClockText = true;
            return DateTimeFormatter.ISO_INSTANT.format(now());
        }
        Object v = values[slot * KINDS + TEXT];
        if (v == null) {
            String s = lookup(keys[slot]);
            values[slot * KINDS + TEXT] = s == null ? UNPARSEABLE : s;
            return s;
        }
        return v == UNPARSEABLE ? null : (String) v;
    }

    IpAddress address(int slot) {
        return (IpAddress) parsed(slot, ADDRESS, IpAddress::parse);
    }

    /** The key's value as an instant, or null; the clock's now for {@code context.time} when the request has none. */
    Instant instant(int slot) {
        if (fromClock(slot)) {
            readClock = true;
            return now();
        }
        return (Instant) parsed(slot, INSTANT, Timestamps::parse);
    }

    BigDecimal number(int slot) {
        return (BigDecimal) parsed(slot, NUMBER, Decimals::parse);
    }

    /** The key's value read by {@code parse} (null: not of that type), parsed once per decision and kind. */
    private Object parsed(int slot, int kind, Function<String, Object> parse) {
        int i = slot * KINDS + kind;
        Object v = values[i];
        if (v == null) {
            String s = text(slot);
            Object p = s == null ? null : parse.apply(s);
            values[i] = p == null ? UNPARSEABLE : p;
            return p;
        }
        return v == UNPARSEABLE ? null : v;
    }

    /** Whether the slot is {@code context.time} taken from the clock. */
    boolean fromClock(int slot) {
        ConditionKey k = keys[slot];
        return clock != null && k.scope() == ConditionKey.Scope.CONTEXT && k.name().equals(TIME)
                && !context.containsKey(TIME);
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

    private String lookup(ConditionKey k) {
        switch (k.scope()) {
            case PRINCIPAL_ID:
                return principal.id();
            case PRINCIPAL_ATTRIBUTE:
                return principal.attributes().get(k.name());
            default:
                return context.get(k.name());
        }
    }
}
