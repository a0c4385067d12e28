package dev.warden.core.diagnostic;

import dev.warden.core.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a finding is not reported: a suppression written beside the code it is about ({@link
 * Kind#IN_SOURCE}, a {@code # warden:allow CODE reason} comment) or kept apart from it ({@link
 * Kind#EXTERNAL}, an entry of a baseline file), with the justification its author gave.
 *
 * @param kind whether it is written in the policy file or in a baseline
 * @param justification the reason its author gave
 * @param location where the suppression is written: the comment, or the baseline file; empty when
 *     it has no place
 */
public record Suppression(Kind kind, String justification, Optional<SourceLocation> location) {
    /** Where a suppression is written. */
    public enum Kind {
        /** In the policy file, beside the statement. */
        IN_SOURCE,
        /** Elsewhere: a baseline file. */
        EXTERNAL
    }

    /**
     * Requires each part.
     *
     * @param kind where it is written
     * @param justification the reason its author gave
     * @param location its place, or empty
     */
    public Suppression {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(location, "location");
    }
}
