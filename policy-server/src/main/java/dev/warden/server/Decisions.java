package dev.warden.server;

import dev.warden.dsl.PolicyReloader;
import dev.warden.gateway.Verdict;
import java.util.ArrayList;
import java.util.List;
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
     * What a decision's log entry says of the request beyond the verdict.
     *
     * @param id the gateway's {@code X-Request-Id}, or one made here
     * @param clientAddress the address {@code context.ip} was given, empty for none
     * @param misconfigured whether the gateway sent none of the original request's headers: logged
     *     with the reason {@link #GATEWAY_MISCONFIGURED}, a misconfiguration, not an attack
     */
    record Request(String id, String clientAddress, boolean misconfigured) {
    }

    /** The decision log's reason for a forward-auth request without any original-request header. */
    static final String GATEWAY_MISCONFIGURED = "gateway_misconfigured";

    /**
     * Counts {@code v} and, when {@code logged}, logs it with what {@code request} says.
     *
     * @param method the original method as sent, empty when none could be read
     * @param status the status answered
     * @param startNanos {@link System#nanoTime} when the request began to be decided
     */
    void record(String source, Verdict v, String method, int status, long startNanos, boolean logged, Request request) {
        metrics.record(v, System.nanoTime() - startNanos);
        if (logged && log.isPresent()) {
            List<String> statements = new ArrayList<>();
            v.decision().ifPresent(d -> d.matched().forEach(m -> statements.add(m.policy() + "#" + (m.index() + 1)
                    + m.source().map(at -> " " + at).orElse(""))));
            log.get().offer(new DecisionLog.Entry(System.currentTimeMillis(), source, v.keyId(), method, v.action(),
                    v.path(), status, v.decisionWord(), request.misconfigured() ? GATEWAY_MISCONFIGURED : v.reason(),
                    v.matchedPolicies(), reloader.version(), request.id(), request.clientAddress(), v.detail(), statements));
        }
    }

    /** The prefix of the request ids made here: random per process, so that two instances' ids differ. */
    private static final String ID_PREFIX = Long.toHexString(new java.security.SecureRandom().nextLong() | Long.MIN_VALUE);
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The request's id: the gateway's {@code X-Request-Id} when it sent exactly one of at most 128
     * printable ASCII characters, else one made here ({@code w-<process>-<n>}).
     */
    static String requestId(List<String> given) {
        if (given.size() == 1 && printable(given.get(0))) {
            return given.get(0);
        }
        return "w-" + ID_PREFIX + "-" + IDS.incrementAndGet();
    }

    private static boolean printable(String s) {
        if (s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
