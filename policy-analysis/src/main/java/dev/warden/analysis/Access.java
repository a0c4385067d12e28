package dev.warden.analysis;

import dev.warden.core.Actions;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a list of statements grants, as languages of {@link Words}. */
final class Access {
    private Access() {}

    /** The statements in force for a principal holding just this role; empty when there is no such role. */
    static List<Statement> ofRole(PolicySet set, String role) {
        Optional<Role> r = set.role(role);
        List<Statement> out = new ArrayList<>();
        if (r.isPresent()) {
            for (String p : r.get().policies()) {
                out.addAll(set.policy(p).orElseThrow().statements());
            }
        }
        return out;
    }

    /** The statements in force for a principal holding just this policy. */
    static List<Statement> ofPolicy(PolicySet set, String policy) {
        return set.policy(policy).map(Policy::statements).orElse(List.of());
    }

    static boolean covers(Statement s, String action) {
        return s.actions().contains(Actions.ANY) || s.actions().contains(action);
    }

    /** The union of where the statements of one effect that cover an action apply, conditions included (not minimised). */
    static Automaton union(List<Statement> statements, Effect effect, String action, Words words) {
        List<Automaton> parts = new ArrayList<>();
        for (Statement s : statements) {
            if (s.effect() == effect && covers(s, action)) {
                parts.add(words.statement(s));
            }
        }
        return PathLanguages.union(parts);
    }

    /** The same union, minimised: cheaper for the differences the diff takes of it. */
    static Automaton matched(List<Statement> statements, Effect effect, String action, Words words) {
        Automaton u = union(statements, effect, action, words);
        u.minimize();
        return u;
    }

    /** The requests on which the statements allow the action: allows minus denies. */
    static Automaton allowed(List<Statement> statements, String action, Words words) {
        Automaton allow = matched(statements, Effect.ALLOW, action, words);
        if (allow.isEmpty()) {
            return allow;
        }
        Automaton deny = matched(statements, Effect.DENY, action, words);
        return deny.isEmpty() ? allow : allow.minus(deny);
    }
}
