package dev.warden.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * }</pre>
 */
public final class Authorizer {
    /** The cache size {@link #of} uses. */
    public static final long DEFAULT_CACHE_SIZE = 10_000;

    private final long cacheMaximumSize;
    /** Cache hits and misses over the authorizer's life, reloads included; null unless asked for. */
    private final LongAdder hits;
    private final LongAdder misses;
    private volatile State state;

    private Authorizer(long cacheMaximumSize, boolean cacheStatistics, PolicySet policies) {
        this.cacheMaximumSize = cacheMaximumSize;
        this.hits = cacheStatistics ? new LongAdder() : null;
        this.misses = cacheStatistics ? new LongAdder() : null;
        this.state = newState(policies);
    }

    /** An authorizer with the default cache of {@value #DEFAULT_CACHE_SIZE} decisions. */
    public static Authorizer of(PolicySet policies) {
        return builder().build(policies);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides an action request.
     *
     * @param action an action name, any case ({@code view}, {@code APPROVE})
     * @param resource a path in the resource form: a {@code ?} or {@code #} makes it malformed
     */
    public Decision authorize(Principal principal, String action, String resource) {
        State s = state;
        if (s.cache != null && principal != null) {
            // A hit costs no canonicalisation: the decision is a function of the request as given.
            // Malformed requests and unknown actions are not cached: they cannot evict real decisions.
            RequestKey key = new RequestKey(principal, action, resource);
            Decision cached = s.cache.getIfPresent(key);
            if (cached != null) {
                countHit();
                return cached;
            }
            countMiss();
            Decision d = authorizeUncached(s, principal, action, resource);
            if (d.reason() != Reason.MALFORMED_REQUEST && d.reason() != Reason.UNKNOWN_ACTION
                    && cacheable(principal, resource.length())) {
                s.cache.put(key, d);
            }
            return d;
        }
        return authorizeUncached(s, principal, action, resource);
    }

    private static Decision authorizeUncached(State s, Principal principal, String action, String resource) {
        ResourcePath path = ResourcePath.ofResource(resource);
        if (!path.isWellFormed()) {
            return Decision.deny(Reason.MALFORMED_REQUEST, path.problem());
        }
        int actionId = s.compiled.actionId(action);
        if (actionId < 0) {
            return Decision.deny(Reason.UNKNOWN_ACTION, "unknown action `" + action + "`");
        }
        return s.compiled.decide(Objects.requireNonNull(principal, "principal"), actionId, path);
    }

    /**
     * Decides an HTTP request: the method maps to an action ({@code GET}, {@code HEAD}, {@code
     * OPTIONS} to view, {@code POST} to create, {@code PUT}, {@code PATCH} to update, {@code
     * DELETE} to delete; case-sensitive) and the query of the path is dropped; a {@code #} anywhere
     * in the path makes it malformed.
     */
    public Decision authorizeHttp(Principal principal, String method, String path) {
        State s = state;
        ResourcePath canonical = ResourcePath.ofHttpPath(path);
        if (!canonical.isWellFormed()) {
            return Decision.deny(Reason.MALFORMED_REQUEST, canonical.problem());
        }
        String action = Actions.httpAction(method);
        if (action == null) {
            return Decision.deny(Reason.UNKNOWN_ACTION, "HTTP method `" + method + "` maps to no action");
        }
        return decide(s, principal, s.compiled.actionId(action), canonical);
    }

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

    /** Decides a request whose path is already canonical (see {@link ResourcePath}). */
    public Decision authorize(Principal principal, String action, ResourcePath path) {
        State s = state;
        if (!path.isWellFormed()) {
            return Decision.deny(Reason.MALFORMED_REQUEST, path.problem());
        }
        int actionId = s.compiled.actionId(action);
        if (actionId < 0) {
            return Decision.deny(Reason.UNKNOWN_ACTION, "unknown action `" + action + "`");
        }
        return decide(s, principal, actionId, path);
    }

    private Decision decide(State s, Principal principal, int actionId, ResourcePath path) {
        Objects.requireNonNull(principal, "principal");
        if (s.cache == null) {
            return s.compiled.decide(principal, actionId, path);
        }
        if (!cacheable(principal, path.canonical().length())) {
            return s.compiled.decide(principal, actionId, path);
        }
        CanonicalKey key = new CanonicalKey(principal, actionId, path.canonical());
        Decision cached = s.cache.getIfPresent(key);
        if (cached != null) {
            countHit();
            return cached;
        }
        countMiss();
        Decision d = s.compiled.decide(principal, actionId, path);
        s.cache.put(key, d);
        return d;
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
     */
    public void reload(PolicySet policies) {
        State next = newState(policies);
        state = next;
    }

    /** The policy set in force. */
    public PolicySet policySet() {
        return state.policies;
    }

    /** Whether decisions are cached. */
    public boolean cacheEnabled() {
        return cacheMaximumSize > 0;
    }

    /**
     * The number of cached decisions now, 0 without a cache: the cache's estimate after its
     * pending maintenance (evictions) has run, so never more than {@link Builder#cacheMaximumSize}.
     */
    public long cachedDecisions() {
        Cache<Object, Decision> c = state.cache;
        if (c == null) {
            return 0;
        }
        c.cleanUp();
        return c.estimatedSize();
    }

    /**
     * Decisions answered from the cache since the authorizer was built, over every reload; 0
     * unless the builder asked for {@link Builder#recordCacheStatistics cache statistics}.
     */
    public long cacheHits() {
        return hits == null ? 0 : hits.sum();
    }

    /**
     * Decisions looked up in the cache and not found (then computed and cached) since the
     * authorizer was built; 0 unless the builder asked for {@link Builder#recordCacheStatistics
     * cache statistics}. Requests that never reach the cache are not counted: every request when
     * there is no cache, and HTTP requests ({@link #authorizeHttp}, or with a canonical path)
     * whose path is malformed or whose method or action is unknown.
     */
    public long cacheMisses() {
        return misses == null ? 0 : misses.sum();
    }

    private State newState(PolicySet policies) {
        Objects.requireNonNull(policies, "policies");
        Compiled compiled = Compiler.compile(policies);
        Cache<Object, Decision> cache = cacheMaximumSize > 0
                ? Caffeine.newBuilder().maximumSize(cacheMaximumSize).executor(Runnable::run).build()
                : null;
        return new State(policies, compiled, cache);
    }

    /** Everything a decision reads, swapped as one reference. */
    private record State(PolicySet policies, Compiled compiled, Cache<Object, Decision> cache) {}

    /** Exactly what a decision depends on once the path and action are canonical. */
    private record CanonicalKey(Principal principal, int action, String path) {}

    /** An action request as given: its decision is a function of these three, so a hit skips canonicalisation. */
    private record RequestKey(Principal principal, String action, String resource) {}

    /** Configures an {@link Authorizer}. */
    public static final class Builder {
        private long cacheMaximumSize = DEFAULT_CACHE_SIZE;
        private boolean cacheStatistics;

        private Builder() {}

        /**
         * Counts cache hits and misses ({@link #cacheHits}, {@link #cacheMisses}), at the cost of
         * one striped counter increment per cached lookup. Off by default.
         */
        public Builder recordCacheStatistics() {
            this.cacheStatistics = true;
            return this;
        }

        /**
         * The most decisions to cache; 0 turns the cache off.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheMaximumSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("cache size must not be negative: " + size);
            }
            this.cacheMaximumSize = size;
            return this;
        }

        /** No decision cache: every call walks the trie. */
        public Builder noCache() {
            return cacheMaximumSize(0);
        }

        /** Compiles the policy set and builds the authorizer. */
        public Authorizer build(PolicySet policies) {
            return new Authorizer(cacheMaximumSize, cacheStatistics, policies);
        }
    }
}
