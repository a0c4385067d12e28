package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Authorizer;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.RandomPolicies;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random OLD/NEW pairs (NEW a small edit of OLD): every request whose decision changed for a
 * principal holding one role is reported as that role, action and kind of change; every reported
 * example really changes decision.
 */
class PolicyDiffPropertyTest {
    /** Pairs in the default run; `-Dwarden.diff.pairs=1000` for a longer one. */
    private static final int PAIRS = Integer.getInteger("warden.diff.pairs", 15);
    private static final int REQUESTS = 3_000;

    /** NEW: OLD with one statement added, removed or flipped, or one role's policies changed. */
    static PolicySet edit(PolicySet old, RandomPolicies gen) {
        List<Policy> policies = new ArrayList<>(old.policies());
        List<Role> roles = new ArrayList<>(old.roles());
        boolean declared = old.declaredActions().contains("approve");
        int which = gen.nextInt(policies.size());
        Policy p = policies.get(which);
        List<Statement> statements = new ArrayList<>(p.statements());
        switch (gen.nextInt(4)) {
            case 0 -> statements.add(gen.statement(declared));
            case 1 -> {
                if (statements.size() > 1) {
                    statements.remove(gen.nextInt(statements.size()));
                } else {
                    statements.add(gen.statement(declared));
                }
            }
            case 2 -> {
                int i = gen.nextInt(statements.size());
                Statement s = statements.get(i);
                statements.set(i, new Statement(s.effect() == Effect.ALLOW ? Effect.DENY : Effect.ALLOW, s.actions(),
                        s.resources()));
            }
            default -> {
                if (!roles.isEmpty()) {
                    int r = gen.nextInt(roles.size());
                    List<String> names = new ArrayList<>(roles.get(r).policies());
                    String extra = policies.get(gen.nextInt(policies.size())).name();
                    if (names.contains(extra) && names.size() > 1) {
                        names.remove(extra);
                    } else {
                        names.add(extra);
                    }
                    roles.set(r, new Role(roles.get(r).name(), names));
                } else {
                    statements.add(gen.statement(declared));
                }
            }
        }
        policies.set(which, new Policy(p.name(), statements));
        PolicySet.Builder b = PolicySet.builder();
        old.declaredActions().forEach(b::declareAction);
        policies.forEach(b::add);
        roles.forEach(b::add);
        return b.build();
    }

    @Test
    void everyChangedDecision_isReported_andEveryExampleChangesDecision() {
        int changedDecisions = 0;
        for (int seed = 0; seed < PAIRS; seed++) {
            RandomPolicies gen = RandomPolicies.realistic(7_000_000L + seed);
            PolicySet oldSet = gen.policySet();
            PolicySet newSet = edit(oldSet, gen);
            PolicyDiff.Result diff = PolicyDiff.between(oldSet, newSet);
            assertThat(diff.exhaustive()).isTrue();
            Authorizer before = Authorizer.builder().noCache().build(oldSet);
            Authorizer after = Authorizer.builder().noCache().build(newSet);
            String context = "seed " + seed + "\nOLD " + oldSet.policies() + oldSet.roles() + "\nNEW "
                    + newSet.policies() + newSet.roles() + "\nchanges " + diff.changes();

            for (Change c : diff.changes()) {
                Principal.Builder pb = Principal.builder(c.principalId()).attributes(c.attributes());
                Principal p = c.subject() == Change.Subject.ROLE ? pb.role(c.name()).build() : pb.policy(c.name()).build();
                boolean was = before.authorize(p, c.action(), c.example()).allowed();
                boolean is = after.authorize(p, c.action(), c.example()).allowed();
                assertThat(c.kind() == Change.Kind.GRANTED ? is && !was : was && !is).as(context + "\n" + c).isTrue();
            }

            for (int i = 0; i < REQUESTS; i++) {
                List<Role> roles = newSet.roles();
                if (roles.isEmpty()) {
                    break;
                }
                Role role = roles.get(gen.nextInt(roles.size()));
                Principal random = gen.principal(newSet);
                Principal p = Principal.builder(random.id()).role(role.name()).attributes(random.attributes()).build();
                String action = gen.action().toLowerCase(java.util.Locale.ROOT);
                String path = gen.path();
                boolean was = before.authorize(p, action, path).allowed();
                boolean is = after.authorize(p, action, path).allowed();
                if (was != is) {
                    changedDecisions++;
                    Change.Kind kind = is ? Change.Kind.GRANTED : Change.Kind.REVOKED;
                    assertThat(diff.changes()).as(context + "\nrequest " + p + " " + action + " " + path)
                            .anyMatch(c -> c.subject() == Change.Subject.ROLE && c.name().equals(role.name())
                                    && c.action().equals(action) && c.kind() == kind);
                }
            }
        }
        assertThat(changedDecisions).as("requests whose decision changed").isGreaterThan(PAIRS * 2);
    }
}
