package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who asks: an access key, a user or a service, with an id, roles, directly attached policies and
 * string attributes (read by {@code ${principal.ATTR}} pattern variables).
 *
 * <p>Immutable and thread-safe. A gateway that keeps one {@code Principal} per access key and
 * reuses it gets the resolution of its roles to policies for free after the first request: the
 * authorizer remembers it in the principal, tied to the policy set it was made against.
 */
public final class Principal {
    private final String id;
    private final List<String> roles;
    private final List<String> policies;
    private final Map<String, String> attributes;
    private final int hash;
    /** Characters held: id, roles, policies, attribute names and values (for the cache's bound). */
    private final long chars;

    /**
     * The authorizer's memo: this principal's effective policies as resolved against the compiled
     * policy set that last decided for it, null before the first decision. Read and written only
     * through {@link #grant} and {@link #remember}, by {@link Compiled}; not part of {@link #equals}.
     * A benign race: two threads may both resolve and both write, each a complete, immutable
     * {@link Grant}, and a reader takes a grant only for the set it was made against.
     */
    private volatile Grant grant;

    private Principal(String id, List<String> roles, List<String> policies, Map<String, String> attributes) {
        this.id = id;
        this.roles = roles;
        this.policies = policies;
        this.attributes = attributes;
        this.hash = Objects.hash(id, roles, policies, attributes);
        long n = id.length();
        for (String r : roles) {
            n += r.length();
        }
        for (String p : policies) {
            n += p.length();
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            n += e.getKey().length() + e.getValue().length();
        }
        this.chars = n;
    }

    /** The characters this principal holds: its id, roles, policies, attribute names and values. */
    long chars() {
        return chars;
    }

    /** The remembered grant if it was resolved against {@code set}, else null. */
    Grant grant(Compiled set) {
        Grant g = grant;
        return g != null && g.owner == set ? g : null;
    }

    /** Remembers a grant, replacing the one of an earlier set. */
    void remember(Grant g) {
        grant = g;
    }

    /**
     * A principal with an id and nothing else: every request it makes is denied.
     *
     * @param id the principal's id, not empty
     * @return a principal without roles, policies or attributes
     * @throws IllegalArgumentException when {@code id} is empty
     */
    public static Principal of(String id) {
        return builder(id).build();
    }

    /**
     * A builder for a principal with this id.
     *
     * @param id the principal's id, not empty
     * @return a builder without roles, policies or attributes yet
     * @throws IllegalArgumentException when {@code id} is empty
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * The principal's id: what {@code ${principal.id}} stands for.
     *
     * @return the id, not empty
     */
    public String id() {
        return id;
    }

    /**
     * Role names, in the order given, without repeats.
     *
     * @return the role names, unmodifiable
     */
    public List<String> roles() {
        return roles;
    }

    /**
     * Directly attached policy names, in the order given, without repeats.
     *
     * @return the policy names, unmodifiable
     */
    public List<String> policies() {
        return policies;
    }

    /**
     * Attributes, read-only.
     *
     * @return the attributes' names and values, as {@code ${principal.NAME}} reads them
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Principal p
                && p.hash == hash
                && p.id.equals(id)
                && p.roles.equals(roles)
                && p.policies.equals(policies)
                && p.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Principal[id=" + id + ", roles=" + roles + ", policies=" + policies + ", attributes=" + attributes + "]";
    }

    /** Builds a {@link Principal}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final LinkedHashSet<String> roles = new LinkedHashSet<>();
        private final LinkedHashSet<String> policies = new LinkedHashSet<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("a principal id must not be empty");
            }
            this.id = id;
        }

        /**
         * Adds a role; a repeat is ignored.
         *
         * @param role a role's name
         * @return this builder
         */
        public Builder role(String role) {
            roles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        /**
         * Adds roles, in order; repeats are ignored.
         *
         * @param names roles' names
         * @return this builder
         */
        public Builder roles(Iterable<String> names) {
            names.forEach(this::role);
            return this;
        }

        /**
         * Attaches a policy directly; a repeat is ignored.
         *
         * @param policy a policy's name
         * @return this builder
         */
        public Builder policy(String policy) {
            policies.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Attaches policies directly, in order; repeats are ignored.
         *
         * @param names policies' names
         * @return this builder
         */
        public Builder policies(Iterable<String> names) {
            names.forEach(this::policy);
            return this;
        }

        /**
         * Sets an attribute, replacing an earlier value of the same name.
         *
         * @param name the attribute's name, as {@code ${principal.NAME}} writes it
         * @param value its value, compared exactly
         * @return this builder
         */
        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets attributes, each as {@link #attribute} does.
         *
         * @param values the attributes' names and values
         * @return this builder
         */
        public Builder attributes(Map<String, String> values) {
            values.forEach(this::attribute);
            return this;
        }

        /**
         * Builds the principal; the builder may go on and build others.
         *
         * @return an immutable principal with what was added so far
         */
        public Principal build() {
            return new Principal(id, List.copyOf(new ArrayList<>(roles)), List.copyOf(new ArrayList<>(policies)),
                    Map.copyOf(attributes));
        }
    }
}
