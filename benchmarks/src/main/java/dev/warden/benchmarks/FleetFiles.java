package dev.warden.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.Statement;
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
        ObjectMapper json = new ObjectMapper();
        ArrayNode items = json.createArrayNode();
        for (Policy p : set.policies()) {
            ObjectNode o = items.addObject();
            o.put("name", p.name());
            o.put("description", p.description());
            ArrayNode definitions = o.putArray("definitions");
            for (Statement s : p.statements()) {
                ObjectNode d = definitions.addObject();
                d.put("effect", s.effect().word());
                ArrayNode actions = d.putArray("actions");
                s.actions().forEach(actions::add);
                ArrayNode resources = d.putArray("resources");
                for (ResourcePattern r : s.resources()) {
                    resources.add(r.text());
                }
            }
        }
        for (Role r : set.roles()) {
            ObjectNode o = items.addObject();
            o.put("name", r.name());
            ArrayNode policies = o.putArray("policies");
            r.policies().forEach(name -> policies.addObject().put("name", name));
        }
        Files.createDirectories(file.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), items);
    }
}
