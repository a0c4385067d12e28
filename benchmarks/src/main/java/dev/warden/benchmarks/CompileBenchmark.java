package dev.warden.benchmarks;

import dev.warden.core.Authorizer;
import dev.warden.core.PolicySet;
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
 * Compiling the whole fleet into Warden's trie ({@code compile}), and {@link Authorizer#reload}
 * after one policy changed ({@code reload}: alternates between the fleet and the fleet with one
 * workspace policy edited; the swap is atomic, the new set compiled in full before it).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CompileBenchmark -p policies=100000
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class CompileBenchmark {
    @Param({"10", "100", "1000", "10000", "100000"})
    public int policies;

    PolicySet set;
    PolicySet changed;
    Authorizer authorizer;
    boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = Workload.of(policies);
        set = w.policySet();
        changed = w.withOnePolicyChanged();
        authorizer = Authorizer.builder().noCache().build(set);
    }

    @Benchmark
    public Authorizer compile() {
        return Authorizer.builder().noCache().build(set);
    }

    @Benchmark
    public Authorizer reload() {
        flip = !flip;
        authorizer.reload(flip ? changed : set);
        return authorizer;
    }
}
