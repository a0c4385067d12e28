package dev.warden.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the items of a {@link PolicySet} were written: each policy, each of its statements, each
 * action name and each resource pattern of a statement, and each role. A side table beside the
 * model, filled by whoever read the items (a loader) and empty for items built in code; it takes
 * no part in {@link PolicySet#equals}.
 *
 * <p>Every lookup is an {@link Optional}: empty when the item is unknown or its place was not
 * recorded.
 */
public final class SourceMap {
    private static final SourceMap EMPTY = new SourceMap(Map.of(), Map.of());

    private final Map<String, PolicySources> policies;
    private final Map<String, SourceLocation> roles;

    private SourceMap(Map<String, PolicySources> policies, Map<String, SourceLocation> roles) {
        this.policies = Map.copyOf(policies);
        this.roles = Map.copyOf(roles);
    }

    static SourceMap of(Map<String, PolicySources> policies, Map<String, SourceLocation> roles) {
        return policies.isEmpty() && roles.isEmpty() ? EMPTY : new SourceMap(new LinkedHashMap<>(policies), roles);
    }

    /**
     * The map that knows no place: a set built in code.
     *
     * @return the empty map, whose every lookup is empty
     */
    public static SourceMap empty() {
        return EMPTY;
    }

    /**
     * Where the policy's name was written.
     *
     * @param name the policy's name
     * @return the place, or empty
     */
    public Optional<SourceLocation> policy(String name) {
        PolicySources p = policies.get(name);
        return p == null ? Optional.empty() : Optional.of(p.at());
    }

    /**
     * The policy's id in the system it was exported from (a Bird {@code id}), when it had one.
     *
     * @param name the policy's name
     * @return the external id, or empty
     */
    public Optional<String> externalId(String name) {
        PolicySources p = policies.get(name);
        return p == null ? Optional.empty() : p.externalId();
    }

    /**
     * Where statement {@code index} (from 0) of the policy was written: its first token.
     *
     * @param policy the policy's name
     * @param index the statement's index in the policy, from 0
     * @return the place, or empty
     */
    public Optional<SourceLocation> statement(String policy, int index) {
        return statementSources(policy, index).map(StatementSources::at);
    }

    /**
     * Where the statement was written, else where its policy was.
     *
     * @param policy the policy's name
     * @param index the statement's index in the policy, from 0
     * @return the statement's place, else the policy's, or empty when neither is known
     */
    public Optional<SourceLocation> statementOrPolicy(String policy, int index) {
        Optional<SourceLocation> s = statement(policy, index);
        return s.isPresent() ? s : policy(policy);
    }

    /**
     * Where action name {@code actionIndex} of a statement was written, counting the names as
     * written (before {@code *} becomes {@code any} and repeats are dropped).
     *
     * @param policy the policy's name
     * @param index the statement's index in the policy, from 0
     * @param actionIndex the action name's index in the statement as written, from 0
     * @return the place, or empty
     */
    public Optional<SourceLocation> action(String policy, int index, int actionIndex) {
        return statementSources(policy, index).flatMap(s -> at(s.actions(), actionIndex));
    }

    /**
     * Where pattern {@code patternIndex} of {@link Statement#resources()} of a statement was written.
     *
     * @param policy the policy's name
     * @param index the statement's index in the policy, from 0
     * @param patternIndex the pattern's index in {@link Statement#resources()}, from 0
     * @return the place, or empty
     */
    public Optional<SourceLocation> pattern(String policy, int index, int patternIndex) {
        return statementSources(policy, index).flatMap(s -> at(s.patterns(), patternIndex));
    }

    /**
     * Where the role's name was written.
     *
     * @param name the role's name
     * @return the place, or empty
     */
    public Optional<SourceLocation> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    private Optional<StatementSources> statementSources(String policy, int index) {
        PolicySources p = policies.get(policy);
        return p == null ? Optional.empty() : at(p.statements(), index);
    }

    private static <T> Optional<T> at(List<T> list, int index) {
        return index >= 0 && index < list.size() ? Optional.of(list.get(index)) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceMap m && m.policies.equals(policies) && m.roles.equals(roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policies, roles);
    }

    @Override
    public String toString() {
        return "SourceMap[" + policies.size() + " policies, " + roles.size() + " roles]";
    }

    /**
     * Where a policy and its statements were written, as a loader hands it to {@link
     * PolicySet.Builder#add(Policy, PolicySources)}.
     *
     * @param at the policy's name
     * @param statements one per statement of the policy, in order, or none when unknown
     * @param externalId the policy's id in the system it was exported from (a Bird policy's
     *     {@code id}), which a writer of that format gives back; empty when it had none
     */
    public record PolicySources(SourceLocation at, List<StatementSources> statements, Optional<String> externalId) {
        /**
         * Requires each part and copies the statements' places.
         *
         * @param at the policy's name
         * @param statements one per statement of the policy, or none
         * @param externalId the policy's id in the system it was exported from, or empty
         */
        public PolicySources {
            Objects.requireNonNull(at, "at");
            statements = List.copyOf(statements);
            Objects.requireNonNull(externalId, "externalId");
        }

        /**
         * Without an external id.
         *
         * @param at the policy's name
         * @param statements one per statement of the policy, or none
         */
        public PolicySources(SourceLocation at, List<StatementSources> statements) {
            this(at, statements, Optional.empty());
        }
    }

    /**
     * Where a statement and its parts were written.
     *
     * @param at the statement's first token (its effect)
     * @param actions one per action name as written, or none when unknown
     * @param patterns one per pattern of {@link Statement#resources()}, in order, or none when
     *     unknown
     */
    public record StatementSources(SourceLocation at, List<SourceLocation> actions, List<SourceLocation> patterns) {
        /**
         * Requires the statement's place and copies its parts'.
         *
         * @param at the statement's first token
         * @param actions one per action name as written, or none
         * @param patterns one per pattern, or none
         */
        public StatementSources {
            Objects.requireNonNull(at, "at");
            actions = List.copyOf(actions);
            patterns = List.copyOf(patterns);
        }

        /**
         * A statement whose parts' places are unknown.
         *
         * @param at the statement's first token
         * @return the statement's places, with no action or pattern places
         */
        public static StatementSources at(SourceLocation at) {
            return new StatementSources(at, List.of(), List.of());
        }
    }
}
