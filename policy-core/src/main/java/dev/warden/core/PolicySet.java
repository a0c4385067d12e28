package dev.warden.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated, immutable set of policies, roles and declared actions: what an {@link Authorizer}
 * is built from.
 *
 * <p>Where each item was written ({@code file:line:col}) is kept beside the model, not in it: two
 * sets with the same policies, roles and actions are {@link #equals equal} wherever they were
 * loaded from.
 */
public final class PolicySet {
    private final Set<String> declaredActions;
    private final Map<String, Policy> policies;
    private final Map<String, Role> roles;
    private final Map<String, List<String>> statementSources;
    private final Map<String, String> policySources;
    private final Map<String, String> roleSources;

    private PolicySet(Builder b) {
        this.declaredActions = Collections.unmodifiableSet(new LinkedHashSet<>(b.declaredActions.keySet()));
        this.policies = Collections.unmodifiableMap(new LinkedHashMap<>(b.policies));
        this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(b.roles));
        this.statementSources = Map.copyOf(b.statementSources);
        this.policySources = Map.copyOf(b.policySources);
        this.roleSources = Map.copyOf(b.roleSources);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The empty set: every request is denied. */
    public static PolicySet empty() {
        return builder().build();
    }

    /** The actions declared beyond the built-in ones, lower case, in declaration order. */
    public Set<String> declaredActions() {
        return declaredActions;
    }

    /** Every action a request may name: the built-in ones, then the declared ones. */
    public List<String> actions() {
        List<String> all = new ArrayList<>(Actions.BUILT_IN);
        all.addAll(declaredActions);
        return Collections.unmodifiableList(all);
    }

    /** The policies, in the order they were added. */
    public List<Policy> policies() {
        return List.copyOf(policies.values());
    }

    /** The roles, in the order they were added. */
    public List<Role> roles() {
        return List.copyOf(roles.values());
    }

    public Optional<Policy> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    public Optional<Role> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    /** Where statement {@code index} of policy {@code policy} was written, or empty if unknown. */
    public String statementSource(String policy, int index) {
        List<String> sources = statementSources.get(policy);
        return sources == null || index >= sources.size() ? "" : sources.get(index);
    }

    /** Where the policy was written, or empty if unknown. */
    public String policySource(String policy) {
        return policySources.getOrDefault(policy, "");
    }

    /** Where the role was written, or empty if unknown. */
    public String roleSource(String role) {
        return roleSources.getOrDefault(role, "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicySet s
                && s.declaredActions.equals(declaredActions)
                && s.policies.equals(policies)
                && s.roles.equals(roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(declaredActions, policies, roles);
    }

    @Override
    public String toString() {
        return "PolicySet[" + policies.size() + " policies, " + roles.size() + " roles, actions "
                + actions() + "]";
    }

    /**
     * Collects policies, roles and declared actions; {@link #build} validates them all and reports
     * every problem at once, each as a {@link PolicySetProblem}. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, String> declaredActions = new LinkedHashMap<>();
        private final Map<String, Policy> policies = new LinkedHashMap<>();
        private final Map<String, Role> roles = new LinkedHashMap<>();
        private final Map<String, List<String>> statementSources = new LinkedHashMap<>();
        private final Map<String, String> policySources = new LinkedHashMap<>();
        private final Map<String, String> roleSources = new LinkedHashMap<>();
        private final List<PolicySetProblem> problems = new ArrayList<>();
        private int declarations;
        private int policyDefinitions;
        private int roleDefinitions;

        private Builder() {}

        /** Declares an extra action, e.g. {@code approve}. */
        public Builder declareAction(String name) {
            return declareAction(name, "");
        }

        /** Declares an extra action, remembering where it was declared. */
        public Builder declareAction(String name, String source) {
            PolicySetProblem.Subject subject = new PolicySetProblem.Subject.ActionDeclaration(declarations++, name);
            String lower;
            try {
                lower = Actions.normalize(name);
            } catch (IllegalArgumentException e) {
                problems.add(new PolicySetProblem(PolicySetProblem.Kind.INVALID_ACTION_NAME, subject,
                        e.getMessage(), "", source));
                return this;
            }
            if (Actions.isBuiltIn(lower)) {
                problems.add(new PolicySetProblem(PolicySetProblem.Kind.BUILT_IN_ACTION, subject,
                        "`" + name + "` is a built-in action and cannot be declared", "", source));
            } else {
                declaredActions.putIfAbsent(lower, source);
            }
            return this;
        }

        /** Adds a policy built in code. */
        public Builder add(Policy policy) {
            return add(policy, "", List.of());
        }

        /**
         * Adds a policy with where it and each of its statements were written.
         *
         * @param source the policy's location, or empty
         * @param statementSources one location per statement, or an empty list
         */
        public Builder add(Policy policy, String source, List<String> statementSources) {
            Objects.requireNonNull(policy, "policy");
            if (!statementSources.isEmpty() && statementSources.size() != policy.statements().size()) {
                throw new IllegalArgumentException("one source per statement: " + policy.statements().size()
                        + " statements, " + statementSources.size() + " sources");
            }
            int definition = policyDefinitions++;
            if (policies.containsKey(policy.name())) {
                String other = policySources.getOrDefault(policy.name(), "");
                problems.add(new PolicySetProblem(PolicySetProblem.Kind.DUPLICATE_POLICY,
                        new PolicySetProblem.Subject.PolicyDefinition(definition, policy.name()),
                        "duplicate policy `" + policy.name() + "`",
                        other.isEmpty() ? "" : "first defined at " + other, source));
                return this;
            }
            policies.put(policy.name(), policy);
            this.statementSources.put(policy.name(), List.copyOf(statementSources));
            policySources.put(policy.name(), source);
            return this;
        }

        /** Adds a role built in code. */
        public Builder add(Role role) {
            return add(role, "");
        }

        /** Adds a role, remembering where it was written. */
        public Builder add(Role role, String source) {
            Objects.requireNonNull(role, "role");
            int definition = roleDefinitions++;
            if (roles.containsKey(role.name())) {
                String other = roleSources.getOrDefault(role.name(), "");
                problems.add(new PolicySetProblem(PolicySetProblem.Kind.DUPLICATE_ROLE,
                        new PolicySetProblem.Subject.RoleDefinition(definition, role.name()),
                        "duplicate role `" + role.name() + "`",
                        other.isEmpty() ? "" : "first defined at " + other, source));
                return this;
            }
            roles.put(role.name(), role);
            roleSources.put(role.name(), source);
            return this;
        }

        /**
         * Whether a statement may name {@code action} (lower case, as {@link Actions#normalize}
         * returns it): {@code any}, a built-in action or one declared so far. {@link #build}
         * reports the others as {@link PolicySetProblem.Kind#UNKNOWN_ACTION}; a loader asks this
         * for statements it reads but does not add.
         */
        public boolean knowsAction(String action) {
            return action.equals(Actions.ANY) || Actions.BUILT_IN.contains(action) || declaredActions.containsKey(action);
        }

        /**
         * Whether a policy named {@code name} has been added: what a role may name. {@link
         * #build} reports the others as {@link PolicySetProblem.Kind#UNKNOWN_POLICY_IN_ROLE}; a
         * loader asks this for roles it reads but does not add.
         */
        public boolean hasPolicy(String name) {
            return policies.containsKey(name);
        }

        /**
         * Validates and builds the set: every statement's actions must be built-in, declared or
         * {@code any}; every policy a role names must be loaded; names must be unique.
         *
         * @throws PolicySetException listing every problem
         */
        public PolicySet build() {
            List<PolicySetProblem> all = new ArrayList<>(problems);
            List<String> known = new ArrayList<>(Actions.BUILT_IN);
            known.addAll(declaredActions.keySet());
            for (Policy p : policies.values()) {
                List<String> sources = statementSources.get(p.name());
                for (int i = 0; i < p.statements().size(); i++) {
                    String where = sources.isEmpty() ? policySources.getOrDefault(p.name(), "") : sources.get(i);
                    for (String action : p.statements().get(i).actions()) {
                        if (!knowsAction(action)) {
                            String hint = Suggestions.closest(action, known)
                                    .map(s -> "did you mean `" + s + "`?")
                                    .orElse("declare it with `actions " + action + "`");
                            all.add(new PolicySetProblem(PolicySetProblem.Kind.UNKNOWN_ACTION,
                                    new PolicySetProblem.Subject.StatementAction(p.name(), i, action),
                                    "unknown action `" + action + "` in policy `" + p.name() + "`", hint, where));
                        }
                    }
                }
            }
            for (Role r : roles.values()) {
                for (int i = 0; i < r.policies().size(); i++) {
                    String name = r.policies().get(i);
                    if (!hasPolicy(name)) {
                        String hint = Suggestions.closest(name, policies.keySet())
                                .map(s -> "did you mean `" + s + "`?")
                                .orElse("");
                        all.add(new PolicySetProblem(PolicySetProblem.Kind.UNKNOWN_POLICY_IN_ROLE,
                                new PolicySetProblem.Subject.RolePolicy(r.name(), i, name),
                                "role `" + r.name() + "` names policy `" + name + "`, which is not loaded",
                                hint, roleSources.getOrDefault(r.name(), "")));
                    }
                }
            }
            if (!all.isEmpty()) {
                throw new PolicySetException(all);
            }
            return new PolicySet(this);
        }
    }
}
