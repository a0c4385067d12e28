package dev.warden.benchmarks;

import dev.warden.benchmarks.Workload.Request;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link DecisionBenchmark} on the requests of organisation-admin keys only: the keys that hold
 * the most patterns (both admin policies of every workspace of their organisation, about
 * 20 &radic;(policies / 5) patterns), where a per-key linear scan pays for every pattern and
 * Warden's shared trie does not. Same fleet, same agreement check.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar OrgAdminDecisionBenchmark -p policies=100000
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class OrgAdminDecisionBenchmark {
    @Param({"10", "100", "1000", "10000", "100000"})
    public int policies;

    @Param({"FLOOR", "WARDEN", "SPRING_PATH_PATTERN", "SPRING_ANT"})
    public EngineType impl;

    Request[] requests;
    int mask;
    Engine engine;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = Workload.of(policies);
        requests = impl.orgAdminRequests(w);
        mask = requests.length - 1;
        engine = impl.create(w, requests);
        Agreement.check(impl.name(), engine, w, requests);
    }

    @Benchmark
    public boolean decide(DecisionBenchmark.Cursor c) {
        return engine.allowed(requests[c.next++ & mask]);
    }
}
