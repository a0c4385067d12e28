package dev.warden.benchmarks;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link DecisionBenchmark} with two threads sharing one engine (the machine has two cores):
 * Warden uncached and cached, and the floor. Scores are per decision, per thread.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ConcurrentDecisionBenchmark -p policies=1000
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
@Threads(2)
public class ConcurrentDecisionBenchmark {
    @Param({"FLOOR", "FLOOR_ZIPF", "WARDEN", "WARDEN_CACHED"})
    public EngineType impl;

    @Param({"10", "100", "1000", "10000", "100000"})
    public int policies;

    Workload.Request[] requests;
    int mask;
    Engine engine;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = Workload.of(policies);
        requests = impl.requests(w);
        mask = requests.length - 1;
        engine = impl.create(w, requests);
        Agreement.check(impl.name(), engine, w, requests);
    }

    @Benchmark
    public boolean decideTwoThreads(DecisionBenchmark.Cursor c) {
        return engine.allowed(requests[c.next++ & mask]);
    }
}
