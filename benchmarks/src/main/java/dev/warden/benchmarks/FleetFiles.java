package dev.warden.benchmarks;

import dev.warden.core.PolicySet;
import dev.warden.dsl.BirdJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark fleet as Bird JSON, so that the policy-CI commands can be timed on it:
 * {@code OUT/old/fleet.json} is {@link Workload#of(int)} and {@code OUT/new/fleet.json} the same
 * with one policy changed ({@link Workload#withOnePolicyChanged()}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.FleetFiles 10000 /tmp/fleet
 * time bin/warden lint /tmp/fleet/new
 * time bin/warden diff /tmp/fleet/old /tmp/fleet/new
 * </pre>
 */
public final class FleetFiles {
    private FleetFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FleetFiles SCALE OUT_DIR");
            System.exit(2);
        }
        Workload w = Workload.of(Integer.parseInt(args[0]));
        Path out = Path.of(args[1]);
        write(w.policySet(), out.resolve("old").resolve("fleet.json"));
        write(w.withOnePolicyChanged(), out.resolve("new").resolve("fleet.json"));
        System.out.println(w.policySet().policies().size() + " policies, " + w.policySet().roles().size()
                + " roles, " + w.patternCount() + " patterns written to " + out);
    }

    static void write(PolicySet set, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, BirdJson.write(set));
    }
}
