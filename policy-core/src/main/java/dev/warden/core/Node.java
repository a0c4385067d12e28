package dev.warden.core;

/**
 * A node of the compiled segment trie. Children: literal segments (looked up by a range of the
 * request path, without building a substring), {@code *}, globs and variables. Statements whose
 * pattern ends here sit in {@link #exact}; those whose pattern ends in {@code **} here sit in
 * {@link #rest} and match when at least one more segment follows.
 *
 * <p>Immutable: every field is final and set by the constructor, from children that are built
 * first ({@link Compiler} fills mutable drafts, then freezes them bottom up). Empty child arrays are
 * shared, so a leaf costs its object header and fields only. {@link TrieWalk} reads it.
 */
final class Node {
    static final GlobMatcher[] NO_GLOBS = new GlobMatcher[0];
    static final VariableMatcher[] NO_VARS = new VariableMatcher[0];
    static final String[] NO_KEYS = new String[0];
    static final Node[] NO_NODES = new Node[0];
    private static final Object[] NO_TABLE = new Object[0];
    /** Up to this many literal children are scanned; more go in a hash table. */
    private static final int LINEAR_LIMIT = 4;

    // Literal children, interleaved in one array (key at 2i, node at 2i + 1) so that a probe reads
    // one cache line, not two; a hash table (open addressing) when there are more than LINEAR_LIMIT.
    private final Object[] table;
    private final int mask; // -1: linear scan
    private final int shift; // 32 - log2(capacity), for Fibonacci hashing

    /** The {@code *} child, or null. */
    final Node star;
    /** Glob and variable children, rare: null when there are none. */
    final Special special;
    /**
     * The statements ending here, per action: {@code exact[a]} allow and {@code exact[actionCount + a]}
     * deny statements for action id {@code a}, each sorted by policy; null when none end here.
     */
    final TrieEntry[][] exact;
    /** As {@link #exact}, for patterns ending in {@code **} here. */
    final TrieEntry[][] rest;

    /**
     * @param literalKeys the literal children's segment texts, distinct
     * @param literalNodes their nodes, in the same order
     */
    Node(String[] literalKeys, Node[] literalNodes, Node star, Special special,
            TrieEntry[][] exact, TrieEntry[][] rest) {
        int n = literalKeys.length;
        if (n == 0) {
            table = NO_TABLE;
            mask = -1;
            shift = 0;
        } else if (n <= LINEAR_LIMIT) {
            Object[] t = new Object[2 * n];
            for (int i = 0; i < n; i++) {
                t[2 * i] = literalKeys[i];
                t[2 * i + 1] = literalNodes[i];
            }
            table = t;
            mask = -1;
            shift = 0;
        } else {
            // Load at most about 2/3: linear probing stays short, the table stays small.
            int capacity = Integer.highestOneBit(n + (n >> 1)) << 1;
            Object[] t = new Object[2 * capacity];
            int m = capacity - 1;
            int s = 32 - Integer.numberOfTrailingZeros(capacity);
            for (int i = 0; i < n; i++) {
                int slot = home(literalKeys[i].hashCode(), s);
                while (t[2 * slot] != null) {
                    slot = (slot + 1) & m;
                }
                t[2 * slot] = literalKeys[i];
                t[2 * slot + 1] = literalNodes[i];
            }
            table = t;
            mask = m;
            shift = s;
        }
        this.star = star;
        this.special = special;
        this.exact = exact;
        this.rest = rest;
    }

    /** The literal child for {@code text[start, end)}, or null. */
    Node literal(String text, int start, int end) {
        int len = end - start;
        Object[] t = table;
        if (mask < 0) {
            for (int i = 0; i < t.length; i += 2) {
                String key = (String) t[i];
                if (key.length() == len && key.regionMatches(0, text, start, len)) {
                    return (Node) t[i + 1];
                }
            }
            return null;
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        int slot = home(h, shift);
        while (true) {
            String key = (String) t[2 * slot];
            if (key == null) {
                return null;
            }
            // String caches its hash: comparing it first skips the characters of other keys.
            if (key.hashCode() == h && key.length() == len && key.regionMatches(0, text, start, len)) {
                return (Node) t[2 * slot + 1];
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The home slot of a hash: Fibonacci hashing (the top bits of the hash times 2^32/&phi;).
     * Segment texts like {@code ws-000123} have String hashes that differ in their low bits in
     * runs; masking them directly packs them into long probe chains.
     */
    private static int home(int h, int shift) {
        return (h * 0x9E3779B9) >>> shift;
    }

    /** The glob and variable children of a node, kept apart: most nodes have none. */
    static final class Special {
        final GlobMatcher[] globs;
        final Node[] globNodes;
        final VariableMatcher[] vars;
        final Node[] varNodes;

        Special(GlobMatcher[] globs, Node[] globNodes, VariableMatcher[] vars, Node[] varNodes) {
            this.globs = globs;
            this.globNodes = globNodes;
            this.vars = vars;
            this.varNodes = varNodes;
        }
    }
}
