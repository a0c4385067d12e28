package dev.warden.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.core.PolicySet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code warden lint} and {@code warden diff} as a CI job runs them: the built CLI jar, a
 * fresh JVM per run, on the benchmark fleet written as Bird JSON ({@link FleetFiles}), NEW being
 * OLD with one policy changed. Wall and CPU time come from bash's {@code time}; the result goes into
 * the {@code ci-timing} block of {@code docs/benchmarks.md} ({@link Sections}).
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.CiTiming 10000 3 policy-cli/target/warden.jar docs
 * </pre>
 */
public final class CiTiming {
    private CiTiming() {}

    record Run(double real, double user, double sys, int exit) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CiTiming SCALE RUNS WARDEN_JAR DOCS_DIR");
            System.exit(2);
        }
        int scale = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path jar = Path.of(args[2]).toAbsolutePath();
        Path docs = Path.of(args[3]);
        Path dir = Files.createTempDirectory("warden-ci-timing");
        Workload w = Workload.of(scale);
        FleetFiles.write(w.policySet(), dir.resolve("old").resolve("fleet.json"));
        FleetFiles.write(w.withOnePolicyChanged(), dir.resolve("new").resolve("fleet.json"));
        PolicySet conditioned = Workload.withConditions(w.policySet());
        FleetFiles.write(conditioned, dir.resolve("old-conditions").resolve("fleet.json"));
        FleetFiles.write(Workload.withConditions(w.withOnePolicyChanged()), dir.resolve("new-conditions").resolve("fleet.json"));
        long conditionedStatements = conditioned.policies().stream().flatMap(p -> p.statements().stream())
                .filter(s -> s.condition().isPresent()).count();
        long statements = conditioned.policies().stream().mapToLong(p -> p.statements().size()).sum();
        String fleet = String.format(Locale.ROOT, "%,d policies, %,d roles, %,d patterns (%,d bytes of Bird JSON)",
                w.policySet().policies().size(), w.policySet().roles().size(), w.patternCount(),
                Files.size(dir.resolve("new").resolve("fleet.json")));
        ObjectNode machine = new ObjectMapper().createObjectNode();
        Machine.describe(machine);

        List<String[]> commands = List.of(
                new String[] {"lint", "--fail-on", "error", dir.resolve("new").toString()},
                new String[] {"diff", dir.resolve("old").toString(), dir.resolve("new").toString()},
                new String[] {"lint", "--fail-on", "error", dir.resolve("new-conditions").toString()},
                new String[] {"diff", dir.resolve("old-conditions").toString(), dir.resolve("new-conditions").toString()});
        StringBuilder md = new StringBuilder();
        md.append("## Policy CI on a large set\n\n");
        md.append("`warden lint` and `warden diff` as a CI job runs them: `java -jar policy-cli/target/warden.jar`, a\n")
                .append("fresh JVM (default heap) per run, on the benchmark fleet written as Bird JSON: ").append(fleet)
                .append(";\nthe diff's NEW is OLD with one policy changed. Wall (real) and CPU (user + sys) time from bash's\n")
                .append("`time`, over ").append(runs).append(" runs each. *With conditions*: the same fleet with a condition on\n")
                .append(String.format(Locale.ROOT, "%,d of its %,d statements (`Workload.withConditions`: about a tenth, over `context.ip`,\n",
                        conditionedStatements, statements))
                .append("`context.time` and `principal.team`, or `context.mfa`), OLD and NEW alike.\n\n");
        md.append("```sh\n./mvnw -B -q package -DskipTests\n")
                .append("java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.CiTiming ")
                .append(scale).append(' ').append(runs).append(" policy-cli/target/warden.jar docs\n```\n\n");
        md.append("| command | exit | real: median (min – max) | CPU: median | load average at start |\n");
        md.append("|---|---|---|---|---|\n");
        for (String[] c : commands) {
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            List<Run> rs = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                rs.add(time(jar, c));
                System.err.println(c[0] + " run " + (i + 1) + ": " + rs.get(rs.size() - 1));
            }
            double[] real = rs.stream().mapToDouble(Run::real).sorted().toArray();
            double[] cpu = rs.stream().mapToDouble(r -> r.user() + r.sys()).sorted().toArray();
            String with = c[c.length - 1].endsWith("-conditions") ? ", with conditions" : "";
            md.append(String.format(Locale.ROOT, "| `warden %s`%s | %s | %.1f s (%.1f – %.1f) | %.1f s | %s |\n",
                    c[0].equals("lint") ? "lint --fail-on error NEW" : "diff OLD NEW", with,
                    rs.stream().map(r -> String.valueOf(r.exit())).distinct().reduce((a, b) -> a + "," + b).orElse(""),
                    real[real.length / 2], real[0], real[real.length - 1], cpu[cpu.length / 2],
                    load.substring(0, nthSpace(load, 3))));
        }
        md.append("\nMachine: ").append(machine.path("cpus").asInt()).append(" CPUs, ")
                .append(machine.path("cpuModel").asText()).append(", ").append(machine.path("memory").asText())
                .append("; ").append(machine.path("jvm").asText()).append("; measured ")
                .append(java.time.LocalDate.now()).append(". The machine is shared with other builds: the load\n")
                .append("average says how busy it was, and on a busy machine wall time runs well above CPU time.\n");
        Sections.put(docs.resolve("benchmarks.md"), "ci-timing", md.toString());
        System.out.println(md);
    }

    private static int nthSpace(String s, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(' ', at + 1);
            if (at < 0) {
                return s.length();
            }
        }
        return at;
    }

    private static Run time(Path jar, String[] args) throws IOException, InterruptedException {
        Path exit = Files.createTempFile("warden-exit", ".txt");
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "TIMEFORMAT='%R %U %S'; time (java -jar \"$0\" \"$@\" > /dev/null 2>&1; echo $? > " + exit + ")",
                jar.toString()));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("timing failed: " + err);
        }
        String[] t = err.substring(err.lastIndexOf('\n') + 1).split(" ");
        int code = Integer.parseInt(Files.readString(exit).trim());
        Files.delete(exit);
        return new Run(Double.parseDouble(t[0]), Double.parseDouble(t[1]), Double.parseDouble(t[2]), code);
    }
}
