package dev.warden.core;

/**
 * A principal's effective policies under one compiled policy set: the sorted indices of its direct
 * policies and its roles' policies, or the {@code unknown_policy} decision when it names a policy or
 * role the set does not hold. Immutable; {@link Compiled} makes it and the {@link Principal}
 * remembers the last one, so that a principal reused across requests resolves its roles once per
 * policy set.
 */
final class Grant {
    /** The compiled set this was resolved against: a grant is valid for that set only. */
    final Compiled owner;
    /** The effective policy indices, sorted and distinct; null when {@link #unknown} is set. */
    final int[] policies;
    /** The decision for a principal that names what is not loaded; null otherwise. */
    final Decision unknown;

    Grant(Compiled owner, int[] policies, Decision unknown) {
        this.owner = owner;
        this.policies = policies;
        this.unknown = unknown;
    }
}
