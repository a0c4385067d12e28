package dev.warden.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A policy set compiled for matching: one segment trie shared by every principal, action ids,
 * and the role-to-policy table. Immutable once built; see {@link Compiler}. {@link #decide} is
 * the middle of a decision: resolve the principal's policies ({@link Grant}), then walk the trie
 * ({@link TrieWalk}).
 */
final class Compiled {
    private final String[] actionNames;
    private final Map<String, Integer> policyIndex;
    private final Map<String, int[]> rolePolicies;
    final Node root;
    /** Every key the set's conditions read, by slot; empty when no statement has a condition. */
    final ConditionKey[] keys;
    /** Where a decision's {@link Facts} keep what the set's conditions parse. */
    final Facts.Layout layout;
    /** The names of the context values the set's conditions read, sorted and interned ({@link Facts.Layout#names}): all a decision's cache key holds of a context. */
    final String[] contextNames;

    Compiled(String[] actionNames, Map<String, Integer> policyIndex, Map<String, int[]> rolePolicies, Node root,
            Facts.Layout layout) {
        this.actionNames = actionNames;
        this.policyIndex = policyIndex;
        this.rolePolicies = rolePolicies;
        this.root = root;
        this.keys = layout.keys;
        this.layout = layout;
        String[] names = new String[keys.length];
        int n = 0;
        for (int s = 0; s < keys.length; s++) {
            if (keys[s].scope() == ConditionKey.Scope.CONTEXT) {
                names[n++] = layout.names[s];
            }
        }
        this.contextNames = Arrays.copyOf(names, n);
        Arrays.sort(contextNames);
    }

    /** Whether a statement of the set has a condition: then a decision needs {@link Facts}. */
    boolean conditioned() {
        return keys.length > 0;
    }

    /** The id of an action named in a request (any case), or -1 when it is unknown. */
    int actionId(String action) {
        int id = indexOf(action);
        if (id < 0) {
            // toLowerCase returns the same string when nothing changes, so this costs no
            // allocation for a lower-case name that is simply unknown.
            String lower = action.toLowerCase(Locale.ROOT);
            if (lower != action) {
                id = indexOf(lower);
            }
        }
        return id;
    }

    private int indexOf(String action) {
        for (int i = 0; i < actionNames.length; i++) {
            if (actionNames[i].equals(action)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decides for a principal, an action id and a well-formed path.
     *
     * @param facts what the conditions read, when the set has any ({@link #conditioned}); else null
     */
    Decision decide(Principal principal, int actionId, ResourcePath path, Facts facts) {
        Grant grant = grantOf(principal);
        if (grant.unknown != null) {
            return grant.unknown;
        }
        if (path.segmentCount() == 0) {
            return TrieWalk.NO_MATCH; // `/` matches no pattern
        }
        return TrieWalk.decide(root, principal, grant.policies, actionId, path, facts);
    }

    /**
     * The principal's effective policies under this set: the one the principal remembers when it
     * was resolved against this set ({@link Principal#grant}), else resolved now and remembered.
     */
    private Grant grantOf(Principal principal) {
        Grant g = principal.grant(this);
        if (g == null) {
            g = resolve(principal);
            principal.remember(g);
        }
        return g;
    }

    private Grant resolve(Principal principal) {
        int[] buffer = new int[16];
        int n = 0;
        for (String name : principal.policies()) {
            Integer idx = policyIndex.get(name);
            if (idx == null) {
                return new Grant(this, null, Decision.deny(Reason.UNKNOWN_POLICY,
                        "principal `" + principal.id() + "` names policy `" + name + "`, which is not loaded"));
            }
            buffer = add(buffer, n++, idx);
        }
        for (String role : principal.roles()) {
            int[] policies = rolePolicies.get(role);
            if (policies == null) {
                return new Grant(this, null, Decision.deny(Reason.UNKNOWN_POLICY,
                        "principal `" + principal.id() + "` names role `" + role + "`, which is not loaded"));
            }
            for (int p : policies) {
                buffer = add(buffer, n++, p);
            }
        }
        int[] sorted = Arrays.copyOf(buffer, n);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return new Grant(this, Arrays.copyOf(sorted, distinct), null);
    }

    private static int[] add(int[] buffer, int at, int value) {
        int[] b = at < buffer.length ? buffer : Arrays.copyOf(buffer, buffer.length * 2);
        b[at] = value;
        return b;
    }
}
