package dev.warden.core;

import java.util.Arrays;
import java.util.List;

/**
 * One walk of the compiled trie for one request: from the root, segment by segment of the canonical
 * path, into every child that matches the segment (the literal child, {@code *}, matching globs,
 * variables equal to the principal's value), gathering at each node the statements of the
 * principal's policies that end there ({@link Node#exact} at the path's end, {@link Node#rest}
 * before it). Denies win over allows ({@link #decision}). A walk allocates itself and, only when
 * more than one statement matches, a list of them.
 */
final class TrieWalk {
    /** The decision when no statement matches: default deny. */
    static final Decision NO_MATCH = Decision.deny(Reason.NO_MATCH, "");

    private final Principal principal;
    private final int[] grant;
    private final int action;
    private final ResourcePath path;
    private final String text;
    private final int segments;
    private final Facts facts;
    private TrieEntry firstDeny;
    private TrieEntry[] denies;
    private int denyCount;
    private TrieEntry firstAllow;
    private TrieEntry[] allows;
    private int allowCount;

    private TrieWalk(Principal principal, int[] grant, int action, ResourcePath path, Facts facts) {
        this.facts = facts;
        this.principal = principal;
        this.grant = grant;
        this.action = action;
        this.path = path;
        this.text = path.text();
        this.segments = path.segmentCount();
    }

    /**
     * Decides a request with at least one segment: walks the trie from {@code root} and combines
     * what matched.
     *
     * @param grant the principal's effective policy indices, sorted ({@link Grant#policies})
     * @param action the request's action id
     * @param facts what conditions read; null when no statement of the set has a condition
     */
    static Decision decide(Node root, Principal principal, int[] grant, int action, ResourcePath path, Facts facts) {
        TrieWalk w = new TrieWalk(principal, grant, action, path, facts);
        w.walk(root, 0, false);
        return w.decision();
    }

    /**
     * @param denyOnly a variable the principal lacks was passed as if it were {@code *}: only
     *     deny statements may match below it
     */
    private void walk(Node node, int i, boolean denyOnly) {
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
        GlobMatcher[] globs = sp.globs;
        for (int g = 0; g < globs.length; g++) {
            if (globs[g].matches(text, start, end)) {
                walk(sp.globNodes[g], i + 1, denyOnly);
            }
        }
        VariableMatcher[] vars = sp.vars;
        for (int v = 0; v < vars.length; v++) {
            String value = vars[v].valueFor(principal);
            if (value == null) {
                walk(sp.varNodes[v], i + 1, true);
            } else if (value.length() == end - start && value.regionMatches(0, text, start, end - start)) {
                walk(sp.varNodes[v], i + 1, denyOnly);
            }
        }
    }

    private void collect(TrieEntry[][] bucket, boolean denyOnly) {
        if (bucket == null) {
            return;
        }
        TrieEntry[] d = bucket[(bucket.length >> 1) + action];
        if (d.length > 0) {
            intersect(d, true);
        }
        if (!denyOnly && denyCount == 0) {
            TrieEntry[] a = bucket[action];
            if (a.length > 0) {
                intersect(a, false);
            }
        }
    }

    /** Adds the entries whose policy is granted; entries are sorted by policy. */
    private void intersect(TrieEntry[] entries, boolean deny) {
        if (entries.length <= grant.length) {
            for (TrieEntry e : entries) {
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

    private static int firstOf(TrieEntry[] entries, int policy) {
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

    /**
     * Adds a matching entry of a granted policy, if it applies: one with a condition only when the
     * condition holds (an allow on true, a deny on true or unknown).
     */
    private void add(TrieEntry e, boolean deny) {
        if (e.condition != null && !e.condition.applies(!deny, facts)) {
            return;
        }
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

    private static TrieEntry[] append(TrieEntry[] list, int count, TrieEntry first, TrieEntry e) {
        TrieEntry[] l = list;
        if (l == null) {
            l = new TrieEntry[4];
            l[0] = first;
        } else if (count == l.length) {
            l = Arrays.copyOf(l, count * 2);
        }
        l[count] = e;
        return l;
    }

    /** Any matching deny decides ({@code explicit_deny}), else any matching allow ({@code allowed}), else {@link #NO_MATCH}. */
    private Decision decision() {
        if (denyCount > 0) {
            return combine(firstDeny, denies, denyCount, Reason.EXPLICIT_DENY);
        }
        if (allowCount > 0) {
            return combine(firstAllow, allows, allowCount, Reason.ALLOWED);
        }
        return NO_MATCH;
    }

    private static Decision combine(TrieEntry first, TrieEntry[] all, int count, Reason reason) {
        if (count == 1) {
            return first.alone;
        }
        TrieEntry[] sorted = Arrays.copyOf(all, count);
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
