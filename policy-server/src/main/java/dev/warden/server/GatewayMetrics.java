package dev.warden.server;

import dev.warden.dsl.PolicyReloader;
import dev.warden.dsl.ReloadResult;
import dev.warden.gateway.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's metrics, in a Micrometer Prometheus registry (names as Prometheus shows them):
 *
 * <ul>
 *   <li>{@code warden_decisions_total{decision, reason}}: requests answered, by outcome and reason;
 *   <li>{@code warden_decision_duration_seconds}: time to answer one (mapping, key lookup,
 *       decision), a histogram ({@code _bucket}, {@code _count}, {@code _sum});
 *   <li>{@code warden_decision_cache_hits_total}, {@code warden_decision_cache_misses_total}, {@code
 *       warden_decision_cache_hit_ratio};
 *   <li>{@code warden_policy_set_version}, {@code warden_policy_reloads_total{outcome}}, {@code
 *       warden_policy_load_errors} (errors of the last reload, 0 once one succeeds), {@code
 *       warden_policy_last_reload_success} (1 or 0);
 *   <li>{@code warden_decision_log_written_total}, {@code warden_decision_log_dropped_total},
 *       {@code warden_decision_log_write_errors_total}, when the decision log is on;
 *   <li>{@code warden_admin_refused_total{status}}: admin requests refused before they were served
 *       (408 slow body, 413 too large, 415 not JSON, 421 another host, 403 another origin);
 *   <li>{@code warden_policy_last_reload_timestamp_seconds}: when the last policy reload (or the
 *       start) finished, whatever its outcome;
 *   <li>with {@link #server}: {@code warden_build_info{version}} (1), {@code warden_access_keys}
 *       (the keys serving), {@code warden_keys_reloads_total{outcome}}, {@code
 *       warden_keys_last_reload_success}, {@code warden_keys_last_reload_timestamp_seconds},
 *       {@code warden_http_requests_active} (requests being handled on both listeners), and the
 *       JVM's and process's metrics of Micrometer's binders ({@code jvm_memory_*}, {@code
 *       jvm_gc_*}, {@code jvm_threads_*}, {@code jvm_classes_*}, {@code process_cpu_usage},
 *       {@code system_cpu_count}, {@code process_uptime_seconds}, {@code
 *       process_start_time_seconds}...).
 * </ul>
 *
 * <p>The decision timer has fixed buckets with round bounds, from 50 µs to 250 ms ({@link
 * #DURATION_BUCKETS}), rather than Micrometer's percentile histogram of some seventy.
 */
final class GatewayMetrics implements AutoCloseable {
    /** The upper bounds of the decision timer's buckets. */
    static final List<Duration> DURATION_BUCKETS = List.of(Duration.ofNanos(50_000), Duration.ofNanos(100_000),
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250));
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> decisions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> refused = new ConcurrentHashMap<>();
    private final Timer latency;

    GatewayMetrics(PolicyReloader reloader, DecisionLog log) {
        var authorizer = reloader.authorizer();
        latency = Timer.builder("warden.decision.duration")
                .description("time to answer one request: mapping, key lookup and decision")
                .serviceLevelObjectives(DURATION_BUCKETS.toArray(new Duration[0]))
                .register(registry);
        FunctionCounter.builder("warden.decision.cache.hits", authorizer, a -> a.cacheHits())
                .description("decisions answered from the decision cache").register(registry);
        FunctionCounter.builder("warden.decision.cache.misses", authorizer, a -> a.cacheMisses())
                .description("decisions looked up in the cache and computed").register(registry);
        Gauge.builder("warden.decision.cache.hit.ratio", authorizer, a -> {
            double hits = a.cacheHits();
            double all = hits + a.cacheMisses();
            return all == 0 ? 0 : hits / all;
        }).description("cache hits over cache lookups since the start").register(registry);
        Gauge.builder("warden.policy.set.version", reloader, r -> r.version())
                .description("the version of the policy set serving: 1 at the start, +1 per successful reload")
                .register(registry);
        reloads("policy", reloader, r -> r.successes(), r -> r.failures(), r -> r.lastResult());
        Gauge.builder("warden.policy.load.errors", reloader, r -> r.lastResult().ok() ? 0
                        : Math.max(1, r.lastResult().diagnostics().stream()
                                .filter(d -> d.severity() == dev.warden.core.diagnostic.Severity.ERROR).count()))
                .description("errors of the last reload, 0 when it succeeded").register(registry);
        if (log != null) {
            FunctionCounter.builder("warden.decision.log.written", log, l -> l.written())
                    .description("decision log entries written").register(registry);
            FunctionCounter.builder("warden.decision.log.dropped", log, l -> l.dropped())
                    .description("decision log entries dropped because the queue was full or the write failed")
                    .register(registry);
            FunctionCounter.builder("warden.decision.log.write.errors", log, l -> l.writeErrors())
                    .description("decision log writes and reopens that failed").register(registry);
        }
    }

    private JvmGcMetrics gc;

    /** What a whole server adds: its build, its keys, its requests in flight, and the JVM's and process's metrics. */
    void server(WardenServer server, String version) {
        Gauge.builder("warden.build.info", () -> 1).tag("version", version)
                .description("1, with the version of Warden serving as a label").register(registry);
        Gauge.builder("warden.access.keys", server, s -> s.gate().keys().size())
                .description("the access keys serving").register(registry);
        Gauge.builder("warden.http.requests.active", server, s -> s.requestsInFlight())
                .description("requests being handled now, on both listeners").register(registry);
        server.keysReloader().ifPresent(k ->
                reloads("keys", k, r -> r.successes(), r -> r.failures(), r -> r.lastResult()));
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * {@code warden_WHAT_reloads_total{outcome}}, {@code warden_WHAT_last_reload_success} and
     * {@code warden_WHAT_last_reload_timestamp_seconds} of a reloader.
     */
    private <T> void reloads(String what, T reloader, ToDoubleFunction<T> successes, ToDoubleFunction<T> failures,
            Function<T, ReloadResult> last) {
        FunctionCounter.builder("warden." + what + ".reloads", reloader, successes)
                .tag("outcome", "success").description(what + " reloads").register(registry);
        FunctionCounter.builder("warden." + what + ".reloads", reloader, failures)
                .tag("outcome", "failure").description(what + " reloads").register(registry);
        Gauge.builder("warden." + what + ".last.reload.success", reloader, r -> last.apply(r).ok() ? 1 : 0)
                .description("1 when the last " + what + " reload succeeded, 0 when what serves is older than the files")
                .register(registry);
        Gauge.builder("warden." + what + ".last.reload.timestamp", reloader, r -> last.apply(r).time().toEpochMilli() / 1000.0)
                .description("when the last " + what + " reload, or the start, finished (seconds since the epoch)")
                .baseUnit("seconds").register(registry);
    }

    /** Stops listening for garbage collections. */
    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
    }

    void record(Verdict v, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        Counter c = decisions.get(v.reason());
        if (c == null) {
            c = decisions.computeIfAbsent(v.reason(), reason -> Counter.builder("warden.decisions")
                    .description("requests answered, by decision and reason")
                    .tag("decision", v.decisionWord())
                    .tag("reason", reason)
                    .register(registry));
        }
        c.increment();
    }

    /** Counts an admin request refused with {@code status}. */
    void refused(int status) {
        refused.computeIfAbsent(status, st -> Counter.builder("warden.admin.refused")
                .description("admin requests refused before they were served, by status")
                .tag("status", Integer.toString(st))
                .register(registry)).increment();
    }

    /** The metrics in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }
}
