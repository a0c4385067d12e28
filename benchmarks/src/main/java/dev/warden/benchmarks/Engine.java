package dev.warden.benchmarks;

import dev.warden.benchmarks.Workload.Request;

/**
 * The tiny adapter every engine is measured through: one request in, allow or deny out. An
 * adapter is built once per fleet (see {@link EngineType#create}) and keeps whatever per-key state
 * its engine would keep in a real service; it must be safe for concurrent calls.
 */
public interface Engine {
    /** Whether the request is allowed; a malformed path or unknown action is a deny. */
    boolean allowed(Request request);
}
