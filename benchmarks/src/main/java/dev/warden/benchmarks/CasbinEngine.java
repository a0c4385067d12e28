package dev.warden.benchmarks;

import dev.warden.benchmarks.Workload.Request;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import java.util.ArrayList;
import java.util.List;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;

/**
 * jCasbin with its RBAC model: {@code g} links a key to its roles and a role to its policies,
 * each {@code p} line is one (policy, pattern, action, effect), and the matcher compares the action
 * first, then the role link, then {@code keyMatch2} over the path. Deny overrides allow, default
 * deny. Logging is off ({@code enableLog(false)}), else every call builds log strings.
 *
 * <p>Translation for {@code keyMatch2}: a {@code *} segment becomes {@code :s} (one segment), a
 * final {@code **} becomes {@code *} ({@code /.*}: one or more segments, as paths have no empty
 * segment).
 */
final class CasbinEngine implements Engine {
    static final String MODEL = String.join("\n",
            "[request_definition]",
            "r = sub, obj, act",
            "[policy_definition]",
            "p = sub, obj, act, eft",
            "[role_definition]",
            "g = _, _",
            "[policy_effect]",
            "e = some(where (p.eft == allow)) && !some(where (p.eft == deny))",
            "[matchers]",
            "m = r.act == p.act && g(r.sub, p.sub) && keyMatch2(r.obj, p.obj)",
            "");

    private final Enforcer enforcer;

    CasbinEngine(Workload w) {
        Model model = new Model();
        model.loadModelFromText(MODEL);
        enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        List<List<String>> p = new ArrayList<>();
        for (Policy policy : w.policySet().policies()) {
            for (Statement s : policy.statements()) {
                String eft = s.effect() == Effect.ALLOW ? "allow" : "deny";
                for (String action : KeyPatterns.actionsOf(s)) {
                    for (ResourcePattern rp : s.resources()) {
                        p.add(List.of(policy.name(), translate(rp.toString()), action, eft));
                    }
                }
            }
        }
        enforcer.addPolicies(p);
        List<List<String>> g = new ArrayList<>();
        for (Role r : w.policySet().roles()) {
            for (String policy : r.policies()) {
                g.add(List.of(r.name(), policy));
            }
        }
        for (Workload.Key k : w.keys()) {
            for (String role : k.roles()) {
                g.add(List.of(k.id(), role));
            }
        }
        enforcer.addGroupingPolicies(g);
    }

    static String translate(String wardenPattern) {
        StringBuilder sb = new StringBuilder();
        String[] segments = wardenPattern.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            sb.append('/');
            if (s.equals("*")) {
                sb.append(":s").append(i);
            } else if (s.equals("**")) {
                sb.append('*');
            } else {
                sb.append(s);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean allowed(Request r) {
        String path = Canonical.path(r.request().resource());
        if (path == null || Canonical.action(r.request().action()) < 0) {
            return false;
        }
        return enforcer.enforce(r.request().principal().id(), path, r.request().action());
    }
}
