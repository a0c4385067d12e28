package dev.warden.cli;

import dev.warden.cli.Explanation.Outcome;
import dev.warden.cli.Explanation.PatternReport;
import dev.warden.cli.Explanation.PolicyReport;
import dev.warden.cli.Explanation.RoleReport;
import dev.warden.cli.Explanation.StatementReport;
import dev.warden.core.AccessRequest;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** {@code warden explain} for people: the principal, the statements in groups, then the decision. */
final class ExplanationText {
    private ExplanationText() {}

    static void print(PrintWriter out, PolicySet set, Explanation e) {
        Principal principal = e.request().principal();
        out.println("request: `" + principal.id() + "` " + e.request().verb() + " `" + e.request().target() + "`");
        printAction(out, set, e);
        if (e.path().isWellFormed()) {
            out.println("path: " + e.path().canonical());
        } else {
            out.println("path: malformed: " + e.path().problem());
        }
        out.println();
        printPrincipal(out, e);
        out.println();

        if (e.with(Outcome.NOT_EVALUATED).isEmpty()) {
            group(out, "statements that match", e.with(Outcome.MATCHES), true);
            group(out, "statements for `" + e.action() + "` that do not match", e.with(Outcome.NO_MATCH), true);
            group(out, "statements for other actions", e.with(Outcome.OTHER_ACTION), false);
        } else {
            group(out, "statements not evaluated (the request is refused before any statement is consulted)",
                    e.with(Outcome.NOT_EVALUATED), false);
        }
        if (e.statements().isEmpty()) {
            out.println("no statements: the principal has no loaded policy");
            out.println();
        }
        DecisionText.print(out, set, e.request(), e.decision());
        if (!e.consistent()) {
            out.println("warning: the statements above imply `" + e.impliedReason().code()
                    + "`, but the authorizer decided `" + e.decision().reason().code()
                    + "`; this is a bug in warden, please report it");
        }
    }

    private static void printAction(PrintWriter out, PolicySet set, Explanation e) {
        if (e.request() instanceof AccessRequest.Http h) {
            out.println(e.action().isEmpty()
                    ? "action: none: HTTP method `" + h.method() + "` maps to no action (methods are case-sensitive)"
                    : "action: " + e.action() + " (HTTP " + h.method() + ")");
        } else if (!e.actionKnown()) {
            out.println("action: `" + e.request().verb() + "` is not an action of these policies (they know "
                    + String.join(", ", set.actions()) + ")");
        } else {
            out.println("action: " + e.action());
        }
    }

    private static void printPrincipal(PrintWriter out, Explanation e) {
        Principal principal = e.request().principal();
        out.println("principal `" + principal.id() + "`:");
        if (e.roles().isEmpty() && e.directPolicies().isEmpty()) {
            out.println("  no roles and no policies");
        }
        for (RoleReport r : e.roles()) {
            out.println("  role `" + r.name() + "`: " + (r.loaded()
                    ? (r.policies().isEmpty() ? "no policies" : "policies " + names(r.policies()))
                    : "NOT LOADED (every request of this principal is denied: unknown_policy)"));
        }
        for (PolicyReport p : e.directPolicies()) {
            out.println("  policy `" + p.name() + "`: " + (p.loaded()
                    ? "attached directly"
                    : "NOT LOADED (every request of this principal is denied: unknown_policy)"));
        }
        if (!principal.attributes().isEmpty()) {
            StringJoiner attrs = new StringJoiner(", ");
            principal.attributes().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(a -> attrs.add(a.getKey() + "=" + a.getValue()));
            out.println("  attributes: " + attrs);
        }
        out.println("effective policies: " + (e.effectivePolicies().isEmpty() ? "none" : names(e.effectivePolicies())));
    }

    private static void group(PrintWriter out, String title, List<StatementReport> statements, boolean patterns) {
        if (statements.isEmpty()) {
            return;
        }
        out.println(title + " (" + statements.size() + "):");
        for (StatementReport s : statements) {
            out.println("  " + StatementText.where(s.source(), s.policy(), s.index()) + ": "
                    + StatementText.of(s.statement()) + " (policy `" + s.policy() + "`)");
            if (patterns) {
                for (PatternReport p : s.patterns()) {
                    out.println(p.matches()
                            ? "    match     " + p.pattern()
                            : "    no match  " + p.pattern() + ": " + p.why());
                }
            }
        }
        out.println();
    }

    private static String names(List<String> names) {
        StringJoiner j = new StringJoiner(", ");
        for (String n : names) {
            j.add("`" + n + "`");
        }
        return j.toString();
    }
}
