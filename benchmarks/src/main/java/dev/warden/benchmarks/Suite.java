package dev.warden.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.benchmarks.Workload.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite and writes the report: every benchmark at every scale, the peers at the
 * scales where one call stays under {@value #PEER_CUTOFF_MS} ms, the footprint, then {@link Report}
 * renders {@code docs/benchmarks.md} and its chart from the merged JMH JSON.
 *
 * <pre>{@code
 * benchmarks/run.sh            # full suite (about an hour on 2 cores)
 * benchmarks/run.sh --quick    # scales 10, 1,000, 100,000, AverageTime only, fewer iterations
 * }</pre>
 *
 * A peer is probed before each scale, in ascending order: when one call (median of 5, after a
 * warm-up) takes more than {@value #PEER_CUTOFF_MS} ms, or its measured mean at the scale before
 * did, it is measured at no larger scale, and the report says so.
 */
public final class Suite {
    static final double PEER_CUTOFF_MS = 10;

    private final boolean quick;
    private final Path out;
    private final Path docs;
    private final String command;
    private final List<Path> results = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    private Suite(boolean quick, Path out, Path docs, String command) {
        this.quick = quick;
        this.out = out;
        this.docs = docs;
        this.command = command;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of("benchmarks/target/results");
        Path docs = Path.of("docs");
        String command = "benchmarks/run.sh";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--docs":
                    docs = Path.of(args[++i]);
                    break;
                case "--command":
                    command = args[++i];
                    break;
                default:
                    throw new IllegalArgumentException("unknown option `" + args[i] + "`");
            }
        }
        Files.createDirectories(out);
        new Suite(quick, out, docs, command).run();
    }

    private int[] scales() {
        return quick ? new int[] {10, 1000, 100_000} : new int[] {10, 100, 1000, 10_000, 100_000};
    }

    private void run() throws Exception {
        String loadAtStart = Files.readAllLines(Path.of("/proc/loadavg")).get(0);
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        long t0 = System.nanoTime();
        int[] scales = scales();
        // Warden and the floors: every scale in one JMH run.
        List<String> own = List.of("FLOOR", "FLOOR_ZIPF", "WARDEN", "WARDEN_CACHED");
        jmh("decide-own", "\\.DecisionBenchmark\\.decide$", own, scales, true);
        // Spring scans the key's own patterns only: every scale too, but probed like every peer.
        for (EngineType peer : EngineType.values()) {
            if (peer.peer()) {
                peer(peer, scales);
            }
        }
        jmh("decide-2threads", "\\.ConcurrentDecisionBenchmark\\.", quick ? List.of("FLOOR", "WARDEN") : own,
                quick ? new int[] {1000} : new int[] {10, 1000, 100_000}, true);
        jmh("decide-org-admin", "\\.OrgAdminDecisionBenchmark\\.",
                quick ? List.of("WARDEN", "SPRING_PATH_PATTERN") : List.of("FLOOR", "WARDEN", "SPRING_PATH_PATTERN", "SPRING_ANT"),
                scales, true);
        jmh("compile", "\\.CompileBenchmark\\.", List.of(), quick ? new int[] {10, 100_000} : scales, false);
        for (int s : scales) {
            footprint(s);
        }
        Path merged = out.resolve("results.json");
        ArrayNode all = json.createArrayNode();
        for (Path p : results) {
            if (Files.exists(p)) {
                for (JsonNode n : json.readTree(p.toFile())) {
                    all.add(n);
                }
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(merged.toFile(), all);
        ObjectNode run = json.createObjectNode();
        run.put("started", started);
        run.put("minutes", (System.nanoTime() - t0) / 60e9);
        run.put("command", command + (quick ? " --quick" : ""));
        run.put("quick", quick);
        run.put("warmup", warmup() + " x 1 s");
        run.put("measurement", measurement() + " x 1 s");
        Machine.describe(run);
        run.put("loadAverageAtStart", loadAtStart);
        int nice = run.path("nice").asInt();
        if (nice != 0) {
            run.put("command", "nice -n " + nice + " " + run.path("command").asText());
        }
        ObjectNode skips = run.putObject("skipped");
        skipped.forEach(skips::put);
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("run.json").toFile(), run);
        Report.write(merged, out.resolve("run.json"), docs);
        System.out.println("wrote " + docs.resolve("benchmarks.md") + " from " + merged);
    }

    private int warmup() {
        return quick ? 2 : 5;
    }

    private int measurement() {
        return quick ? 2 : 5;
    }

    /** Runs one JMH selection; returns the file its JSON went to. */
    private Path jmh(String name, String include, List<String> impls, int[] scales, boolean decisions)
            throws RunnerException {
        Path file = out.resolve(name + ".json");
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(include)
                .param("policies", Arrays.stream(scales).mapToObj(Integer::toString).toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(file.toString());
        if (!impls.isEmpty()) {
            o.param("impl", impls.toArray(new String[0]));
        }
        if (decisions) {
            o.warmupIterations(warmup()).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(measurement()).measurementTime(TimeValue.seconds(1))
                    .addProfiler("gc");
            if (quick) {
                o.mode(Mode.AverageTime); // no SampleTime forks: p50/p99 come with the full run
            }
        } else if (quick) {
            o.warmupIterations(1).measurementIterations(2);
        }
        new Runner(o.build()).run();
        results.add(file);
        return file;
    }

    /** A peer, scale by scale, up to the first where one call passes the cut-off. */
    private void peer(EngineType peer, int[] scales) throws Exception {
        for (int i = 0; i < scales.length; i++) {
            int s = scales[i];
            double probe = probeMillis(peer, s);
            if (probe > PEER_CUTOFF_MS) {
                String why = String.format(Locale.ROOT, "one call took %.1f ms at %,d policies (probe)", probe, s);
                skip(peer, scales, i, why);
                return;
            }
            Path file = jmh("decide-" + peer.name().toLowerCase(Locale.ROOT) + "-" + s, "\\.DecisionBenchmark\\.decide$",
                    List.of(peer.name()), new int[] {s}, true);
            double mean = meanNanos(file);
            if (mean > PEER_CUTOFF_MS * 1e6 && i + 1 < scales.length) {
                String why = String.format(Locale.ROOT, "its mean call took %.1f ms at %,d policies", mean / 1e6, s);
                skip(peer, scales, i + 1, why);
                return;
            }
        }
    }

    private void skip(EngineType peer, int[] scales, int from, String why) {
        for (int j = from; j < scales.length; j++) {
            skipped.put(peer.name() + "@" + scales[j], why);
        }
        System.out.println("skipping " + peer + " from " + scales[from] + " policies: " + why);
    }

    private double meanNanos(Path file) throws IOException {
        for (JsonNode n : json.readTree(file.toFile())) {
            if (n.path("mode").asText().equals("avgt")) {
                return n.path("primaryMetric").path("score").asDouble();
            }
        }
        return Double.NaN;
    }

    /** One call's time, median of 5 after a short warm-up, in this JVM. */
    static double probeMillis(EngineType type, int scale) {
        Workload w = Workload.of(scale);
        Request[] requests = type.requests(w);
        Engine e = type.create(w, requests);
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        int i = 0;
        while (i < 50 && System.nanoTime() < warmUntil) {
            e.allowed(requests[i++ % requests.length]);
        }
        double[] t = new double[5];
        for (int k = 0; k < t.length; k++) {
            Request r = requests[(i + k * 7) % requests.length];
            long start = System.nanoTime();
            e.allowed(r);
            t[k] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private void footprint(int scale) throws IOException, InterruptedException {
        Path file = out.resolve("footprint-" + scale + ".json");
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(javaBin, "-XX:+UseSerialGC", "-Xms1g", "-Xmx6g", "-cp", cp,
                Footprint.class.getName(), Integer.toString(scale), file.toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("footprint at " + scale + " policies failed");
        }
        results.add(file);
    }
}
