package dev.warden.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers "may this principal do this action on this resource?" against a {@link PolicySet}
 * compiled into a segment trie, with an optional bounded decision cache. The cache holds at most
 * {@link Builder#cacheMaximumSize} decisions, and only for requests of at most {@link
 * Limits#MAX_CACHED_REQUEST_CHARS} characters (principal and path): larger ones are
 * decided without it, so the cache stays bounded in bytes whatever the requests hold.
 *
 * <p>Thread-safe: any number of threads may call {@code authorize} while another calls {@link
 * #reload}. A decision is made wholly against the policy set that was live when the call began,
 * and once {@code reload} returns, every call that starts after it sees only the new set (its
 * cache is new as well, so no decision of the old set is ever served from it).
 *
 * <pre>{@code
 * Authorizer authorizer = Authorizer.builder().cacheMaximumSize(100_000).build(policySet);
 * Decision d = authorizer.authorize(principal, "view", "/workspaces/w1/channels");
 * Decision h = authorizer.authorizeHttp(principal, "GET", "/workspaces/w1/channels?limit=5");
 * Decision r = authorizer.decide(new AccessRequest.OnResource(principal, "update", "/workspaces/w1/channels/c1"));
 * }</pre>
 */
public final class Authorizer {
    /** The cache size {@link #of} uses. */
    public static final long DEFAULT_CACHE_SIZE = 10_000;

    private final long cacheMaximumSize;
    /** Cache hits and misses over the authorizer's life, reloads included; null unless asked for. */
    private final LongAdder hits;
    private final LongAdder misses;
    /** Supplies {@code context.time} to requests without one; null for none. */
    private final Clock clock;
    /** Told of every decision; null for none (then a decision costs no call). */
    private final DecisionListener listener;
    private volatile State state;

    private Authorizer(long cacheMaximumSize, boolean cacheStatistics, Clock clock, DecisionListener listener,
            PolicySet policies) {
        this.cacheMaximumSize = cacheMaximumSize;
        this.clock = clock;
        this.listener = listener;
        this.hits = cacheStatistics ? new LongAdder() : null;
        this.misses = cacheStatistics ? new LongAdder() : null;
        this.state = newState(policies);
    }

    /**
     * An authorizer with the default cache of {@value #DEFAULT_CACHE_SIZE} decisions.
     *
     * @param policies the policy set to compile and decide against
     * @return the authorizer
     */
    public static Authorizer of(PolicySet policies) {
        return builder().build(policies);
    }

    /**
     * A builder with the defaults: a cache of {@value #DEFAULT_CACHE_SIZE} decisions, no cache
     * statistics, no clock and no listener.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides a request, the one path every form takes: canonicalise (a malformed path is {@code
     * malformed_request}), find the action (an unknown one is {@code unknown_action}), then the
     * policies, through the decision cache. An {@link AccessRequest.OnResource} is cached as given, so
     * that a hit costs no canonicalisation; the other forms by their canonical path. Malformed
     * requests and unknown actions are never cached: they cannot evict real decisions.
     *
     * <p>The {@linkplain Builder#listener decision listener}, when there is one, is told of the
     * decision on this thread before it is returned, cached or not.
     *
     * @param request the request, in any of its forms
     * @return the decision; a malformed or unknown request is a deny, never an exception
     */
    public Decision decide(AccessRequest request) {
        Decision d = decideOnce(request);
        if (listener != null) {
            listener.onDecision(request, d);
        }
        return d;
    }

    private Decision decideOnce(AccessRequest request) {
        State s = state;
        if (s.cache != null && request instanceof AccessRequest.OnResource given) {
            Map<String, String> context = readContext(s.compiled, given.context());
            AccessRequest key = context == given.context() ? given : given.withContext(context);
            Decision cached = fresh(s.cache.getIfPresent(key));
            if (cached != null) {
                countHit();
                return cached;
            }
            countMiss();
            Facts facts = factsFor(s, request);
            Decision d = evaluate(s, request, facts, false);
            if (d.reason() != Reason.MALFORMED_REQUEST && d.reason() != Reason.UNKNOWN_ACTION
                    && cacheable(given.principal(), given.resource().length() + chars(context))) {
                put(s, key, d, facts);
            }
            return d;
        }
        return evaluate(s, request, factsFor(s, request), s.cache != null);
    }

    /**
     * Decides {@code action} on {@code resource}: {@code decide(new AccessRequest.OnResource(...))}.
     *
     * @param principal who asks
     * @param action an action name, any case ({@code view}, {@code APPROVE})
     * @param resource a path in the resource form: a {@code ?} or {@code #} makes it malformed
     * @return the decision
     */
    public Decision authorize(Principal principal, String action, String resource) {
        return decide(new AccessRequest.OnResource(principal, action, resource));
    }

    /**
     * Decides HTTP {@code method} on {@code target}: {@code decide(new AccessRequest.Http(...))}; see
     * {@link AccessRequest.Http} for how the method maps to an action.
     *
     * @param principal who asks
     * @param method the HTTP method, case-sensitive ({@code GET}, {@code DELETE})
     * @param target the request target as it travels on the wire: its query is dropped, a {@code #}
     *     makes it malformed
     * @return the decision
     */
    public Decision authorizeHttp(Principal principal, String method, String target) {
        return decide(new AccessRequest.Http(principal, method, target));
    }

    /**
     * Canonicalises, resolves the action and decides; with {@code cacheCanonical}, through the cache
     * keyed by principal, action and canonical path.
     */
    private Decision evaluate(State s, AccessRequest request, Facts facts, boolean cacheCanonical) {
        ResourcePath path = request.resourcePath();
        if (!path.isWellFormed()) {
            return Decision.malformed(path);
        }
        int actionId;
        if (request instanceof AccessRequest.Http http) {
            String action = Actions.httpAction(http.method());
            if (action == null) {
                return Decision.deny(Reason.UNKNOWN_ACTION, "HTTP method `" + http.method() + "` maps to no action");
            }
            actionId = s.compiled.actionId(action);
        } else {
            actionId = s.compiled.actionId(request.verb());
            if (actionId < 0) {
                return Decision.deny(Reason.UNKNOWN_ACTION, "unknown action `" + request.verb() + "`");
            }
        }
        Principal principal = request.principal();
        Map<String, String> context = cacheCanonical ? readContext(s.compiled, request.context()) : Map.of();
        if (!cacheCanonical || !cacheable(principal, path.canonical().length() + chars(context))) {
            return s.compiled.decide(principal, actionId, path, facts);
        }
        CanonicalKey key = new CanonicalKey(principal, actionId, path.canonical(), context);
        Decision cached = fresh(s.cache.getIfPresent(key));
        if (cached != null) {
            countHit();
            return cached;
        }
        countMiss();
        Decision d = s.compiled.decide(principal, actionId, path, facts);
        put(s, key, d, facts);
        return d;
    }

    /** What a decision's conditions may read, when the set has conditions; else null (and no cost). */
    private Facts factsFor(State s, AccessRequest request) {
        return s.compiled.conditioned()
                ? new Facts(s.compiled.layout, request.principal(), request.context(), clock)
                : null;
    }

    /**
     * The part of a context that the set's conditions read: all a cache key holds of it, so that
     * values nothing reads neither split nor fill the cache. The map itself when it is all read.
     */
    private static Map<String, String> readContext(Compiled compiled, Map<String, String> context) {
        if (context.isEmpty()) {
            return context;
        }
        String[] names = compiled.contextNames;
        int count = 0;
        String last = null;
        for (String name : names) {
            if (context.containsKey(name)) {
                count++;
                last = name;
            }
        }
        if (count == context.size()) {
            return context;
        }
        if (count == 0) {
            return Map.of();
        }
        if (count == 1) {
            return Map.of(last, context.get(last));
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] read = new Map.Entry[count];
        int i = 0;
        for (String name : names) {
            String v = context.get(name);
            if (v != null) {
                read[i++] = Map.entry(name, v);
            }
        }
        return Map.ofEntries(read);
    }

    private static int chars(Map<String, String> context) {
        int n = 0;
        for (Map.Entry<String, String> e : context.entrySet()) {
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }

    /**
     * Caches a decision: one that read the clock's time only until the first instant at which a
     * time clause it read changes its value, and not at all when it read that time as text.
     */
    private static void put(State s, Object key, Decision d, Facts facts) {
        if (facts == null || !facts.readClock()) {
            s.cache.put(key, d);
        } else if (facts.cacheable()) {
            Instant until = facts.validUntil();
            s.cache.put(key, until == null ? d : new Timed(d, until, facts.clock()));
        }
    }

    /** A cached value as a decision to serve now; null for none or one past its time. */
    private static Decision fresh(Object cached) {
        if (cached == null || cached instanceof Decision) {
            return (Decision) cached;
        }
        Timed t = (Timed) cached;
        return t.clock.instant().isBefore(t.until) ? t.decision : null;
    }

    /** A cached decision that holds until {@code until} on {@code clock}. */
    private record Timed(Decision decision, Instant until, Clock clock) {}

    private void countHit() {
        if (hits != null) {
            hits.increment();
        }
    }

    private void countMiss() {
        if (misses != null) {
            misses.increment();
        }
    }

    /**
     * Whether a request is small enough to cache ({@link Limits#MAX_CACHED_REQUEST_CHARS}): the
     * cache is bounded in entries, and this bounds each entry, so it is bounded in bytes too.
     */
    private static boolean cacheable(Principal principal, int requestChars) {
        return principal.chars() + requestChars <= Limits.MAX_CACHED_REQUEST_CHARS;
    }

    /**
     * Replaces the policy set atomically. The new set is compiled before the swap, so a set that
     * fails to compile leaves the old one serving. Decisions cached for the old set are dropped
     * with it.
     *
     * @param policies the policy set to decide against from now on
     */
    public void reload(PolicySet policies) {
        State next = newState(policies);
        state = next;
    }

    /** The clock that supplies {@code context.time}; null for none. */
    Clock clock() {
        return clock;
    }

    /**
     * The policy set in force.
     *
     * @return the set given to the last {@link #reload}, or to the builder
     */
    public PolicySet policySet() {
        return state.policies;
    }

    /**
     * Whether decisions are cached.
     *
     * @return false when the cache size is 0
     */
    public boolean cacheEnabled() {
        return cacheMaximumSize > 0;
    }

    /**
     * The number of cached decisions now, 0 without a cache: the cache's estimate after its
     * pending maintenance (evictions) has run, so never more than {@link Builder#cacheMaximumSize}.
     *
     * @return the number of decisions the cache holds
     */
    public long cachedDecisions() {
        Cache<Object, Object> c = state.cache;
        if (c == null) {
            return 0;
        }
        c.cleanUp();
        return c.estimatedSize();
    }

    /**
     * Decisions answered from the cache since the authorizer was built, over every reload; 0
     * unless the builder asked for {@link Builder#recordCacheStatistics cache statistics}.
     *
     * @return the number of cache hits
     */
    public long cacheHits() {
        return hits == null ? 0 : hits.sum();
    }

    /**
     * Decisions looked up in the cache and not found (then computed and cached) since the
     * authorizer was built; 0 unless the builder asked for {@link Builder#recordCacheStatistics
     * cache statistics}. Requests that never reach the cache are not counted: every request when
     * there is no cache, and requests in the {@link AccessRequest.Http} or {@link
     * AccessRequest.OnPath} form whose path is malformed or whose method or action is unknown.
     *
     * @return the number of cache misses
     */
    public long cacheMisses() {
        return misses == null ? 0 : misses.sum();
    }

    private State newState(PolicySet policies) {
        Objects.requireNonNull(policies, "policies");
        Compiled compiled = Compiler.compile(policies);
        Cache<Object, Object> cache = cacheMaximumSize > 0
                ? Caffeine.newBuilder().maximumSize(cacheMaximumSize).executor(Runnable::run).build()
                : null;
        return new State(policies, compiled, cache);
    }

    /** Everything a decision reads, swapped as one reference. */
    private record State(PolicySet policies, Compiled compiled, Cache<Object, Object> cache) {}

    /** Exactly what a decision depends on once the path and action are canonical. */
    private record CanonicalKey(Principal principal, int action, String path, Map<String, String> context) {}


    /** Configures an {@link Authorizer}. */
    public static final class Builder {
        private long cacheMaximumSize = DEFAULT_CACHE_SIZE;
        private boolean cacheStatistics;
        private Clock clock;
        private DecisionListener listener;

        private Builder() {}

        /**
         * Counts cache hits and misses ({@link #cacheHits}, {@link #cacheMisses}), at the cost of
         * one striped counter increment per cached lookup. Off by default.
         *
         * @return this builder
         */
        public Builder recordCacheStatistics() {
            this.cacheStatistics = true;
            return this;
        }

        /**
         * The most decisions to cache; 0 turns the cache off.
         *
         * @param size the most decisions the cache holds, {@value Authorizer#DEFAULT_CACHE_SIZE} by
         *     default
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheMaximumSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("cache size must not be negative: " + size);
            }
            this.cacheMaximumSize = size;
            return this;
        }

        /**
         * The clock that supplies {@code context.time} (as an instant, UTC) to a request whose
         * context has no {@code time}; without one, such a request's {@code context.time} has no
         * value and its clauses are unknown. A decision that read the clock is cached only until the
         * first instant at which a time clause it read would change.
         *
         * @param clock the clock to read the time from
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A listener told of every decision ({@link DecisionListener}: once per {@link
         * Authorizer#decide} call, cached or not, on the caller's thread). Without one, a decision
         * costs no call.
         *
         * @param listener the listener to tell of each decision
         * @return this builder
         */
        public Builder listener(DecisionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * No decision cache: every call walks the trie.
         *
         * @return this builder
         */
        public Builder noCache() {
            return cacheMaximumSize(0);
        }

        /**
         * Compiles the policy set and builds the authorizer.
         *
         * @param policies the policy set to decide against
         * @return the authorizer
         */
        public Authorizer build(PolicySet policies) {
            return new Authorizer(cacheMaximumSize, cacheStatistics, clock, listener, policies);
        }
    }
}
