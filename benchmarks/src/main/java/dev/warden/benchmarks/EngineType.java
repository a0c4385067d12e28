package dev.warden.benchmarks;

import dev.warden.benchmarks.Workload.Request;
import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Every engine measured, behind the {@link Engine} adapter. {@code @Param impl} of the benchmarks
 * ranges over these names.
 */
public enum EngineType {
    /**
     * The floor: a {@link HashMap} of the precomputed decision of every request of the stream, looked
     * up by the exact {@code key + " " + action + " " + path} string built per call. No engine can
     * do less: it must at least read the key, the action and the path.
     */
    FLOOR(false, false) {
        @Override
        Engine create(Workload w, Request[] requests) {
            return new Floor(w, requests);
        }
    },
    /** The floor on the Zipf stream the cached benchmark reads. */
    FLOOR_ZIPF(true, false) {
        @Override
        Engine create(Workload w, Request[] requests) {
            return new Floor(w, requests);
        }
    },
    /** Warden without its decision cache: every call canonicalises the path and walks the trie. */
    WARDEN(false, false) {
        @Override
        Engine create(Workload w, Request[] requests) {
            Authorizer a = w.reference(); // the same uncached authorizer the agreement check asks
            return r -> warden(a, r.request());
        }
    },
    /** Warden with its default decision cache ({@value Authorizer#DEFAULT_CACHE_SIZE}), on the Zipf stream. */
    WARDEN_CACHED(true, false) {
        @Override
        Engine create(Workload w, Request[] requests) {
            Authorizer a = Authorizer.builder().cacheMaximumSize(Authorizer.DEFAULT_CACHE_SIZE).build(w.policySet());
            return r -> warden(a, r.request());
        }
    },
    /** Spring {@code PathPattern}s, pre-parsed, scanned linearly per key. */
    SPRING_PATH_PATTERN(false, true) {
        @Override
        Engine create(Workload w, Request[] requests) {
            return new SpringEngines.PathPatterns(w);
        }
    },
    /** Spring {@code AntPathMatcher}, scanned linearly per key. */
    SPRING_ANT(false, true) {
        @Override
        Engine create(Workload w, Request[] requests) {
            return new SpringEngines.AntPaths(w);
        }
    },
    /** jCasbin, RBAC model, {@code keyMatch2}. */
    JCASBIN(false, true) {
        @Override
        Engine create(Workload w, Request[] requests) {
            return new CasbinEngine(w);
        }
    },
    /** Cedar (cedar-java) without policy-set caching. */
    CEDAR(false, true) {
        @Override
        Engine create(Workload w, Request[] requests) {
            return new CedarEngine(w, false);
        }
    },
    /** Cedar with {@code PolicySet.cache()}. */
    CEDAR_CACHED(false, true) {
        @Override
        Engine create(Workload w, Request[] requests) {
            return new CedarEngine(w, true);
        }
    };

    /** Uniform request array length. */
    public static final int REQUESTS = 4096;
    /** Zipf stream length and the number of distinct requests it draws from. */
    public static final int ZIPF_LENGTH = 65_536;
    public static final int ZIPF_UNIVERSE = 8192;

    private final boolean zipf;
    private final boolean peer;

    EngineType(boolean zipf, boolean peer) {
        this.zipf = zipf;
        this.peer = peer;
    }

    /** Builds the engine for a fleet; {@code requests} is the stream it will be asked. */
    abstract Engine create(Workload w, Request[] requests);

    /** Whether it reads the Zipf stream (cached benchmarks) rather than the uniform array. */
    public boolean zipf() {
        return zipf;
    }

    /** Whether it is one of the peers Warden is compared with. */
    public boolean peer() {
        return peer;
    }

    /** The request stream this engine is measured on. */
    public Request[] requests(Workload w) {
        return zipf ? w.zipfStream(ZIPF_LENGTH, ZIPF_UNIVERSE) : w.requests(REQUESTS, 0);
    }

    /** The stream of {@link OrgAdminDecisionBenchmark}: uniform requests of org-admin keys only. */
    public Request[] orgAdminRequests(Workload w) {
        return w.requests(REQUESTS, 2, Workload.KeyKind.ORG_ADMIN);
    }

    /** Warden's call per request, as a service makes it: {@link Authorizer#authorize}. */
    static boolean warden(Authorizer a, AccessRequest.OnResource r) {
        return a.authorize(r.principal(), r.action(), r.resource()).allowed();
    }

    /** The floor's key: the exact key id, action and path. */
    static String floorKey(AccessRequest.OnResource r) {
        return r.principal().id() + " " + r.action() + " " + r.resource();
    }

    /** Floor: exact-string lookup of precomputed decisions. */
    static final class Floor implements Engine {
        private final Map<String, Boolean> decisions = new HashMap<>();

        Floor(Workload w, Request[] requests) {
            for (Request r : requests) {
                decisions.put(floorKey(r.request()), w.expected(r));
            }
        }

        @Override
        public boolean allowed(Request r) {
            return decisions.get(floorKey(r.request())) == Boolean.TRUE;
        }
    }
}
