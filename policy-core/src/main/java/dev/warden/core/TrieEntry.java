package dev.warden.core;

import java.util.List;

/**
 * One statement reachable at a trie node for one action: its policy, what it decides alone, and
 * its condition (null for a statement without one, which costs the walk nothing more).
 */
final class TrieEntry {
    final int policy;
    final int order; // global statement order: policy, then index
    final MatchedStatement statement;
    final Decision alone;
    final CompiledCondition condition;

    TrieEntry(int policy, int order, MatchedStatement statement, CompiledCondition condition) {
        this.policy = policy;
        this.order = order;
        this.statement = statement;
        this.condition = condition;
        Reason r = statement.effect() == Effect.ALLOW ? Reason.ALLOWED : Reason.EXPLICIT_DENY;
        this.alone = new Decision(r, List.of(statement), "");
    }
}
