package dev.warden.core;

import java.util.List;
import java.util.Objects;

/**
 * A named list of statements. Statement order never changes a decision.
 *
 * @param name the policy's name, unique in its set
 * @param description free text, empty when there is none
 * @param statements the statements, in the order written
 */
public record Policy(String name, String description, List<Statement> statements) {
    /**
     * Checks the name and copies the statements.
     *
     * @param name the policy's name
     * @param description free text, empty when there is none
     * @param statements the statements, in the order written
     * @throws InvalidNameException when the name cannot be used
     */
    public Policy {
        Names.check("policy", name);
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
    }

    /**
     * A policy without a description.
     *
     * @param name the policy's name
     * @param statements the statements, in the order written
     * @throws InvalidNameException when the name cannot be used
     */
    public Policy(String name, List<Statement> statements) {
        this(name, "", statements);
    }
}
