package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Why a request was decided as it was: which roles and policies of the principal are loaded, and
 * for every statement of its effective policies whether it covers the request's action and, if it
 * does, where each of its patterns stopped matching the path. Computed with the explaining matcher
 * (a slow, segment by segment reading of each pattern with the trie's semantics), beside the
 * authorizer's own decision; {@link #consistent()} says whether the two agree.
 *
 * <pre>{@code
 * Explanation e = Explanation.of(authorizer, new AccessRequest.OnResource(principal, "view", "/workspaces/w1"));
 * for (Explanation.StatementReport s : e.with(Explanation.Outcome.NO_MATCH)) {
 *     s.patterns().forEach(p -> System.out.println(p.pattern() + ": " + p.why()));
 * }
 * }</pre>
 *
 * @param request the request as given
 * @param action the requested action, lower case; empty when an HTTP method maps to none
 * @param actionKnown whether the policy set knows the action
 * @param path the canonical path, or why it is malformed
 * @param roles the principal's roles, in the order given
 * @param directPolicies the policies attached to the principal directly, in the order given
 * @param effectivePolicies the loaded policies that apply to the principal, in policy-set order
 * @param statements every statement of the effective policies, in policy-set then statement order
 * @param decision the authorizer's decision
 */
public record Explanation(
        AccessRequest request,
        String action,
        boolean actionKnown,
        ResourcePath path,
        List<RoleReport> roles,
        List<PolicyReport> directPolicies,
        List<String> effectivePolicies,
        List<StatementReport> statements,
        Decision decision) {

    /**
     * Requires each part and copies the lists.
     *
     * @param request the request as given
     * @param action the requested action, lower case; empty when an HTTP method maps to none
     * @param actionKnown whether the policy set knows the action
     * @param path the canonical path, or why it is malformed
     * @param roles the principal's roles
     * @param directPolicies the policies attached to the principal directly
     * @param effectivePolicies the loaded policies that apply to the principal
     * @param statements every statement of the effective policies
     * @param decision the authorizer's decision
     */
    public Explanation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(path, "path");
        roles = List.copyOf(roles);
        directPolicies = List.copyOf(directPolicies);
        effectivePolicies = List.copyOf(effectivePolicies);
        statements = List.copyOf(statements);
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * A role of the principal; {@code policies} is empty when it is not loaded.
     *
     * @param name the role's name, as the principal gives it
     * @param loaded whether the policy set has the role
     * @param policies the role's policies, in the order written; empty when it is not loaded
     */
    public record RoleReport(String name, boolean loaded, List<String> policies) {
        /**
         * Requires the name and copies the policies.
         *
         * @param name the role's name
         * @param loaded whether the policy set has the role
         * @param policies the role's policies
         */
        public RoleReport {
            Objects.requireNonNull(name, "name");
            policies = List.copyOf(policies);
        }
    }

    /**
     * A policy attached to the principal directly.
     *
     * @param name the policy's name, as the principal gives it
     * @param loaded whether the policy set has the policy
     */
    public record PolicyReport(String name, boolean loaded) {
        /**
         * Requires the name.
         *
         * @param name the policy's name
         * @param loaded whether the policy set has the policy
         */
        public PolicyReport {
            Objects.requireNonNull(name, "name");
        }
    }

    /** What a statement did with the request. */
    public enum Outcome {
        /** It covers the action and one of its patterns matches the path. */
        MATCHES("matches"),
        /** It covers the action, but none of its patterns matches the path. */
        NO_MATCH("no_match"),
        /**
         * A pattern matches, but its condition does not let it apply: an allow's is not true, a
         * deny's is false.
         */
        CONDITION_NOT_MET("condition_not_met"),
        /** It does not cover the action. */
        OTHER_ACTION("other_action"),
        /** The request was refused before statements were consulted (malformed path, unknown action). */
        NOT_EVALUATED("not_evaluated");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /**
         * The outcome as one lower-case word: {@code matches}, {@code no_match}...
         *
         * @return the outcome's code, as {@code warden explain --format json} writes it
         */
        public String code() {
            return code;
        }
    }

    /**
     * One statement and what it did.
     *
     * @param policy the statement's policy
     * @param index the statement's index in its policy, from 0
     * @param source where the statement was written, when known
     * @param statement the statement
     * @param outcome what the statement did with the request
     * @param patterns one report per pattern, in the statement's order; empty unless the statement
     *     covers the action (and the request reached the statements)
     * @param condition the statement's condition evaluated, when it has one and a pattern matched
     */
    public record StatementReport(String policy, int index, Optional<SourceLocation> source, Statement statement,
            Outcome outcome, List<PatternReport> patterns, Optional<ConditionReport> condition) {
        /**
         * Requires each part and copies the pattern reports.
         *
         * @param policy the statement's policy
         * @param index the statement's index in its policy, from 0
         * @param source where the statement was written, when known
         * @param statement the statement
         * @param outcome what the statement did with the request
         * @param patterns one report per pattern
         * @param condition the statement's condition evaluated, or empty
         */
        public StatementReport {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(outcome, "outcome");
            patterns = List.copyOf(patterns);
            Objects.requireNonNull(condition, "condition");
        }

        /**
         * A report of a statement without a condition, or whose condition was not reached.
         *
         * @param policy the statement's policy
         * @param index the statement's index in its policy, from 0
         * @param source where the statement was written, when known
         * @param statement the statement
         * @param outcome what the statement did with the request
         * @param patterns one report per pattern
         */
        public StatementReport(String policy, int index, Optional<SourceLocation> source, Statement statement,
                Outcome outcome, List<PatternReport> patterns) {
            this(policy, index, source, statement, outcome, patterns, Optional.empty());
        }
    }

    /** A value of the three-valued logic of conditions. */
    public enum Truth {
        /** It holds. */
        TRUE,
        /** It does not hold. */
        FALSE,
        /** It cannot be told: a key has no value, or a value does not read as the operator's type. */
        UNKNOWN;

        /**
         * {@code true}, {@code false} or {@code unknown}.
         *
         * @return the value as one lower-case word
         */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A statement's condition against the request: every clause with the value it read, and the
     * whole.
     *
     * @param result the condition's value ({@code or} of {@code and}s)
     * @param clauses every clause, conjunction by conjunction in the order written
     */
    public record ConditionReport(Truth result, List<ClauseReport> clauses) {
        /**
         * Requires the result and copies the clauses.
         *
         * @param result the condition's value
         * @param clauses every clause evaluated
         */
        public ConditionReport {
            Objects.requireNonNull(result, "result");
            clauses = List.copyOf(clauses);
        }
    }

    /**
     * One clause evaluated.
     *
     * @param conjunction the index (from 0) of the conjunction the clause is in
     * @param clause the clause
     * @param value the value its key had, empty when it had none
     * @param result the clause's value: unknown when the key had none or it did not parse as the operator's type
     */
    public record ClauseReport(int conjunction, Clause clause, Optional<String> value, Truth result) {
        /**
         * Requires each part.
         *
         * @param conjunction the index (from 0) of the clause's conjunction
         * @param clause the clause
         * @param value the value its key had, or empty
         * @param result the clause's value
         */
        public ClauseReport {
            Objects.requireNonNull(clause, "clause");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * One pattern of a statement against the path.
     *
     * @param pattern the pattern's text
     * @param matches whether it matches the path for the principal and the statement's effect
     * @param stoppedAt the index (from 0) of the path segment where matching stopped (the segment
     *     count when it ran past the end)
     * @param why for a mismatch, what did not match, in words; empty for a match
     */
    public record PatternReport(String pattern, boolean matches, int stoppedAt, String why) {
        /**
         * Requires the texts.
         *
         * @param pattern the pattern's text
         * @param matches whether it matches the path
         * @param stoppedAt the index of the path segment where matching stopped
         * @param why for a mismatch, what did not match; empty for a match
         */
        public PatternReport {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * Explains {@code request} against the policy set {@code authorizer} holds ({@link
     * Authorizer#policySet()}), with the decision {@link Authorizer#decide} gives it. The set is
     * read first and the decision made after: an authorizer reloaded in between may decide with
     * the newer set, and {@link #consistent()} may then be false.
     *
     * @param authorizer the authorizer whose policy set, clock and decision the explanation reads
     * @param request the request to explain, in any form
     * @return the explanation, with the authorizer's decision
     */
    public static Explanation of(Authorizer authorizer, AccessRequest request) {
        PolicySet set = authorizer.policySet();
        Principal principal = request.principal();
        Decision decision = authorizer.decide(request);
        String action = request.requestedAction().orElse("");
        boolean actionKnown = !action.isEmpty() && set.actions().contains(action);
        ResourcePath path = request.resourcePath();

        Set<String> effective = new LinkedHashSet<>();
        List<PolicyReport> direct = new ArrayList<>();
        for (String name : principal.policies()) {
            boolean loaded = set.policy(name).isPresent();
            direct.add(new PolicyReport(name, loaded));
            if (loaded) {
                effective.add(name);
            }
        }
        List<RoleReport> roles = new ArrayList<>();
        for (String name : principal.roles()) {
            Optional<Role> role = set.role(name);
            roles.add(new RoleReport(name, role.isPresent(), role.map(Role::policies).orElse(List.of())));
            role.ifPresent(r -> effective.addAll(r.policies()));
        }

        boolean evaluate = path.isWellFormed() && actionKnown;
        List<String> ordered = new ArrayList<>();
        List<StatementReport> statements = new ArrayList<>();
        for (Policy p : set.policies()) {
            if (!effective.contains(p.name())) {
                continue;
            }
            ordered.add(p.name());
            for (int i = 0; i < p.statements().size(); i++) {
                Statement s = p.statements().get(i);
                statements.add(report(set, p.name(), i, s, evaluate, action, path, request, authorizer.clock()));
            }
        }
        return new Explanation(request, action, actionKnown, path, roles, direct, ordered, statements, decision);
    }

    private static StatementReport report(PolicySet set, String policy, int index, Statement s, boolean evaluate,
            String action, ResourcePath path, AccessRequest request, java.time.Clock clock) {
        Principal principal = request.principal();
        Optional<SourceLocation> source = set.sources().statement(policy, index);
        if (!evaluate) {
            return new StatementReport(policy, index, source, s, Outcome.NOT_EVALUATED, List.of());
        }
        if (!s.coversAnyAction() && !s.actions().contains(action)) {
            return new StatementReport(policy, index, source, s, Outcome.OTHER_ACTION, List.of());
        }
        List<PatternReport> patterns = new ArrayList<>();
        boolean any = false;
        for (ResourcePattern pattern : s.resources()) {
            ResourcePattern.Match m = pattern.match(path, principal, s.effect());
            patterns.add(new PatternReport(pattern.text(), m.matches(), m.stoppedAt(), m.why()));
            any |= m.matches();
        }
        if (!any) {
            return new StatementReport(policy, index, source, s, Outcome.NO_MATCH, patterns);
        }
        if (s.condition().isEmpty()) {
            return new StatementReport(policy, index, source, s, Outcome.MATCHES, patterns);
        }
        ConditionReport c = condition(s.condition().get(), request, clock);
        boolean applies = s.effect() == Effect.ALLOW ? c.result() == Truth.TRUE : c.result() != Truth.FALSE;
        return new StatementReport(policy, index, source, s, applies ? Outcome.MATCHES : Outcome.CONDITION_NOT_MET,
                patterns, Optional.of(c));
    }

    /** Evaluates every clause of {@code condition} as the authorizer does ({@link CompiledCondition}, {@link Facts}). */
    private static ConditionReport condition(Condition condition, AccessRequest request, java.time.Clock clock) {
        java.util.Map<ConditionKey, Integer> slots = CompiledCondition.slots(List.of(condition));
        CompiledCondition compiled = CompiledCondition.compile(condition, slots);
        Facts facts = new Facts(slots.keySet().toArray(new ConditionKey[0]), request.principal(), request.context(), clock);
        List<ClauseReport> clauses = new ArrayList<>();
        for (int c = 0; c < condition.anyOf().size(); c++) {
            List<Clause> all = condition.anyOf().get(c).allOf();
            for (int i = 0; i < all.size(); i++) {
                int slot = slots.get(all.get(i).key());
                clauses.add(new ClauseReport(c, all.get(i), Optional.ofNullable(facts.text(slot)),
                        truth(compiled.evaluate(c, i, facts))));
            }
        }
        return new ConditionReport(truth(compiled.evaluate(facts)), clauses);
    }

    static Truth truth(int v) {
        return v == CompiledCondition.TRUE ? Truth.TRUE : v == CompiledCondition.FALSE ? Truth.FALSE : Truth.UNKNOWN;
    }

    /**
     * The statements with this outcome, in order.
     *
     * @param outcome the outcome to select
     * @return the reports of {@link #statements()} with {@code outcome}, in policy-set then statement order
     */
    public List<StatementReport> with(Outcome outcome) {
        List<StatementReport> out = new ArrayList<>();
        for (StatementReport s : statements) {
            if (s.outcome() == outcome) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Whether the principal names a role or policy that is not loaded.
     *
     * @return true when a role or direct policy is not loaded: the decision is {@code unknown_policy}
     */
    public boolean namesUnknown() {
        return roles.stream().anyMatch(r -> !r.loaded()) || directPolicies.stream().anyMatch(p -> !p.loaded());
    }

    /**
     * The reason this explanation implies by the decision rules of docs/semantics.md. It equals the
     * decision's reason unless the explaining matcher and the authorizer disagree, which is a bug.
     *
     * @return the reason the rules give for what this explanation found
     */
    public Reason impliedReason() {
        if (!path.isWellFormed()) {
            return Reason.MALFORMED_REQUEST;
        }
        if (!actionKnown) {
            return Reason.UNKNOWN_ACTION;
        }
        if (namesUnknown()) {
            return Reason.UNKNOWN_POLICY;
        }
        boolean allow = false;
        for (StatementReport s : with(Outcome.MATCHES)) {
            if (s.statement().effect() == Effect.DENY) {
                return Reason.EXPLICIT_DENY;
            }
            allow = true;
        }
        return allow ? Reason.ALLOWED : Reason.NO_MATCH;
    }

    /**
     * Whether the explanation and the decision agree on the reason.
     *
     * @return true when {@link #impliedReason()} is the decision's reason
     */
    public boolean consistent() {
        return impliedReason() == decision.reason();
    }
}
