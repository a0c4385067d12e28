package dev.warden.server;

import dev.warden.gateway.Verdict;
import java.util.Optional;

/**
 * Where the server's decisions go once answered: the metrics, and the decision log (when there
 * is one) with the endpoint that decided as its {@code source}.
 */
final class Decisions {
    /** {@code source} of a forward-auth decision through {@code /v1/authz}. */
    static final String AUTHZ = "authz";
    /** {@code source} of a forward-auth decision through {@code /v1/authz/envoy/...}. */
    static final String ENVOY = "envoy";
    /** {@code source} of a {@code /v1/decide} decision. */
    static final String DECIDE = "decide";

    private final PolicyReloader reloader;
    private final GatewayMetrics metrics;
    private final Optional<DecisionLog> log;

    Decisions(PolicyReloader reloader, GatewayMetrics metrics, Optional<DecisionLog> log) {
        this.reloader = reloader;
        this.metrics = metrics;
        this.log = log;
    }

    /**
     * Counts {@code v} and, when {@code logged}, logs it.
     *
     * @param method the original method as sent, empty when none could be read
     * @param status the status answered
     * @param startNanos {@link System#nanoTime} when the request began to be decided
     */
    void record(String source, Verdict v, String method, int status, long startNanos, boolean logged) {
        metrics.record(v, System.nanoTime() - startNanos);
        if (logged && log.isPresent()) {
            log.get().offer(new DecisionLog.Entry(System.currentTimeMillis(), source, v.keyId(), method, v.action(),
                    v.path(), status, v.decisionWord(), v.reason(), v.matchedPolicies(), reloader.version()));
        }
    }
}
