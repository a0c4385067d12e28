package dev.warden.core;

/**
 * A node of the compiled segment trie. Children: literal segments (looked up by a range of the
 * request path, without building a substring), {@code *}, globs and variables. Statements whose
 * pattern ends here sit in {@link #exact}; those whose pattern ends in {@code **} here sit in
 * {@link #rest} and match when at least one more segment follows. Immutable once built. Empty
 * child arrays are shared, so a leaf costs its object header and fields only.
 */
final class Node {
    static final Segment.Glob[] NO_GLOBS = new Segment.Glob[0];
    static final Segment.Variable[] NO_VARS = new Segment.Variable[0];
    static final Node[] NO_NODES = new Node[0];
    private static final String[] NO_KEYS = new String[0];
    /** Up to this many literal children are scanned; more go in a hash table. */
    private static final int LINEAR_LIMIT = 4;

    // Literal children: keys and nodes; with a hash table when there are more than LINEAR_LIMIT.
    private String[] keys = NO_KEYS;
    private Node[] children = NO_NODES;
    private int mask = -1; // -1: linear scan

    Node star;
    /** Glob and variable children, rare: null when there are none. */
    Special special;
    /**
     * The statements ending here, per action: {@code exact[a]} allow and {@code exact[actionCount + a]}
     * deny statements for action id {@code a}, each sorted by policy; null when none end here.
     */
    Compiled.Entry[][] exact;
    /** As {@link #exact}, for patterns ending in {@code **} here. */
    Compiled.Entry[][] rest;

    /** The literal child for {@code text[start, end)}, or null. */
    Node literal(String text, int start, int end) {
        int len = end - start;
        String[] k = keys;
        if (mask < 0) {
            for (int i = 0; i < k.length; i++) {
                String key = k[i];
                if (key.length() == len && key.regionMatches(0, text, start, len)) {
                    return children[i];
                }
            }
            return null;
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        int slot = spread(h) & mask;
        while (true) {
            String key = k[slot];
            if (key == null) {
                return null;
            }
            if (key.length() == len && key.regionMatches(0, text, start, len)) {
                return children[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Sets the literal children once, at build time. */
    void setLiterals(String[] literalKeys, Node[] literalNodes) {
        if (literalKeys.length == 0) {
            keys = NO_KEYS;
            children = NO_NODES;
            mask = -1;
            return;
        }
        if (literalKeys.length <= LINEAR_LIMIT) {
            keys = literalKeys;
            children = literalNodes;
            mask = -1;
            return;
        }
        // Load at most about 2/3: linear probing stays short, the table stays small.
        int capacity = Integer.highestOneBit(literalKeys.length + (literalKeys.length >> 1)) << 1;
        String[] k = new String[capacity];
        Node[] c = new Node[capacity];
        int m = capacity - 1;
        for (int i = 0; i < literalKeys.length; i++) {
            int slot = spread(literalKeys[i].hashCode()) & m;
            while (k[slot] != null) {
                slot = (slot + 1) & m;
            }
            k[slot] = literalKeys[i];
            c[slot] = literalNodes[i];
        }
        keys = k;
        children = c;
        mask = m;
    }

    /** The glob and variable children of a node, kept apart: most nodes have none. */
    static final class Special {
        final Segment.Glob[] globs;
        final Node[] globNodes;
        final Segment.Variable[] vars;
        final Node[] varNodes;

        Special(Segment.Glob[] globs, Node[] globNodes, Segment.Variable[] vars, Node[] varNodes) {
            this.globs = globs;
            this.globNodes = globNodes;
            this.vars = vars;
            this.varNodes = varNodes;
        }
    }
}
