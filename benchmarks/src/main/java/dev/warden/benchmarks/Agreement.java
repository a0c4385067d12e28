package dev.warden.benchmarks;

import dev.warden.benchmarks.Workload.Request;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The check every benchmark runs before timing: an engine must decide every request of its stream
 * as Warden does, or the benchmark refuses to run, so that every ratio compares equal work.
 */
public final class Agreement {
    private Agreement() {}

    /**
     * Compares an engine's decisions with Warden's on each distinct request.
     *
     * @throws IllegalStateException naming the first disagreements
     */
    public static void check(String name, Engine engine, Workload w, Request[] requests) {
        Set<Request> distinct = new LinkedHashSet<>(List.of(requests));
        List<String> bad = new ArrayList<>();
        int count = 0;
        for (Request r : distinct) {
            boolean expected = w.expected(r);
            boolean got = engine.allowed(r);
            if (got != expected) {
                count++;
                if (bad.size() < 10) {
                    bad.add((expected ? "warden allows, " : "warden denies, ") + name + (got ? " allows" : " denies")
                            + ": key " + r.request().principal().id() + " " + r.request().action() + " "
                            + r.request().resource());
                }
            }
        }
        if (count > 0) {
            throw new IllegalStateException(name + " disagrees with Warden on " + count + " of " + distinct.size()
                    + " requests at " + w.scale() + " policies; refusing to time unequal work:\n  "
                    + String.join("\n  ", bad));
        }
    }
}
