package dev.warden.cli;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.Reason;
import dev.warden.core.ResourcePath;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
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
 * ({@link ResourcePattern#match}), beside the authorizer's own decision.
 *
 * @param action the requested action, lower case; empty when an HTTP method maps to none
 * @param actionKnown whether the policy set knows the action
 * @param path the canonical path, or why it is malformed
 * @param roles the principal's roles, in the order given
 * @param directPolicies the policies attached to the principal directly, in the order given
 * @param effectivePolicies the loaded policies that apply to the principal, in policy-set order
 * @param statements every statement of the effective policies, in policy-set then statement order
 * @param decision the authorizer's decision
 */
record Explanation(
        AccessRequest request,
        String action,
        boolean actionKnown,
        ResourcePath path,
        List<RoleReport> roles,
        List<PolicyReport> directPolicies,
        List<String> effectivePolicies,
        List<StatementReport> statements,
        Decision decision) {

    Explanation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(path, "path");
        roles = List.copyOf(roles);
        directPolicies = List.copyOf(directPolicies);
        effectivePolicies = List.copyOf(effectivePolicies);
        statements = List.copyOf(statements);
        Objects.requireNonNull(decision, "decision");
    }

    /** A role of the principal; {@code policies} is empty when it is not loaded. */
    record RoleReport(String name, boolean loaded, List<String> policies) {
        RoleReport {
            policies = List.copyOf(policies);
        }
    }

    /** A policy attached to the principal directly. */
    record PolicyReport(String name, boolean loaded) {}

    /** What a statement did with the request. */
    enum Outcome {
        /** It covers the action and one of its patterns matches the path. */
        MATCHES("matches"),
        /** It covers the action, but none of its patterns matches the path. */
        NO_MATCH("no_match"),
        /** It does not cover the action. */
        OTHER_ACTION("other_action"),
        /** The request was refused before statements were consulted (malformed path, unknown action). */
        NOT_EVALUATED("not_evaluated");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** One statement and what it did; {@code patterns} is empty unless the statement covers the action. */
    record StatementReport(String policy, int index, Optional<SourceLocation> source, Statement statement, Outcome outcome,
            List<PatternReport> patterns) {
        StatementReport {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * One pattern of a statement against the path.
     *
     * @param stoppedAt the index (from 0) of the path segment where matching stopped
     * @param why for a mismatch, what did not match; empty for a match
     */
    record PatternReport(String pattern, boolean matches, int stoppedAt, String why) {}

    /** Explains {@code request} against {@code set}, with the decision of {@code authorizer} (built on it). */
    static Explanation of(PolicySet set, Authorizer authorizer, AccessRequest request) {
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
                statements.add(report(set, p.name(), i, s, evaluate, action, path, principal));
            }
        }
        return new Explanation(request, action, actionKnown, path, roles, direct, ordered, statements, decision);
    }

    private static StatementReport report(PolicySet set, String policy, int index, Statement s, boolean evaluate,
            String action, ResourcePath path, Principal principal) {
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
        return new StatementReport(policy, index, source, s, any ? Outcome.MATCHES : Outcome.NO_MATCH, patterns);
    }

    /** The statements with this outcome. */
    List<StatementReport> with(Outcome outcome) {
        List<StatementReport> out = new ArrayList<>();
        for (StatementReport s : statements) {
            if (s.outcome() == outcome) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether the principal names a role or policy that is not loaded. */
    boolean namesUnknown() {
        return roles.stream().anyMatch(r -> !r.loaded()) || directPolicies.stream().anyMatch(p -> !p.loaded());
    }

    /**
     * The reason this explanation implies by the decision rules of docs/semantics.md. It equals the
     * decision's reason unless the explaining matcher and the authorizer disagree, which is a bug.
     */
    Reason impliedReason() {
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

    /** Whether the explanation and the decision agree on the reason. */
    boolean consistent() {
        return impliedReason() == decision.reason();
    }
}
