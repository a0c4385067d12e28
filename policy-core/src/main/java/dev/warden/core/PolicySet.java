package dev.warden.core;

import dev.warden.core.internal.Suggestions;
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
 * <p>Where each item was written is kept beside the model, not in it ({@link #sources()}): two
 * sets with the same policies, roles and actions are {@link #equals equal} wherever they were
 * loaded from.
 */
public final class PolicySet {
    private final Set<String> declaredActions;
    private final Map<String, Policy> policies;
    private final Map<String, Role> roles;
    private final SourceMap sources;

    private PolicySet(Builder b) {
        this.declaredActions = Collections.unmodifiableSet(new LinkedHashSet<>(b.declaredActions));
        this.policies = Collections.unmodifiableMap(new LinkedHashMap<>(b.policies));
        this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(b.roles));
        this.sources = SourceMap.of(b.policySources, b.roleSources);
    }

    /**
     * A new, empty builder.
     *
     * @return a builder with no policies, roles or declared actions
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The empty set: every request is denied.
     *
     * @return a set with no policies, roles or declared actions
     */
    public static PolicySet empty() {
        return builder().build();
    }

    /**
     * The actions declared beyond the built-in ones, lower case, in declaration order.
     *
     * @return the declared actions, unmodifiable
     */
    public Set<String> declaredActions() {
        return declaredActions;
    }

    /**
     * Every action a request may name: the built-in ones, then the declared ones.
     *
     * @return the action names, lower case, unmodifiable
     */
    public List<String> actions() {
        List<String> all = new ArrayList<>(Actions.BUILT_IN);
        all.addAll(declaredActions);
        return Collections.unmodifiableList(all);
    }

    /**
     * The policies, in the order they were added.
     *
     * @return the policies, unmodifiable
     */
    public List<Policy> policies() {
        return List.copyOf(policies.values());
    }

    /**
     * The roles, in the order they were added.
     *
     * @return the roles, unmodifiable
     */
    public List<Role> roles() {
        return List.copyOf(roles.values());
    }

    /**
     * The policy of this name.
     *
     * @param name a policy's name, exactly as written
     * @return the policy, or empty when the set has none of that name
     */
    public Optional<Policy> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    /**
     * The role of this name.
     *
     * @param name a role's name, exactly as written
     * @return the role, or empty when the set has none of that name
     */
    public Optional<Role> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    /**
     * Where each policy, statement, action name, pattern and role was written, as the builder was
     * told; {@link SourceMap#empty()} for a set built in code. Not part of {@link #equals}.
     *
     * @return the places of the set's items
     */
    public SourceMap sources() {
        return sources;
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
        private final Set<String> declaredActions = new LinkedHashSet<>();
        private final Map<String, Policy> policies = new LinkedHashMap<>();
        private final Map<String, Role> roles = new LinkedHashMap<>();
        private final Map<String, SourceMap.PolicySources> policySources = new LinkedHashMap<>();
        private final Map<String, SourceLocation> roleSources = new LinkedHashMap<>();
        private final List<PolicySetProblem> problems = new ArrayList<>();
        private int declarations;
        private int policyDefinitions;
        private int roleDefinitions;

        private Builder() {}

        /**
         * Declares an extra action, e.g. {@code approve}. A name that is not an action's, or a
         * built-in one, is a problem that {@link #build} reports.
         *
         * @param name the action's name as written, any case
         * @return this builder
         */
        public Builder declareAction(String name) {
            return declareAction(name, Optional.empty());
        }

        /**
         * Declares an extra action, remembering where it was declared (for its problems).
         *
         * @param name the action's name as written, any case
         * @param at where the name was written
         * @return this builder
         */
        public Builder declareAction(String name, SourceLocation at) {
            return declareAction(name, Optional.of(at));
        }

        private Builder declareAction(String name, Optional<SourceLocation> source) {
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
                declaredActions.add(lower);
            }
            return this;
        }

        /**
         * Adds a policy built in code. A second policy of the same name is a problem that {@link
         * #build} reports.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder add(Policy policy) {
            return add(policy, Optional.empty());
        }

        /**
         * Adds a policy with where it and its statements were written ({@link #sources()}).
         *
         * @param policy the policy
         * @param sources the policy's place, and one entry per statement or none
         * @return this builder
         * @throws IllegalArgumentException when {@code sources} has a statement count, or a
         *     statement has a pattern count, other than the policy's
         */
        public Builder add(Policy policy, SourceMap.PolicySources sources) {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(sources, "sources");
            List<SourceMap.StatementSources> statements = sources.statements();
            if (!statements.isEmpty() && statements.size() != policy.statements().size()) {
                throw new IllegalArgumentException("one source per statement: " + policy.statements().size()
                        + " statements, " + statements.size() + " sources");
            }
            for (int i = 0; i < statements.size(); i++) {
                int patterns = statements.get(i).patterns().size();
                int resources = policy.statements().get(i).resources().size();
                if (patterns != 0 && patterns != resources) {
                    throw new IllegalArgumentException("one source per pattern: statement " + i + " has "
                            + resources + " patterns, " + patterns + " sources");
                }
            }
            return add(policy, Optional.of(sources));
        }

        private Builder add(Policy policy, Optional<SourceMap.PolicySources> sources) {
            Objects.requireNonNull(policy, "policy");
            Optional<SourceLocation> at = sources.map(SourceMap.PolicySources::at);
            int definition = policyDefinitions++;
            if (policies.containsKey(policy.name())) {
                Optional<SourceLocation> other = Optional.ofNullable(policySources.get(policy.name()))
                        .map(SourceMap.PolicySources::at);
                problems.add(new PolicySetProblem(PolicySetProblem.Kind.DUPLICATE_POLICY,
                        new PolicySetProblem.Subject.PolicyDefinition(definition, policy.name()),
                        "duplicate policy `" + policy.name() + "`",
                        other.map(o -> "first defined at " + o).orElse(""), at));
                return this;
            }
            policies.put(policy.name(), policy);
            sources.ifPresent(s -> policySources.put(policy.name(), s));
            return this;
        }

        /**
         * Adds a role built in code. A second role of the same name is a problem that {@link
         * #build} reports.
         *
         * @param role the role
         * @return this builder
         */
        public Builder add(Role role) {
            return add(role, Optional.empty());
        }

        /**
         * Adds a role, remembering where its name was written.
         *
         * @param role the role
         * @param at where the role's name was written
         * @return this builder
         */
        public Builder add(Role role, SourceLocation at) {
            return add(role, Optional.of(at));
        }

        private Builder add(Role role, Optional<SourceLocation> at) {
            Objects.requireNonNull(role, "role");
            int definition = roleDefinitions++;
            if (roles.containsKey(role.name())) {
                Optional<SourceLocation> other = Optional.ofNullable(roleSources.get(role.name()));
                problems.add(new PolicySetProblem(PolicySetProblem.Kind.DUPLICATE_ROLE,
                        new PolicySetProblem.Subject.RoleDefinition(definition, role.name()),
                        "duplicate role `" + role.name() + "`",
                        other.map(o -> "first defined at " + o).orElse(""), at));
                return this;
            }
            roles.put(role.name(), role);
            at.ifPresent(a -> roleSources.put(role.name(), a));
            return this;
        }

        /**
         * Whether a statement may name {@code action} (lower case, as {@link Actions#normalize}
         * returns it): {@code any}, a built-in action or one declared so far. {@link #build}
         * reports the others as {@link PolicySetProblem.Kind#UNKNOWN_ACTION}; a loader asks this
         * for statements it reads but does not add.
         *
         * @param action an action name, lower case
         * @return true when a statement of this set may name it
         */
        public boolean knowsAction(String action) {
            return action.equals(Actions.ANY) || Actions.BUILT_IN.contains(action) || declaredActions.contains(action);
        }

        /**
         * Whether a policy named {@code name} has been added: what a role may name. {@link
         * #build} reports the others as {@link PolicySetProblem.Kind#UNKNOWN_POLICY_IN_ROLE}; a
         * loader asks this for roles it reads but does not add.
         *
         * @param name a policy's name, exactly as written
         * @return true when a policy of that name has been added
         */
        public boolean hasPolicy(String name) {
            return policies.containsKey(name);
        }

        /**
         * Validates and builds the set: every statement's actions must be built-in, declared or
         * {@code any}; every policy a role names must be loaded; names must be unique.
         *
         * @return the set, with the places the builder was told
         * @throws PolicySetException listing every problem
         */
        public PolicySet build() {
            List<PolicySetProblem> all = new ArrayList<>(problems);
            List<String> known = new ArrayList<>(Actions.BUILT_IN);
            known.addAll(declaredActions);
            SourceMap map = SourceMap.of(policySources, roleSources);
            for (Policy p : policies.values()) {
                for (int i = 0; i < p.statements().size(); i++) {
                    Optional<SourceLocation> where = map.statementOrPolicy(p.name(), i);
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
                                hint, Optional.ofNullable(roleSources.get(r.name()))));
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
