package dev.warden.analysis;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import dev.warden.core.diagnostic.Diagnostic;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The schema rules: patterns that match no operation, operations no role allows. */
final class Schema {
    private Schema() {}

    static void check(PolicySet set, List<Operation> operations, List<Diagnostic> out) {
        for (Policy p : set.policies()) {
            for (int j = 0; j < p.statements().size(); j++) {
                Statement s = p.statements().get(j);
                for (ResourcePattern pattern : s.resources()) {
                    if (!matchesSomeOperation(set, s, pattern, operations)) {
                        out.add(Rule.UNMATCHED_PATTERN.at(Lint.where(set, p, j),
                                "pattern `" + pattern.text() + "` of statement " + (j + 1) + " of policy `" + p.name()
                                        + "` matches no operation of the API for " + String.join(", ", s.actions()),
                                "check the path against the API, or remove the pattern"));
                    }
                }
            }
        }
        for (Operation op : operations) {
            boolean reachable = false;
            for (Role r : set.roles()) {
                List<Statement> statements = Access.ofRole(set, r.name());
                Words words = Words.over(statements);
                Automaton allowed = Access.allowed(statements, op.action(), words);
                Automaton operation = language(op, words);
                if (!allowed.intersection(operation).isEmpty()) {
                    reachable = true;
                    break;
                }
            }
            if (!reachable) {
                out.add(Rule.UNREACHABLE_OPERATION.at(Optional.of(op.source()),
                        "no role allows `" + op.method() + " " + op.path() + "`",
                        "grant " + op.action() + " on it to a role that needs it, or ignore if it is admin-only"));
            }
        }
    }

    private static boolean matchesSomeOperation(PolicySet set, Statement s, ResourcePattern pattern,
            List<Operation> operations) {
        Words words = Words.over(List.of(s));
        Automaton language = words.pattern(pattern, s.effect() == Effect.DENY);
        for (Operation op : operations) {
            if (!s.coversAnyAction() && !s.actions().contains(op.action())) {
                continue;
            }
            Optional<ResourcePattern> template = op.pattern();
            if (template.isEmpty() || !Overlap.may(pattern, template.get())) {
                continue;
            }
            Automaton operation = language(op, words);
            if (!language.intersection(operation).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The words of every principal with a path of the operation; empty when its template is no pattern. */
    private static Automaton language(Operation op, Words words) {
        return op.pattern()
                .map(p -> words.anyPrefix().concatenate(PathLanguages.pattern(p, Map.of(), false)))
                .orElseGet(Automaton::makeEmpty);
    }
}
