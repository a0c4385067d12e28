package dev.warden.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A statement that took part in a decision.
 *
 * @param policy the name of the policy that holds the statement
 * @param effect the statement's effect
 * @param index the statement's position in its policy, from 0
 * @param source where the statement was written ({@link SourceMap#statement}), empty when the
 *     policy was built in code
 */
public record MatchedStatement(String policy, Effect effect, int index, Optional<SourceLocation> source) {
    /**
     * Requires each part and a non-negative index.
     *
     * @param policy the name of the policy that holds the statement
     * @param effect the statement's effect
     * @param index the statement's position in its policy, from 0
     * @param source where the statement was written, or empty
     * @throws IllegalArgumentException when {@code index} is negative
     */
    public MatchedStatement {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(source, "source");
        if (index < 0) {
            throw new IllegalArgumentException("statement index must not be negative: " + index);
        }
    }
}
