package dev.warden.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy set compiled for matching: one segment trie shared by every principal, action ids,
 * and the role-to-policy table. Immutable once built; see {@link Compiler}.
 */
final class Compiled {
    private static final Decision NO_MATCH = Decision.deny(Reason.NO_MATCH, "");

    private final String[] actionNames;
    private final Map<String, Integer> policyIndex;
    private final Map<String, int[]> rolePolicies;
    final Node root;

    Compiled(String[] actionNames, Map<String, Integer> policyIndex, Map<String, int[]> rolePolicies, Node root) {
        this.actionNames = actionNames;
        this.policyIndex = policyIndex;
        this.rolePolicies = rolePolicies;
        this.root = root;
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

    Decision decide(Principal principal, int actionId, ResourcePath path) {
        Grant grant = grantOf(principal);
        if (grant.unknown != null) {
            return grant.unknown;
        }
        if (path.segmentCount() == 0) {
            return NO_MATCH; // `/` matches no pattern
        }
        Collector c = new Collector(principal, grant.policies, actionId, path);
        c.walk(root, 0, false);
        return c.decision();
    }

    /** The principal's effective policies under this set, remembered in the principal. */
    private Grant grantOf(Principal principal) {
        Object memo = principal.resolution;
        if (memo instanceof Grant g && g.owner == this) {
            return g;
        }
        Grant g = resolve(principal);
        principal.resolution = g;
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

    /** A principal's effective policy indices, sorted, or the unknown-policy decision. */
    static final class Grant {
        final Compiled owner;
        final int[] policies;
        final Decision unknown;

        Grant(Compiled owner, int[] policies, Decision unknown) {
            this.owner = owner;
            this.policies = policies;
            this.unknown = unknown;
        }
    }

    /** One statement reachable at a trie node for one action: its policy and what it decides alone. */
    static final class Entry {
        final int policy;
        final int order; // global statement order: policy, then index
        final MatchedStatement statement;
        final Decision alone;

        Entry(int policy, int order, MatchedStatement statement) {
            this.policy = policy;
            this.order = order;
            this.statement = statement;
            Reason r = statement.effect() == Effect.ALLOW ? Reason.ALLOWED : Reason.EXPLICIT_DENY;
            this.alone = new Decision(r, List.of(statement), "");
        }
    }

    /** Walks the trie for one request and gathers the matching statements of the principal's policies. */
    private static final class Collector {
        private final Principal principal;
        private final int[] grant;
        private final int action;
        private final ResourcePath path;
        private final String text;
        private final int segments;
        private Entry firstDeny;
        private Entry[] denies;
        private int denyCount;
        private Entry firstAllow;
        private Entry[] allows;
        private int allowCount;

        Collector(Principal principal, int[] grant, int action, ResourcePath path) {
            this.principal = principal;
            this.grant = grant;
            this.action = action;
            this.path = path;
            this.text = path.text();
            this.segments = path.segmentCount();
        }

        /**
         * @param denyOnly a variable the principal lacks was passed as if it were {@code *}: only
         *     deny statements may match below it
         */
        void walk(Node node, int i, boolean denyOnly) {
            if (i == segments) {
                collect(node.exact, denyOnly);
                return;
            }
            collect(node.rest, denyOnly);
            int start = path.start(i);
            int end = path.end(i);
            Node lit = node.literal(text, start, end);
            if (lit != null) {
                walk(lit, i + 1, denyOnly);
            }
            if (node.star != null) {
                walk(node.star, i + 1, denyOnly);
            }
            Node.Special sp = node.special;
            if (sp == null) {
                return;
            }
            Segment.Glob[] globs = sp.globs;
            for (int g = 0; g < globs.length; g++) {
                if (globs[g].matches(text, start, end)) {
                    walk(sp.globNodes[g], i + 1, denyOnly);
                }
            }
            Segment.Variable[] vars = sp.vars;
            for (int v = 0; v < vars.length; v++) {
                String value = vars[v].valueFor(principal);
                if (value == null) {
                    walk(sp.varNodes[v], i + 1, true);
                } else if (value.length() == end - start && value.regionMatches(0, text, start, end - start)) {
                    walk(sp.varNodes[v], i + 1, denyOnly);
                }
            }
        }

        private void collect(Entry[][] bucket, boolean denyOnly) {
            if (bucket == null) {
                return;
            }
            Entry[] d = bucket[(bucket.length >> 1) + action];
            if (d.length > 0) {
                intersect(d, true);
            }
            if (!denyOnly && denyCount == 0) {
                Entry[] a = bucket[action];
                if (a.length > 0) {
                    intersect(a, false);
                }
            }
        }

        /** Adds the entries whose policy is granted; entries are sorted by policy. */
        private void intersect(Entry[] entries, boolean deny) {
            if (entries.length <= grant.length) {
                for (Entry e : entries) {
                    if (Arrays.binarySearch(grant, e.policy) >= 0) {
                        add(e, deny);
                    }
                }
                return;
            }
            for (int p : grant) {
                int at = firstOf(entries, p);
                while (at < entries.length && entries[at].policy == p) {
                    add(entries[at++], deny);
                }
            }
        }

        private static int firstOf(Entry[] entries, int policy) {
            int lo = 0;
            int hi = entries.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (entries[mid].policy < policy) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private void add(Entry e, boolean deny) {
            if (deny) {
                if (denyCount == 0) {
                    firstDeny = e;
                } else {
                    denies = append(denies, denyCount, firstDeny, e);
                }
                denyCount++;
            } else {
                if (allowCount == 0) {
                    firstAllow = e;
                } else {
                    allows = append(allows, allowCount, firstAllow, e);
                }
                allowCount++;
            }
        }

        private static Entry[] append(Entry[] list, int count, Entry first, Entry e) {
            Entry[] l = list;
            if (l == null) {
                l = new Entry[4];
                l[0] = first;
            } else if (count == l.length) {
                l = Arrays.copyOf(l, count * 2);
            }
            l[count] = e;
            return l;
        }

        Decision decision() {
            if (denyCount > 0) {
                return combine(firstDeny, denies, denyCount, Reason.EXPLICIT_DENY);
            }
            if (allowCount > 0) {
                return combine(firstAllow, allows, allowCount, Reason.ALLOWED);
            }
            return NO_MATCH;
        }

        private static Decision combine(Entry first, Entry[] all, int count, Reason reason) {
            if (count == 1) {
                return first.alone;
            }
            Entry[] sorted = Arrays.copyOf(all, count);
            Arrays.sort(sorted, (x, y) -> Integer.compare(x.order, y.order));
            int distinct = 0;
            for (int i = 0; i < count; i++) {
                if (i == 0 || sorted[i].order != sorted[i - 1].order) {
                    sorted[distinct++] = sorted[i];
                }
            }
            if (distinct == 1) {
                return sorted[0].alone;
            }
            MatchedStatement[] out = new MatchedStatement[distinct];
            for (int i = 0; i < distinct; i++) {
                out[i] = sorted[i].statement;
            }
            return new Decision(reason, List.of(out), "");
        }
    }
}
