package dev.warden.dsl;

import dev.warden.core.AccessRequest;
import dev.warden.core.Explanation;
import dev.warden.core.Explanation.Outcome;
import dev.warden.core.Explanation.PatternReport;
import dev.warden.core.Explanation.PolicyReport;
import dev.warden.core.Explanation.RoleReport;
import dev.warden.core.Explanation.StatementReport;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An {@link Explanation} for people, what {@code warden explain} prints: the request, the
 * principal, the statements in groups (those that match, those for the action that do not, with
 * where each pattern stopped, those for other actions), then the {@link DecisionText decision}.
 */
public final class ExplanationText {
    private ExplanationText() {}

    /**
     * The explanation, as lines that each end with a line feed; {@code set} is the policy set it
     * was explained against.
     *
     * @param set the policy set the explanation was made against, for the statements' text
     * @param e the explanation
     * @return the text, every line ending with a line feed
     */
    public static String render(PolicySet set, Explanation e) {
        StringBuilder out = new StringBuilder();
        Principal principal = e.request().principal();
        line(out, "request: `" + principal.id() + "` " + e.request().verb() + " `" + e.request().target() + "`");
        action(out, set, e);
        if (e.path().isWellFormed()) {
            line(out, "path: " + e.path().canonical());
        } else {
            line(out, "path: malformed: " + e.path().problem());
        }
        out.append('\n');
        principal(out, e);
        out.append('\n');

        if (e.with(Outcome.NOT_EVALUATED).isEmpty()) {
            group(out, "statements that match", e.with(Outcome.MATCHES), true);
            group(out, "statements that match but whose condition does not hold", e.with(Outcome.CONDITION_NOT_MET), true);
            group(out, "statements for `" + e.action() + "` that do not match", e.with(Outcome.NO_MATCH), true);
            group(out, "statements for other actions", e.with(Outcome.OTHER_ACTION), false);
        } else {
            group(out, "statements not evaluated (the request is refused before any statement is consulted)",
                    e.with(Outcome.NOT_EVALUATED), false);
        }
        if (e.statements().isEmpty()) {
            line(out, "no statements: the principal has no loaded policy");
            out.append('\n');
        }
        out.append(DecisionText.render(set, e.request(), e.decision()));
        if (!e.consistent()) {
            line(out, "warning: the statements above imply `" + e.impliedReason().code()
                    + "`, but the authorizer decided `" + e.decision().reason().code()
                    + "`; this is a bug in warden, please report it");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append('\n');
    }

    private static void action(StringBuilder out, PolicySet set, Explanation e) {
        if (e.request() instanceof AccessRequest.Http h) {
            line(out, e.action().isEmpty()
                    ? "action: none: HTTP method `" + h.method() + "` maps to no action (methods are case-sensitive)"
                    : "action: " + e.action() + " (HTTP " + h.method() + ")");
        } else if (!e.actionKnown()) {
            line(out, "action: `" + e.request().verb() + "` is not an action of these policies (they know "
                    + String.join(", ", set.actions()) + ")");
        } else {
            line(out, "action: " + e.action());
        }
    }

    private static void principal(StringBuilder out, Explanation e) {
        Principal principal = e.request().principal();
        line(out, "principal `" + principal.id() + "`:");
        if (e.roles().isEmpty() && e.directPolicies().isEmpty()) {
            line(out, "  no roles and no policies");
        }
        for (RoleReport r : e.roles()) {
            line(out, "  role `" + r.name() + "`: " + (r.loaded()
                    ? (r.policies().isEmpty() ? "no policies" : "policies " + names(r.policies()))
                    : "NOT LOADED (every request of this principal is denied: unknown_policy)"));
        }
        for (PolicyReport p : e.directPolicies()) {
            line(out, "  policy `" + p.name() + "`: " + (p.loaded()
                    ? "attached directly"
                    : "NOT LOADED (every request of this principal is denied: unknown_policy)"));
        }
        if (!principal.attributes().isEmpty()) {
            StringJoiner attrs = new StringJoiner(", ");
            principal.attributes().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(a -> attrs.add(a.getKey() + "=" + a.getValue()));
            line(out, "  attributes: " + attrs);
        }
        if (!e.request().context().isEmpty()) {
            StringJoiner context = new StringJoiner(", ");
            e.request().context().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(c -> context.add(c.getKey() + "=" + c.getValue()));
            line(out, "context: " + context);
        }
        line(out, "effective policies: " + (e.effectivePolicies().isEmpty() ? "none" : names(e.effectivePolicies())));
    }

    private static void group(StringBuilder out, String title, List<StatementReport> statements, boolean patterns) {
        if (statements.isEmpty()) {
            return;
        }
        line(out, title + " (" + statements.size() + "):");
        for (StatementReport s : statements) {
            line(out, "  " + StatementText.where(s.source(), s.policy(), s.index()) + ": "
                    + StatementText.of(s.statement()) + " (policy `" + s.policy() + "`)");
            if (patterns) {
                for (PatternReport p : s.patterns()) {
                    line(out, p.matches()
                            ? "    match     " + p.pattern()
                            : "    no match  " + p.pattern() + ": " + p.why());
                }
                s.condition().ifPresent(c -> {
                    line(out, "    condition " + c.result().word());
                    for (Explanation.ClauseReport r : c.clauses()) {
                        line(out, "      " + (r.conjunction() > 0 && isFirst(c, r) ? "or " : "   ") + PolicyWriter.clause(r.clause())
                                + ": " + r.value().map(v -> "`" + v + "`").orElse("no value") + " -> " + r.result().word());
                    }
                });
            }
        }
        out.append('\n');
    }

    private static boolean isFirst(Explanation.ConditionReport c, Explanation.ClauseReport r) {
        int i = c.clauses().indexOf(r);
        return i == 0 || c.clauses().get(i - 1).conjunction() != r.conjunction();
    }

    private static String names(List<String> names) {
        StringJoiner j = new StringJoiner(", ");
        for (String n : names) {
            j.add("`" + n + "`");
        }
        return j.toString();
    }
}
