package dev.warden.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A named set of policies. A role that names a policy which is not loaded is a load error of its
 * {@link PolicySet}.
 *
 * @param name the role's name, unique in its set
 * @param description free text, empty when there is none
 * @param policies the names of its policies, in the order written, without repeats
 */
public record Role(String name, String description, List<String> policies) {
    /**
     * Checks the names and copies the policies without repeats.
     *
     * @param name the role's name
     * @param description free text, empty when there is none
     * @param policies the names of its policies, in the order written
     * @throws InvalidNameException when the role's name or a policy's name cannot be used
     */
    public Role {
        Names.check("role", name);
        Objects.requireNonNull(description, "description");
        for (String p : policies) {
            Names.check("policy", p);
        }
        policies = List.copyOf(new LinkedHashSet<>(policies));
    }

    /**
     * A role without a description.
     *
     * @param name the role's name
     * @param policies the names of its policies, in the order written
     * @throws InvalidNameException when the role's name or a policy's name cannot be used
     */
    public Role(String name, List<String> policies) {
        this(name, "", policies);
    }
}
