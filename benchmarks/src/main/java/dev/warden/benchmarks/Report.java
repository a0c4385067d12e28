package dev.warden.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders {@code docs/benchmarks.md} and its chart from the merged JMH JSON of one {@link Suite}
 * run: every figure in the report is read from that file, none is typed in.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.Report \
 *     benchmarks/target/results/results.json benchmarks/target/results/run.json docs
 * }</pre>
 */
public final class Report {
    static final String CHART = "benchmarks-chart.svg";

    /** One JMH result (or footprint entry). */
    record Result(String benchmark, String mode, String impl, int policies, int threads, double score,
                  double error, String unit, double p50, double p99, double allocPerOp) {}

    private final List<Result> results;
    private final JsonNode run;

    Report(List<Result> results, JsonNode run) {
        this.results = results;
        this.run = run;
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    static void write(Path resultsJson, Path runJson, Path docs) throws IOException {
        ObjectMapper m = new ObjectMapper();
        Report r = new Report(parse(m.readTree(resultsJson.toFile())), m.readTree(runJson.toFile()));
        Files.createDirectories(docs);
        Files.writeString(docs.resolve(CHART), r.chart());
        Path md = docs.resolve("benchmarks.md");
        String previous = Files.exists(md) ? Files.readString(md) : "";
        Files.writeString(md, Sections.keep(previous, r.markdown()));
    }

    static List<Result> parse(JsonNode array) {
        List<Result> out = new ArrayList<>();
        for (JsonNode n : array) {
            String bench = n.path("benchmark").asText();
            bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
            JsonNode params = n.path("params");
            JsonNode pm = n.path("primaryMetric");
            JsonNode pct = pm.path("scorePercentiles");
            double alloc = n.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
            out.add(new Result(bench, n.path("mode").asText(), params.path("impl").asText(""),
                    params.path("policies").asInt(), n.path("threads").asInt(1),
                    number(pm.path("score")), number(pm.path("scoreError")), pm.path("scoreUnit").asText(),
                    pct.isMissingNode() ? Double.NaN : number(pct.path("50.0")),
                    pct.isMissingNode() ? Double.NaN : number(pct.path("99.0")), alloc));
        }
        return out;
    }

    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Lookups

    private Result find(String bench, String mode, String impl, int policies) {
        for (Result r : results) {
            if (r.benchmark.equals(bench) && r.mode.equals(mode) && r.impl.equals(impl) && r.policies == policies) {
                return r;
            }
        }
        return null;
    }

    private double mean(String bench, String impl, int policies) {
        Result r = find(bench, "avgt", impl, policies);
        return r == null ? Double.NaN : r.score;
    }

    private TreeSet<Integer> scales(String bench) {
        TreeSet<Integer> s = new TreeSet<>();
        for (Result r : results) {
            if (r.benchmark.equals(bench)) {
                s.add(r.policies);
            }
        }
        return s;
    }

    private List<EngineType> engines(String bench) {
        List<EngineType> out = new ArrayList<>();
        for (EngineType e : EngineType.values()) {
            for (Result r : results) {
                if (r.benchmark.equals(bench) && r.impl.equals(e.name())) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    static String label(EngineType e) {
        switch (e) {
            case FLOOR:
                return "floor: HashMap lookup";
            case FLOOR_ZIPF:
                return "floor, Zipf stream";
            case WARDEN:
                return "**Warden, uncached**";
            case WARDEN_CACHED:
                return "**Warden, cached** (Zipf stream)";
            case SPRING_PATH_PATTERN:
                return "Spring PathPattern scan";
            case SPRING_ANT:
                return "Spring AntPathMatcher scan";
            case JCASBIN:
                return "jCasbin 1.81.0 (RBAC, keyMatch2)";
            case CEDAR:
                return "Cedar 4.10.0, PolicySet not cached";
            default:
                return "Cedar 4.10.0, PolicySet.cache()";
        }
    }

    private static String plain(EngineType e) {
        return label(e).replace("*", "");
    }

    private static EngineType floorOf(EngineType e) {
        return e.zipf() ? EngineType.FLOOR_ZIPF : EngineType.FLOOR;
    }

    // ---------------------------------------------------------------------------------------------
    // Markdown

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("<!-- Generated by dev.warden.benchmarks.Report from the JMH JSON of one run: do not edit by hand. -->\n\n");
        md.append("Warden against what its users would pick instead, on one seeded workload: the same policies, the same\n")
                .append("requests, and every engine's decisions checked equal to Warden's before any timing.\n\n");
        md.append("## How to run\n\n```sh\n").append(run.path("command").asText()).append("\n```\n\n")
                .append("`benchmarks/run.sh` builds `benchmarks/target/benchmarks.jar` (JMH, shaded), runs every benchmark,\n")
                .append("writes the JMH JSON to `benchmarks/target/results/results.json` and renders this page and its chart\n")
                .append("from it. `benchmarks/run.sh --quick` runs fewer scales and iterations (under 10 minutes on 2 cores).\n")
                .append("One benchmark alone: the command in its javadoc, e.g.\n")
                .append("`java -jar benchmarks/target/benchmarks.jar DecisionBenchmark.decide -p impl=WARDEN -p policies=1000`.\n\n");
        md.append("## This run\n\n");
        md.append("| | |\n|---|---|\n");
        String started = run.path("started").asText();
        md.append("| date (UTC) | ").append(started.length() >= 16 ? started.substring(0, 16).replace('T', ' ') : started)
                .append(" |\n");
        md.append("| machine | ").append(run.path("cpus").asInt()).append(" CPUs (`nproc`), ")
                .append(run.path("cpuModel").asText()).append(", ").append(run.path("memory").asText()).append(" |\n");
        md.append("| OS | ").append(run.path("os").asText()).append(" |\n");
        md.append("| JVM | ").append(run.path("jvm").asText()).append(", JMH 1.37, forks: `-Xms2g -Xmx6g` |\n");
        md.append("| mode | ").append(run.path("quick").asBoolean() ? "quick" : "full").append(": warm-up ")
                .append(run.path("warmup").asText()).append(", measurement ").append(run.path("measurement").asText())
                .append(", 1 fork per benchmark and parameter set |\n");
        md.append("| load average (1, 5, 15 min) at start / at end | ").append(run.path("loadAverageAtStart").asText(""))
                .append(" / ").append(run.path("loadAverage").asText()).append(" |\n");
        md.append(String.format(Locale.ROOT, "| duration | %.0f minutes |%n%n", run.path("minutes").asDouble()));
        md.append("The VM is noisy (other builds shared its 2 cores during the run; runs differ by up to a third):\n")
                .append("compare figures of this page with each other, not with another run's.\n\n");

        md.append("## Latency against policy count\n\n");
        md.append("![mean ns per decision against policies, log-log](").append(CHART).append(")\n\n");
        md.append("Mean time per decision (JMH `AverageTime`, one thread), log-log. Peers stop at the scale where one\n")
                .append("call passed ").append((int) Suite.PEER_CUTOFF_MS).append(" ms (see *Not measured*).\n\n");

        targets(md);
        decisionTables(md);
        peerRatios(md);
        orgAdmins(md);
        twoThreads(md);
        compile(md);
        footprint(md);
        skipped(md);
        md.append(notes());
        return md.toString();
    }

    private void targets(StringBuilder md) {
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        String d = "DecisionBenchmark.decide";
        TreeSet<Integer> scales = scales(d);
        if (scales.isEmpty()) {
            md.append("\n");
            return;
        }
        double worst = 0;
        int worstAt = 0;
        double worstCached = 0;
        int worstCachedAt = 0;
        for (int s : scales) {
            double r = mean(d, "WARDEN", s) / mean(d, "FLOOR", s);
            if (r > worst) {
                worst = r;
                worstAt = s;
            }
            double c = mean(d, "WARDEN_CACHED", s) / mean(d, "FLOOR_ZIPF", s);
            if (c > worstCached) {
                worstCached = c;
                worstCachedAt = s;
            }
        }
        row(md, "uncached decision within 3x the floor, at every scale",
                String.format(Locale.ROOT, "at most %.2fx (at %,d policies)", worst, worstAt), worst <= 3);
        int lo = scales.first();
        int hi = scales.last();
        double flat = mean(d, "WARDEN", hi) / mean(d, "WARDEN", lo);
        row(md, "uncached flat: at most 1.5x slower from " + String.format(Locale.ROOT, "%,d to %,d", lo, hi) + " policies",
                String.format(Locale.ROOT, "%.2fx (%.0f ns to %.0f ns)", flat, mean(d, "WARDEN", lo), mean(d, "WARDEN", hi)),
                flat <= 1.5);
        row(md, "cached decision within 1.5x the floor (same Zipf stream), at every scale",
                String.format(Locale.ROOT, "at most %.2fx (at %,d policies)", worstCached, worstCachedAt), worstCached <= 1.5);
        int mid = scales.contains(1000) ? 1000 : scales.higher(lo) == null ? lo : scales.higher(lo);
        double fastest = Double.MAX_VALUE;
        EngineType fastestPeer = null;
        for (EngineType e : engines(d)) {
            double m = mean(d, e.name(), mid);
            if (e.peer() && m < fastest) {
                fastest = m;
                fastestPeer = e;
            }
        }
        if (fastestPeer != null) {
            double speedup = fastest / mean(d, "WARDEN", mid);
            row(md, String.format(Locale.ROOT, "uncached 100x faster than the fastest peer at %,d policies", mid),
                    String.format(Locale.ROOT, "%.1fx faster than %s (%.0f ns)", speedup, plain(fastestPeer), fastest),
                    speedup >= 100);
        }
        String c = "CompileBenchmark.compile";
        if (!scales(c).isEmpty()) {
            int top = scales(c).last();
            Result fp = find("Footprint.compiledBytesPerPattern", "retained", "", top);
            String patterns = fp == null ? "" : String.format(Locale.ROOT, " (%,d patterns)", patternsAt(top));
            double ms = mean(c, "", top);
            Result cr = find(c, "avgt", "", top);
            row(md, "compile 1M patterns under 2 s", String.format(Locale.ROOT, "%.0f ± %.0f ms at %,d policies%s", ms,
                    cr == null ? Double.NaN : cr.error, top, patterns),
                    ms < 2000 && patternsAt(top) >= 900_000);
        }
        TreeSet<Integer> fs = scales("Footprint.compiledBytesPerPattern");
        if (!fs.isEmpty()) {
            double worstBytes = 0;
            for (int s : fs) {
                worstBytes = Math.max(worstBytes, find("Footprint.compiledBytesPerPattern", "retained", "", s).score);
            }
            Result top = find("Footprint.compiledBytesPerPattern", "retained", "", fs.last());
            row(md, "under 150 bytes of heap per pattern (compiled form)",
                    String.format(Locale.ROOT, "%.0f B/pattern at %,d policies; at most %.0f over all scales", top.score, fs.last(), worstBytes),
                    top.score < 150);
        }
        md.append("\nRatios are of means from this run. Why a target is missed, where one is: *Notes* below.\n\n");
    }

    private int patternsAt(int policies) {
        return Workload.patternCountOf(policies);
    }

    private static void row(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
    }

    private void decisionTables(StringBuilder md) {
        String d = "DecisionBenchmark.decide";
        md.append("## One decision, one thread\n\n")
                .append("ns per decision. *mean* and *± error* (99.9% confidence) from `AverageTime`; *p50* and *p99* from\n")
                .append("`SampleTime` (each sample includes the timer's own ~20-30 ns); *B/op*: bytes allocated per decision\n")
                .append("(JMH `-prof gc`); *x floor*: mean over the floor's mean on the same stream; *Warden is*: for a peer,\n")
                .append("its mean over Warden's uncached mean.\n\n");
        for (int s : scales(d)) {
            md.append(String.format(Locale.ROOT, "### %,d policies (%,d patterns)%n%n", s, Workload.patternCountOf(s)));
            md.append("| engine | mean | ± error | p50 | p99 | B/op | x floor | Warden is |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (EngineType e : engines(d)) {
                Result avg = find(d, "avgt", e.name(), s);
                Result sample = find(d, "sample", e.name(), s);
                if (avg == null && sample == null) {
                    continue;
                }
                double mean = avg == null ? Double.NaN : avg.score;
                double floor = mean(d, floorOf(e).name(), s);
                String vs = "";
                if (e.peer()) {
                    vs = times(mean / mean(d, "WARDEN", s)) + " faster";
                }
                md.append("| ").append(label(e)).append(" | ").append(ns(mean)).append(" | ")
                        .append(avg == null ? "" : ns(avg.error)).append(" | ")
                        .append(sample == null ? "" : ns(sample.p50)).append(" | ")
                        .append(sample == null ? "" : ns(sample.p99)).append(" | ")
                        .append(avg == null || Double.isNaN(avg.allocPerOp) ? "" : String.format(Locale.ROOT, "%.0f", avg.allocPerOp))
                        .append(" | ").append(e == EngineType.FLOOR || e == EngineType.FLOOR_ZIPF ? "1" : times(mean / floor))
                        .append(" | ").append(vs).append(" |\n");
            }
            md.append("\n");
        }
    }

    private void peerRatios(StringBuilder md) {
        String d = "DecisionBenchmark.decide";
        List<EngineType> peers = new ArrayList<>();
        for (EngineType e : engines(d)) {
            if (e.peer()) {
                peers.add(e);
            }
        }
        if (peers.isEmpty()) {
            return;
        }
        md.append("### Warden's speed-up over each peer\n\nPeer mean over Warden's uncached mean, same requests.\n\n| policies |");
        for (EngineType e : peers) {
            md.append(' ').append(plain(e)).append(" |");
        }
        md.append("\n|---:|");
        md.append("---:|".repeat(peers.size()));
        md.append('\n');
        for (int s : scales(d)) {
            md.append(String.format(Locale.ROOT, "| %,d |", s));
            for (EngineType e : peers) {
                double r = mean(d, e.name(), s) / mean(d, "WARDEN", s);
                md.append(' ').append(Double.isNaN(r) ? "not measured" : times(r)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void orgAdmins(StringBuilder md) {
        String d = "OrgAdminDecisionBenchmark.decide";
        if (scales(d).isEmpty()) {
            return;
        }
        List<EngineType> engines = engines(d);
        md.append("## Keys that hold many patterns\n\n")
                .append("The same fleet, requests of organisation-admin keys only (`OrgAdminDecisionBenchmark`): such a key\n")
                .append("holds both admin policies of every workspace of its organisation, so its pattern count grows with\n")
                .append("the fleet. Mean ns per decision; in brackets, the engine's mean over Warden's.\n\n| policies | patterns per key |");
        for (EngineType e : engines) {
            md.append(' ').append(plain(e)).append(" |");
        }
        md.append("\n|---:|---:|").append("---:|".repeat(engines.size())).append('\n');
        for (int s : scales(d)) {
            md.append(String.format(Locale.ROOT, "| %,d | %,d |", s, Workload.orgAdminPatternsOf(s)));
            double warden = mean(d, "WARDEN", s);
            for (EngineType e : engines) {
                double m = mean(d, e.name(), s);
                md.append(' ').append(ns(m));
                if (e != EngineType.WARDEN && !Double.isNaN(m)) {
                    md.append(" (").append(times(m / warden)).append(')');
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void twoThreads(StringBuilder md) {
        String d = "ConcurrentDecisionBenchmark.decideTwoThreads";
        if (scales(d).isEmpty()) {
            return;
        }
        md.append("## Two threads\n\nTwo threads share one engine; ns per decision per thread.\n\n")
                .append("| policies | engine | mean | ± error | p50 | p99 | x floor |\n|---:|---|---:|---:|---:|---:|---:|\n");
        for (int s : scales(d)) {
            for (EngineType e : engines(d)) {
                Result avg = find(d, "avgt", e.name(), s);
                Result sample = find(d, "sample", e.name(), s);
                double mean = avg == null ? Double.NaN : avg.score;
                md.append(String.format(Locale.ROOT, "| %,d | ", s)).append(label(e)).append(" | ").append(ns(mean))
                        .append(" | ").append(avg == null ? "" : ns(avg.error)).append(" | ")
                        .append(sample == null ? "" : ns(sample.p50)).append(" | ")
                        .append(sample == null ? "" : ns(sample.p99)).append(" | ")
                        .append(times(mean / mean(d, floorOf(e).name(), s))).append(" |\n");
            }
        }
        md.append('\n');
    }

    private void compile(StringBuilder md) {
        if (scales("CompileBenchmark.compile").isEmpty()) {
            return;
        }
        md.append("## Compiling and reloading\n\n")
                .append("ms per operation (`AverageTime`). *compile*: the whole fleet into a new `Authorizer`; *reload*:\n")
                .append("`Authorizer.reload` after one policy changed (a full compile, then an atomic swap).\n\n")
                .append("| policies | patterns | compile | ± error | reload | ± error |\n|---:|---:|---:|---:|---:|---:|\n");
        for (int s : scales("CompileBenchmark.compile")) {
            Result c = find("CompileBenchmark.compile", "avgt", "", s);
            Result r = find("CompileBenchmark.reload", "avgt", "", s);
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %s | %s | %s |%n", s, Workload.patternCountOf(s),
                    ms(c), c == null ? "" : ms2(c.error), ms(r), r == null ? "" : ms2(r.error)));
        }
        md.append('\n');
    }

    private void footprint(StringBuilder md) {
        TreeSet<Integer> fs = scales("Footprint.compiledBytesPerPattern");
        if (fs.isEmpty()) {
            return;
        }
        md.append("## Heap per pattern\n\n")
                .append("Retained heap, by `dev.warden.benchmarks.Footprint` in its own JVM (`-XX:+UseSerialGC`): used heap\n")
                .append("after `System.gc()` before and after building, divided by the pattern count. *compiled*: what an\n")
                .append("`Authorizer` adds to the policy set its caller holds (trie, entries, role table; median of 5 builds);\n")
                .append("*model*: the `PolicySet` itself (policies, statements, parsed patterns) with the fleet's keys.\n\n")
                .append("| policies | patterns | compiled (B/pattern) | model (B/pattern) |\n|---:|---:|---:|---:|\n");
        for (int s : fs) {
            Result c = find("Footprint.compiledBytesPerPattern", "retained", "", s);
            Result m = find("Footprint.modelBytesPerPattern", "retained", "", s);
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %.0f | %.0f |%n", s, Workload.patternCountOf(s),
                    c.score, m == null ? Double.NaN : m.score));
        }
        md.append('\n');
    }

    private void skipped(StringBuilder md) {
        JsonNode skips = run.path("skipped");
        md.append("## Not measured\n\n");
        if (skips.isEmpty()) {
            md.append("Every engine was measured at every scale of this run.\n\n");
            return;
        }
        md.append("A peer whose single call passes about ").append((int) Suite.PEER_CUTOFF_MS)
                .append(" ms at a scale is measured at the smaller scales only:\n\n");
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        skips.fields().forEachRemaining(f -> byReason.computeIfAbsent(
                f.getKey().substring(0, f.getKey().indexOf('@')) + ": " + f.getValue().asText(), k -> new ArrayList<>())
                .add(String.format(Locale.ROOT, "%,d", Integer.parseInt(f.getKey().substring(f.getKey().indexOf('@') + 1)))));
        byReason.forEach((k, v) -> md.append("- ").append(plain(EngineType.valueOf(k.substring(0, k.indexOf(':')))))
                .append(", not at ").append(String.join(", ", v)).append(" policies: ").append(k.substring(k.indexOf(':') + 2))
                .append(".\n"));
        md.append('\n');
    }

    private static String notes() {
        try (InputStream in = Report.class.getResourceAsStream("report-notes.md")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String ns(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(Result r) {
        return r == null ? "" : ms2(r.score);
    }

    private static String ms2(double v) {
        return Double.isNaN(v) ? "" : v >= 10 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static String times(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "";
        }
        return r >= 10 ? String.format(Locale.ROOT, "%,.0fx", r) : String.format(Locale.ROOT, "%.2fx", r);
    }

    // ---------------------------------------------------------------------------------------------
    // Chart

    private static final String[] COLOURS = {"#7f7f7f", "#bcbcbc", "#d62728", "#ff7f0e", "#1f77b4", "#17becf", "#2ca02c",
        "#9467bd", "#8c564b"};

    /** A log-log SVG line chart: mean ns per decision against policies, one line per engine. */
    String chart() {
        String d = "DecisionBenchmark.decide";
        List<EngineType> engines = engines(d);
        TreeSet<Integer> scales = scales(d);
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Result r : results) {
            if (r.benchmark.equals(d) && r.mode.equals("avgt") && r.score > 0) {
                minY = Math.min(minY, r.score);
                maxY = Math.max(maxY, r.score);
            }
        }
        if (scales.isEmpty() || maxY == 0) {
            minY = 1;
            maxY = 10;
            scales.add(10);
        }
        int xLo = (int) Math.floor(Math.log10(scales.first()));
        int xHi = Math.max(xLo + 1, (int) Math.ceil(Math.log10(scales.last())));
        int yLo = (int) Math.floor(Math.log10(minY));
        int yHi = Math.max(yLo + 1, (int) Math.ceil(Math.log10(maxY)));
        int w = 860;
        int h = 520;
        int left = 80;
        int right = 280;
        int top = 40;
        int bottom = 60;
        double pw = w - left - right;
        double ph = h - top - bottom;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", w, h, w, h));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Mean ns per decision against policies (log-log, one thread)</text>%n",
                left));
        for (int e = yLo; e <= yHi; e++) {
            double y = top + ph - (e - yLo) / (double) (yHi - yLo) * ph;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n", left, y, left + pw, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left - 6, y + 4, power(e, "ns")));
        }
        for (int e = xLo; e <= xHi; e++) {
            double x = left + (e - xLo) / (double) (xHi - xLo) * pw;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n", x, top, x, top + ph));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    x, top + ph + 18, String.format(Locale.ROOT, "%,d", (long) Math.pow(10, e))));
        }
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#444\"/>%n", left, top, pw, ph));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">policies in the fleet</text>%n",
                left + pw / 2, h - 18));
        svg.append(String.format(Locale.ROOT,
                "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">ns per decision (mean)</text>%n",
                top + ph / 2));
        int li = 0;
        for (EngineType e : engines) {
            String colour = COLOURS[e.ordinal() % COLOURS.length];
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int s : scales) {
                double v = mean(d, e.name(), s);
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                double x = left + (Math.log10(s) - xLo) / (xHi - xLo) * pw;
                double y = top + ph - (Math.log10(v) - yLo) / (yHi - yLo) * ph;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", x, y, colour));
            }
            boolean warden = e == EngineType.WARDEN || e == EngineType.WARDEN_CACHED;
            String dash = e == EngineType.FLOOR || e == EngineType.FLOOR_ZIPF ? " stroke-dasharray=\"6 4\"" : "";
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s points=\"%s\"/>%n", colour,
                    warden ? "3" : "2", dash, points.toString().trim()));
            svg.append(dots);
            double ly = top + 10 + li * 22;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"%s/>%n",
                    left + pw + 16, ly, left + pw + 40, ly, colour, dash));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", left + pw + 46, ly + 4,
                    warden ? " font-weight=\"bold\"" : "", xml(plain(e))));
            li++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String power(int exponent, String unit) {
        double v = Math.pow(10, exponent);
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.0f s", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.0f ms", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.0f µs", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f %s", v, unit);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
