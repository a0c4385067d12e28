package dev.warden.core;

/**
 * Told of every decision an {@link Authorizer} makes ({@link Authorizer.Builder#listener}): for an
 * audit log, metrics, tracing. Called once per {@link Authorizer#decide} call (and so per {@code
 * authorize} and {@code authorizeHttp} call), after the decision is made and before it is
 * returned, whether it came from the decision cache or not, with the request as the caller gave it.
 *
 * <p>It runs on the caller's thread, inside the decision: keep it short, and hand slow work
 * (writing to a remote log) to a queue of your own. An exception it throws reaches the caller of
 * {@code decide} instead of the decision. It is called from every thread that decides, so it must
 * be thread-safe.
 */
@FunctionalInterface
public interface DecisionListener {
    /**
     * Told of one decision, on the thread that made it, before the caller gets it.
     *
     * @param request the request as given to {@link Authorizer#decide}
     * @param decision what was decided, the same value the caller gets
     */
    void onDecision(AccessRequest request, Decision decision);
}
