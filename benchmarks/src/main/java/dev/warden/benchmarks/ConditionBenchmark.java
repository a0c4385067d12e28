package dev.warden.benchmarks;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionKey;
import dev.warden.core.ConditionValue;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.Reason;
import dev.warden.core.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The cost of a condition, uncached: the same decision (an allow on {@code
 * /workspaces/w1/channels/c1}) where the matching statement has no condition ({@code plain}) and
 * where it has three clauses ({@code context.ip in 10.0.0.0/8 and principal.team == "ops" and
 * context.time < 2030-01-01T00:00:00Z}, {@code conditioned}), among {@code policies} other policies.
 * Each invocation uses a fresh context map, as a gateway builds one per request.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ConditionBenchmark -p policies=10,1000
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
public class ConditionBenchmark {
    @Param({"10", "1000"})
    public int policies;

    Authorizer plain;
    Authorizer conditioned;
    Principal principal;
    String ip;
    String time;

    @Setup(Level.Trial)
    public void setUp() {
        Condition three = Condition.allOf(List.of(
                new Clause(ConditionKey.parse("context.ip"), Clause.Operator.IN, ConditionValue.literal("10.0.0.0/8")),
                new Clause(ConditionKey.parse("principal.team"), Clause.Operator.EQUALS, new ConditionValue.Text("ops")),
                new Clause(ConditionKey.parse("context.time"), Clause.Operator.LESS, ConditionValue.literal("2030-01-01T00:00:00Z"))));
        Statement allow = Statement.of(Effect.ALLOW, List.of("view"), List.of("/workspaces/*/channels/*"));
        plain = Authorizer.builder().noCache().build(set(allow));
        conditioned = Authorizer.builder().noCache().build(set(allow.when(three)));
        principal = Principal.builder("ak_1").policy("target").attribute("team", "ops").build();
        ip = "10.1.2.3";
        time = "2027-01-01T00:00:00Z";
        for (Authorizer a : List.of(plain, conditioned)) {
            Decision d = a.decide(request());
            if (d.reason() != Reason.ALLOWED) {
                throw new IllegalStateException("the benchmark's request must be allowed, got " + d);
            }
        }
    }

    private PolicySet set(Statement target) {
        PolicySet.Builder b = PolicySet.builder().add(new Policy("target", List.of(target)));
        List<Statement> other = new ArrayList<>();
        other.add(Statement.of(Effect.ALLOW, List.of("view"), List.of("/workspaces/*/numbers/*")));
        for (int i = 0; i < policies; i++) {
            b.add(new Policy("p" + i, other));
        }
        return b.build();
    }

    private AccessRequest request() {
        return new AccessRequest.OnResource(principal, "view", "/workspaces/w1/channels/c1", Map.of("ip", ip, "time", time));
    }

    @Benchmark
    public Decision plain() {
        return plain.decide(request());
    }

    @Benchmark
    public Decision conditioned() {
        return conditioned.decide(request());
    }
}
