package dev.warden.core.diagnostic;

import dev.warden.core.SourceLocation;
import java.util.Objects;

/**
 * Another place a {@link Diagnostic} is about: the statement that covers or repeats the one
 * reported, say.
 *
 * @param location where
 * @param message what is there, in words ({@code the covering statement})
 */
public record Related(SourceLocation location, String message) {
    /**
     * Requires both parts.
     *
     * @param location where
     * @param message what is there, in words
     */
    public Related {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }
}
