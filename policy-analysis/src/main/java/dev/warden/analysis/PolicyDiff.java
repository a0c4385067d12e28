package dev.warden.analysis;

import dev.warden.core.AccessRequest;
import dev.warden.core.Authorizer;
import dev.warden.core.Effect;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.ResourcePattern;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.DiagnosticCode;
import dev.warden.core.diagnostic.Severity;
import dev.warden.dsl.PolicyWriter;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exact semantic difference between two policy sets: for every role and every policy, per
 * action, the access that NEW grants and OLD did not, and the access it revokes, each with an
 * example request that really changes decision.
 *
 * <p>Exact: access is compared as languages of paths (finite automata), over every class of
 * principal and context that variables and conditions can tell apart (see {@link Valuations}). If some request's decision
 * differs for a principal holding one role, that role and action are reported. Every example is
 * checked against two real {@link Authorizer}s before it is reported.
 */
public final class PolicyDiff {
    /** The id given to example principals when patterns do not use {@code ${principal.id}}. */
    static final String EXAMPLE_ID = "example";

    private final PolicySet oldSet;
    private final PolicySet newSet;
    private final Authorizer oldAuthorizer;
    private final Authorizer newAuthorizer;
    private boolean exhaustive = true;

    private PolicyDiff(PolicySet oldSet, PolicySet newSet) {
        this.oldSet = oldSet;
        this.newSet = newSet;
        this.oldAuthorizer = Authorizer.builder().noCache().build(oldSet);
        this.newAuthorizer = Authorizer.builder().noCache().build(newSet);
    }

    /** The code of a change that grants access ({@code granted}), for reports that list codes (SARIF). */
    public static final DiagnosticCode GRANTED = new DiagnosticCode("granted", "access-granted", Severity.WARNING,
            "NEW grants access that OLD did not", "docs/ci.md#warden-diff");
    /** The code of a change that revokes access ({@code revoked}). */
    public static final DiagnosticCode REVOKED = new DiagnosticCode("revoked", "access-revoked", Severity.INFO,
            "NEW revokes access that OLD granted", "docs/ci.md#warden-diff");

    /**
     * The result of a diff: the changes, and whether every class of principal was examined.
     *
     * @param changes every difference in access, by subject, name and action
     * @param exhaustive whether every class of principal and context was compared exactly: false for a
     *     key read both as text and as an address, time or number, or for classes thinned to end the analysis
     */
    public record Result(List<Change> changes, boolean exhaustive) {
        /**
         * Copies the changes.
         *
         * @param changes every difference in access
         * @param exhaustive whether every class of principal was examined
         */
        public Result {
            changes = List.copyOf(changes);
        }

        /**
         * Each change as a diagnostic ({@link #GRANTED}, a warning, or {@link #REVOKED}, info),
         * located at the role or policy in NEW (in OLD for one that NEW no longer has). The message
         * is the change and its example: {@code role `reader`: granted view on /a; e.g. view /a by
         * principal `example` with role `reader`}.
         *
         * @param before the OLD set the diff compared
         * @param after the NEW set the diff compared
         * @return one diagnostic per change, in the order of {@link #changes()}
         */
        public List<Diagnostic> diagnostics(PolicySet before, PolicySet after) {
            List<Diagnostic> out = new ArrayList<>();
            for (Change c : changes) {
                PolicySet side = c.kind() == Change.Kind.GRANTED || isIn(after, c) ? after : before;
                DiagnosticCode code = c.kind() == Change.Kind.GRANTED ? GRANTED : REVOKED;
                out.add(new Diagnostic(code.severity(), code.code(), Optional.empty(),
                        source(side, c).or(() -> source(before, c)), c.summary() + "; e.g. " + c.request(),
                        Optional.empty(), List.of(), true));
            }
            return out;
        }

        private static Optional<SourceLocation> source(PolicySet set, Change c) {
            return c.subject() == Change.Subject.ROLE ? set.sources().role(c.name()) : set.sources().policy(c.name());
        }

        private static boolean isIn(PolicySet set, Change c) {
            return c.subject() == Change.Subject.ROLE ? set.role(c.name()).isPresent() : set.policy(c.name()).isPresent();
        }
    }

    /**
     * Compares two sets, conditions included.
     *
     * @param oldSet the set before the change (OLD)
     * @param newSet the set after it (NEW)
     * @return every difference in access for a principal holding one role or one policy of either set
     */
    public static Result between(PolicySet oldSet, PolicySet newSet) {
        PolicyDiff d = new PolicyDiff(oldSet, newSet);
        List<Change> out = new ArrayList<>();
        for (String role : names(oldSet.roles().stream().map(r -> r.name()).toList(),
                newSet.roles().stream().map(r -> r.name()).toList())) {
            d.subject(Change.Subject.ROLE, role, Access.ofRole(oldSet, role), Access.ofRole(newSet, role), out);
        }
        for (String policy : names(oldSet.policies().stream().map(p -> p.name()).toList(),
                newSet.policies().stream().map(p -> p.name()).toList())) {
            d.subject(Change.Subject.POLICY, policy, Access.ofPolicy(oldSet, policy), Access.ofPolicy(newSet, policy), out);
        }
        return new Result(out, d.exhaustive);
    }

    private static Set<String> names(List<String> a, List<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private void subject(Change.Subject subject, String name, List<Statement> before, List<Statement> after,
            List<Change> out) {
        boolean presentBefore = subject == Change.Subject.ROLE ? oldSet.role(name).isPresent() : oldSet.policy(name).isPresent();
        boolean presentAfter = subject == Change.Subject.ROLE ? newSet.role(name).isPresent() : newSet.policy(name).isPresent();
        if (presentBefore == presentAfter && new HashSet<>(before).equals(new HashSet<>(after))
                && oldSet.actions().equals(newSet.actions())) {
            return; // same statements, same actions: same decisions
        }
        List<Statement> both = new ArrayList<>(before);
        both.addAll(after);
        Words words = Words.over(both);
        exhaustive &= words.exhaustive();
        for (String action : relevantActions(both)) {
            Automaton oldAccess = oldSet.actions().contains(action)
                    ? Access.allowed(before, action, words) : Automaton.makeEmpty();
            Automaton newAccess = newSet.actions().contains(action)
                    ? Access.allowed(after, action, words) : Automaton.makeEmpty();
            Automaton granted = newAccess.minus(oldAccess);
            if (!granted.isEmpty()) {
                describe(subject, name, Change.Kind.GRANTED, action, after, words, granted, out);
            }
            Automaton revoked = oldAccess.minus(newAccess);
            if (!revoked.isEmpty()) {
                describe(subject, name, Change.Kind.REVOKED, action, before, words, revoked, out);
            }
        }
    }

    /** The actions the statements name, or every action of either set when one says `any`. */
    private Set<String> relevantActions(List<Statement> statements) {
        Set<String> actions = new LinkedHashSet<>();
        for (Statement s : statements) {
            if (s.coversAnyAction()) {
                actions.addAll(oldSet.actions());
                actions.addAll(newSet.actions());
                return actions;
            }
            actions.addAll(s.actions());
        }
        return actions;
    }

    /**
     * Reports a changed region by the allow patterns it lies in (NEW's for a grant, OLD's for a
     * revocation: a changed request is allowed on one side, so some allow of that side applies to
     * it), with the condition of their statement.
     */
    private void describe(Change.Subject subject, String name, Change.Kind kind, String action,
            List<Statement> side, Words words, Automaton changed, List<Change> out) {
        Set<List<Object>> reported = new HashSet<>();
        for (Statement s : side) {
            if (s.effect() != Effect.ALLOW || !Access.covers(s, action)) {
                continue;
            }
            for (ResourcePattern p : s.resources()) {
                if (!reported.add(List.of(p.text(), s.condition()))) {
                    continue;
                }
                Automaton pattern = words.within(s, p);
                Automaton part = pattern.intersection(changed);
                if (part.isEmpty()) {
                    continue;
                }
                String word = words.example(part);
                String example = words.path(word);
                Map<String, String> attributes = new TreeMap<>();
                Map<String, String> context = new TreeMap<>();
                String id = EXAMPLE_ID;
                for (Map.Entry<String, String> e : words.values(word).entrySet()) {
                    if (e.getKey().equals(Valuations.ID_KEY)) {
                        id = e.getValue();
                    } else if (e.getKey().startsWith(Valuations.CONTEXT)) {
                        context.put(e.getKey().substring(Valuations.CONTEXT.length()), e.getValue());
                    } else {
                        attributes.put(e.getKey().substring(Valuations.PRINCIPAL.length()), e.getValue());
                    }
                }
                verify(subject, name, kind, action, example, id, attributes, context);
                // the condition under which it changed, as far as it can be written; else the statement's
                Words.Described d = words.describe(part);
                String when = d.condition().or(s::condition).map(c -> " when " + PolicyWriter.condition(c)).orElse("");
                Automaton described = d.condition().isPresent() ? pattern.intersection(d.box()) : pattern;
                String region = action + " on " + p.text() + when + (described.subsetOf(changed) ? "" : ", in part");
                out.add(new Change(subject, name, kind, action, example, id, attributes, context, region));
            }
        }
    }

    /** Evaluates the example on both sets: a reported change that does not change a decision is a bug. */
    private void verify(Change.Subject subject, String name, Change.Kind kind, String action, String path, String id,
            Map<String, String> attributes, Map<String, String> context) {
        Principal.Builder b = Principal.builder(id).attributes(attributes);
        Principal p = subject == Change.Subject.ROLE ? b.role(name).build() : b.policy(name).build();
        AccessRequest request = new AccessRequest.OnResource(p, action, path).withContext(context);
        boolean before = oldAuthorizer.decide(request).allowed();
        boolean after = newAuthorizer.decide(request).allowed();
        boolean ok = kind == Change.Kind.GRANTED ? (after && !before) : (before && !after);
        if (!ok) {
            throw new IllegalStateException("diff example does not change decision: " + subject.word() + " `" + name
                    + "` " + kind.word() + " " + action + " " + path + " " + attributes + " " + context);
        }
    }
}
