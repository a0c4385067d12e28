package dev.warden.core;

import java.util.List;

/** One statement reachable at a trie node for one action: its policy and what it decides alone. */
final class TrieEntry {
    final int policy;
    final int order; // global statement order: policy, then index
    final MatchedStatement statement;
    final Decision alone;

    TrieEntry(int policy, int order, MatchedStatement statement) {
        this.policy = policy;
        this.order = order;
        this.statement = statement;
        Reason r = statement.effect() == Effect.ALLOW ? Reason.ALLOWED : Reason.EXPLICIT_DENY;
        this.alone = new Decision(r, List.of(statement), "");
    }
}
