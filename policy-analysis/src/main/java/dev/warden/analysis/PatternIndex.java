package dev.warden.analysis;

import dev.warden.core.PatternSegment;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statements indexed by a trie over the segments of their patterns, so that the statements with a
 * pattern that {@link Overlap#may may meet} a given pattern are found by walking only the branches
 * that could agree with it, not by testing every statement. A prefilter: what it returns passes
 * {@link Overlap#may} for some pair of patterns and is then tested exactly; what it leaves out
 * fails {@code Overlap.may} for every pair, so cannot meet.
 */
final class PatternIndex {
    private final List<Statement> statements = new ArrayList<>();
    private final Node root = new Node();

    /** One trie position: the statements whose patterns end here or go on with {@code **}, and the next segments. */
    private static final class Node {
        /** Children by literal segment. */
        final Map<PatternSegment.Literal, Node> literal = new HashMap<>();
        /** Children by non-literal segment ({@code *}, a glob or a variable). */
        final Map<PatternSegment, Node> wild = new HashMap<>();
        /** Statements with a pattern that ends at this node. */
        final List<Integer> ends = new ArrayList<>();
        /** Statements with a pattern whose next, last segment is {@code **}. */
        final List<Integer> rest = new ArrayList<>();
    }

    PatternIndex(Iterable<Statement> statements) {
        for (Statement s : statements) {
            int id = this.statements.size();
            this.statements.add(s);
            for (ResourcePattern p : s.resources()) {
                Node n = root;
                for (PatternSegment seg : p.segments()) {
                    if (seg instanceof PatternSegment.Rest) {
                        n.rest.add(id);
                        n = null;
                        break;
                    }
                    n = seg instanceof PatternSegment.Literal lit
                            ? n.literal.computeIfAbsent(lit, k -> new Node())
                            : n.wild.computeIfAbsent(seg, k -> new Node());
                }
                if (n != null) {
                    n.ends.add(id);
                }
            }
        }
    }

    /**
     * The statements with a pattern that may meet one of {@code patterns}, in the order they were
     * indexed.
     */
    List<Statement> candidates(List<ResourcePattern> patterns) {
        BitSet hits = new BitSet(statements.size());
        for (ResourcePattern p : patterns) {
            walk(root, p.segments(), 0, hits);
        }
        List<Statement> out = new ArrayList<>(hits.cardinality());
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            out.add(statements.get(i));
        }
        return out;
    }

    private static void walk(Node n, List<PatternSegment> query, int i, BitSet hits) {
        if (i == query.size()) {
            n.ends.forEach(hits::set);
            return;
        }
        PatternSegment seg = query.get(i);
        if (seg instanceof PatternSegment.Rest) {
            // one or more further segments: every pattern that goes on from here
            below(n, hits);
            return;
        }
        n.rest.forEach(hits::set);
        if (seg instanceof PatternSegment.Literal lit) {
            Node next = n.literal.get(lit);
            if (next != null) {
                walk(next, query, i + 1, hits);
            }
        } else {
            for (Map.Entry<PatternSegment.Literal, Node> e : n.literal.entrySet()) {
                if (Overlap.segmentsMay(seg, e.getKey())) {
                    walk(e.getValue(), query, i + 1, hits);
                }
            }
        }
        for (Map.Entry<PatternSegment, Node> e : n.wild.entrySet()) {
            if (Overlap.segmentsMay(seg, e.getKey())) {
                walk(e.getValue(), query, i + 1, hits);
            }
        }
    }

    /** Every statement with a pattern longer than the path to {@code n}. */
    private static void below(Node n, BitSet hits) {
        n.rest.forEach(hits::set);
        for (Node c : n.literal.values()) {
            c.ends.forEach(hits::set);
            below(c, hits);
        }
        for (Node c : n.wild.values()) {
            c.ends.forEach(hits::set);
            below(c, hits);
        }
    }
}
