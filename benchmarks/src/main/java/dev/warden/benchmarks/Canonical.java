package dev.warden.benchmarks;

import dev.warden.core.ResourcePath;

/**
 * What every peer does before matching, as a service in front of it would: canonicalise the path
 * with Warden's own (public) canonicaliser and map the action to an index. Using the same code for
 * all keeps malformed-path handling identical, so the peers pay the same canonicalisation cost as
 * Warden and decide the same thing.
 */
final class Canonical {
    private Canonical() {}

    /** The canonical path, or null when it is malformed (deny). */
    static String path(String raw) {
        ResourcePath p = ResourcePath.ofResource(raw);
        return p.isWellFormed() ? p.canonical() : null;
    }

    /** The index of a built-in action in {@link Workload#ACTIONS}, or -1. */
    static int action(String action) {
        switch (action) {
            case "view":
                return 0;
            case "create":
                return 1;
            case "update":
                return 2;
            case "delete":
                return 3;
            default:
                return -1;
        }
    }
}
