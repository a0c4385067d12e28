package dev.warden.spring.boot;

import dev.warden.core.AccessRequest;
import dev.warden.core.Decision;
import dev.warden.core.DecisionListener;
import dev.warden.core.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;

/**
 * Warden's meters on the application's registry:
 *
 * <ul>
 *   <li>{@code warden.decisions} (counter; tags {@code result} {@code allow}/{@code deny} and
 *       {@code reason}, Warden's reason code), counted as a {@link DecisionListener};
 *   <li>{@code warden.cache.requests} (function counter; tag {@code result} {@code hit}/{@code
 *       miss}), the authorizer's cache statistics;
 *   <li>{@code warden.reloads} (function counter; tag {@code result} {@code success}/{@code
 *       failure}) and {@code warden.policy.version} (gauge).
 * </ul>
 *
 * A decision costs one counter increment from an array: no tags are built per decision.
 */
public final class WardenMetrics implements MeterBinder, DecisionListener {
    private final Supplier<WardenPolicies> policies;
    /** By reason ordinal; null until bound. */
    private volatile Counter[] decisions;

    WardenMetrics(Supplier<WardenPolicies> policies) {
        this.policies = policies;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Counter[] byReason = new Counter[Reason.values().length];
        for (Reason r : Reason.values()) {
            byReason[r.ordinal()] = Counter.builder("warden.decisions").description("Warden decisions")
                    .tag("result", r == Reason.ALLOWED ? "allow" : "deny").tag("reason", r.code()).register(registry);
        }
        decisions = byReason;
        WardenPolicies p = policies.get();
        FunctionCounter.builder("warden.cache.requests", p, x -> x.authorizer().cacheHits()).tag("result", "hit")
                .description("decision cache lookups").register(registry);
        FunctionCounter.builder("warden.cache.requests", p, x -> x.authorizer().cacheMisses()).tag("result", "miss")
                .description("decision cache lookups").register(registry);
        FunctionCounter.builder("warden.reloads", p, WardenPolicies::reloadSuccesses).tag("result", "success")
                .description("policy reloads").register(registry);
        FunctionCounter.builder("warden.reloads", p, WardenPolicies::reloadFailures).tag("result", "failure")
                .description("policy reloads").register(registry);
        Gauge.builder("warden.policy.version", p, WardenPolicies::version).description("the serving policy-set version")
                .register(registry);
    }

    @Override
    public void onDecision(AccessRequest request, Decision decision) {
        Counter[] c = decisions;
        if (c != null) {
            c[decision.reason().ordinal()].increment();
        }
    }
}
