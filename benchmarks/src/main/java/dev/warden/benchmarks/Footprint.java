package dev.warden.benchmarks;

import dev.warden.core.Authorizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Heap bytes per pattern, by retained size: in a fresh JVM ({@code -XX:+UseSerialGC}, so that a
 * full collection compacts the heap exactly), the used heap after {@code System.gc()} is read
 * before and after building what is measured, and the difference divided by the fleet's pattern
 * count. JMH times, it does not weigh, so this is a plain main that {@link Suite} runs in its own
 * JVM and writes as JMH-shaped JSON.
 *
 * <ul>
 *   <li>{@code compiled}: what an {@link Authorizer} (no cache) adds on top of the policy set the
 *       caller already holds: the trie, its statement entries, the role table. Median of 5 builds.
 *   <li>{@code model}: the {@code PolicySet} itself (policies, statements, parsed patterns), plus the
 *       fleet's keys and principals, which are small beside it.
 * </ul>
 *
 * <pre>{@code
 * java -XX:+UseSerialGC -Xmx6g -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.Footprint 100000 out.json
 * }</pre>
 */
public final class Footprint {
    private static Object keep;

    private Footprint() {}

    public static void main(String[] args) throws IOException {
        int scale = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        long empty = usedAfterGc();
        Workload w = Workload.of(scale);
        long withModel = usedAfterGc();
        long[] compiled = new long[5];
        for (int i = 0; i < compiled.length; i++) {
            long base = usedAfterGc();
            keep = Authorizer.builder().noCache().build(w.policySet());
            compiled[i] = usedAfterGc() - base;
            keep = null;
        }
        Arrays.sort(compiled);
        double patterns = w.patternCount();
        double compiledPer = compiled[compiled.length / 2] / patterns;
        double modelPer = (withModel - empty) / patterns;
        String json = "[\n" + entry("compiledBytesPerPattern", scale, compiledPer, w.patternCount()) + ",\n"
                + entry("modelBytesPerPattern", scale, modelPer, w.patternCount()) + "\n]\n";
        Files.writeString(out, json);
        System.out.printf(Locale.ROOT, "%d policies, %d patterns: compiled %.1f B/pattern, model %.1f B/pattern%n",
                scale, w.patternCount(), compiledPer, modelPer);
        if (w.keys().isEmpty()) {
            throw new AssertionError(); // keeps the workload reachable until here
        }
    }

    private static String entry(String name, int scale, double score, int patterns) {
        return String.format(Locale.ROOT, "  {\"benchmark\": \"dev.warden.benchmarks.Footprint.%s\", \"mode\": \"retained\","
                + " \"threads\": 1, \"forks\": 1, \"jvm\": \"%s\", \"vmName\": \"%s\", \"vmVersion\": \"%s\","
                + " \"params\": {\"policies\": \"%d\", \"patterns\": \"%d\"},"
                + " \"primaryMetric\": {\"score\": %.3f, \"scoreError\": \"NaN\", \"scoreUnit\": \"B/pattern\"}}",
                name, esc(ProcessHandle.current().info().command().orElse("java")), esc(System.getProperty("java.vm.name")),
                esc(System.getProperty("java.vm.version")), scale, patterns, score);
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
