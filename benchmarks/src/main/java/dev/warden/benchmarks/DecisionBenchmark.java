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
 * One decision, one thread: every engine of {@link EngineType} on the same fleet and the same
 * requests, at every scale. Before timing, the engine's decisions on its whole request stream are
 * compared with Warden's ({@link Agreement}); any disagreement fails the benchmark.
 *
 * <p>Each invocation decides the next request of a pre-generated stream (4,096 uniform requests, or
 * for the cached engines a Zipf stream of 65,536 over 8,192 distinct requests). Principals are
 * reused per access key, as a gateway keeps them.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DecisionBenchmark.decide -p impl=WARDEN,FLOOR -p policies=10,100000
 * }</pre>
 *
 * The whole suite, with the peers' 10 ms cut-off and the report: {@code benchmarks/run.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class DecisionBenchmark {
    @Param({"10", "100", "1000", "10000", "100000"})
    public int policies;

    @Param({"FLOOR", "FLOOR_ZIPF", "WARDEN", "WARDEN_CACHED", "SPRING_PATH_PATTERN", "SPRING_ANT", "JCASBIN",
            "CEDAR", "CEDAR_CACHED"})
    public EngineType impl;

    Request[] requests;
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

    /** Where each thread is in the stream. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            next = (int) (Thread.currentThread().getId() * 977);
        }
    }

    @Benchmark
    public boolean decide(Cursor c) {
        return engine.allowed(requests[c.next++ & mask]);
    }
}
