package dev.warden.benchmarks;

import dev.warden.core.Actions;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A key's effective patterns, per action and effect, in some peer's compiled form: what a service
 * that hand-rolls authorization with a path matcher would index by access key. Each policy's
 * patterns are compiled once and shared by every key that holds the policy.
 *
 * @param <T> the peer's compiled pattern
 */
final class KeyPatterns<T> {
    /** [key][action] patterns of allow statements. */
    final T[][][] allow;
    /** [key][action] patterns of deny statements. */
    final T[][][] deny;

    @SuppressWarnings("unchecked")
    KeyPatterns(Workload w, Function<String, T> compile, IntFunction<T[]> array) {
        PolicySet set = w.policySet();
        Map<String, List<List<T>>> allowByPolicy = new HashMap<>();
        Map<String, List<List<T>>> denyByPolicy = new HashMap<>();
        Map<String, T> compiled = new HashMap<>();
        for (Policy p : set.policies()) {
            List<List<T>> a = lists();
            List<List<T>> d = lists();
            for (Statement s : p.statements()) {
                List<List<T>> into = s.effect() == Effect.ALLOW ? a : d;
                for (String action : actionsOf(s)) {
                    int id = Canonical.action(action);
                    for (ResourcePattern rp : s.resources()) {
                        into.get(id).add(compiled.computeIfAbsent(rp.toString(), compile));
                    }
                }
            }
            allowByPolicy.put(p.name(), a);
            denyByPolicy.put(p.name(), d);
        }
        int keys = w.keys().size();
        Class<?> component = array.apply(0).getClass().getComponentType();
        int actions = Workload.ACTIONS.length;
        allow = (T[][][]) java.lang.reflect.Array.newInstance(component, keys, actions, 0);
        deny = (T[][][]) java.lang.reflect.Array.newInstance(component, keys, actions, 0);
        for (Workload.Key k : w.keys()) {
            Set<String> policies = new LinkedHashSet<>();
            for (String role : k.roles()) {
                Role r = set.role(role).orElseThrow();
                policies.addAll(r.policies());
            }
            for (int a = 0; a < actions; a++) {
                allow[k.index()][a] = concat(policies, allowByPolicy, a, array);
                deny[k.index()][a] = concat(policies, denyByPolicy, a, array);
            }
        }
    }

    /** The actions a statement covers, {@code any} spelled out. */
    static List<String> actionsOf(Statement s) {
        if (s.coversAnyAction()) {
            return List.of(Workload.ACTIONS);
        }
        List<String> out = new ArrayList<>(s.actions());
        out.remove(Actions.ANY);
        return out;
    }

    private static <T> List<List<T>> lists() {
        List<List<T>> l = new ArrayList<>();
        for (int i = 0; i < Workload.ACTIONS.length; i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static <T> T[] concat(Set<String> policies, Map<String, List<List<T>>> byPolicy, int action,
                                  IntFunction<T[]> array) {
        List<T> all = new ArrayList<>();
        for (String p : policies) {
            all.addAll(byPolicy.get(p).get(action));
        }
        return all.toArray(array.apply(0));
    }

    /** The number of patterns key {@code k} scans for an action, allow and deny together. */
    int size(int key, int action) {
        return allow[key][action].length + deny[key][action].length;
    }
}
