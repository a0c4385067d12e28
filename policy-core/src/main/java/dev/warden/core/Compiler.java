package dev.warden.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiles a {@link PolicySet} into one segment trie: every pattern of every statement is inserted
 * once, and its statement is filed at the node where the pattern ends, under each action it names
 * ({@code any} under every action). Principals share the trie; a principal's policies filter what
 * a walk collects.
 */
final class Compiler {
    private static final TrieEntry[] NONE = new TrieEntry[0];

    private Compiler() {}

    static Compiled compile(PolicySet set) {
        List<String> actions = set.actions();
        String[] actionNames = actions.toArray(new String[0]);
        Map<String, Integer> actionIds = new HashMap<>();
        for (int i = 0; i < actionNames.length; i++) {
            actionIds.put(actionNames[i], i);
        }
        Map<String, Integer> policyIndex = new HashMap<>();
        Map<ConditionKey, Integer> slots = slotsOf(set);
        Draft root = new Draft();
        List<CompiledCondition> conditions = new ArrayList<>();
        int order = 0;
        List<Policy> policies = set.policies();
        for (int p = 0; p < policies.size(); p++) {
            Policy policy = policies.get(p);
            policyIndex.put(policy.name(), p);
            for (int s = 0; s < policy.statements().size(); s++) {
                Statement st = policy.statements().get(s);
                MatchedStatement ms = new MatchedStatement(policy.name(), st.effect(), s,
                        set.sources().statement(policy.name(), s));
                CompiledCondition condition = st.condition().map(c -> CompiledCondition.compile(c, slots)).orElse(null);
                if (condition != null) {
                    conditions.add(condition);
                }
                TrieEntry entry = new TrieEntry(p, order++, ms, condition);
                int[] ids = actionIdsOf(st, actionIds, actionNames.length);
                for (ResourcePattern pattern : st.resources()) {
                    insert(root, pattern, entry, ids, actionNames.length);
                }
            }
        }
        Map<String, int[]> rolePolicies = new HashMap<>();
        for (Role role : set.roles()) {
            int[] idx = new int[role.policies().size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = policyIndex.get(role.policies().get(i)); // validated by PolicySet
            }
            rolePolicies.put(role.name(), idx);
        }
        ConditionKey[] keys = slots.keySet().toArray(new ConditionKey[0]);
        return new Compiled(actionNames, Map.copyOf(policyIndex), Map.copyOf(rolePolicies),
                root.freeze(actionNames.length, new HashMap<>()), Facts.Layout.of(keys, conditions));
    }

    /** The slots of every key the set's conditions read ({@link CompiledCondition#slots}). */
    private static Map<ConditionKey, Integer> slotsOf(PolicySet set) {
        List<Condition> conditions = new ArrayList<>();
        for (Policy policy : set.policies()) {
            for (Statement st : policy.statements()) {
                st.condition().ifPresent(conditions::add);
            }
        }
        return CompiledCondition.slots(conditions);
    }

    private static int[] actionIdsOf(Statement st, Map<String, Integer> actionIds, int count) {
        if (st.coversAnyAction()) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] ids = new int[st.actions().size()];
        int i = 0;
        for (String a : st.actions()) {
            ids[i++] = actionIds.get(a); // validated by PolicySet
        }
        return ids;
    }

    private static void insert(Draft root, ResourcePattern pattern, TrieEntry entry, int[] actionIds, int actionCount) {
        Draft node = root;
        for (PatternSegment seg : pattern.segments()) {
            if (seg instanceof PatternSegment.Rest) {
                node.rest(actionCount).add(entry, actionIds);
                return;
            }
            node = node.child(seg);
        }
        node.exact(actionCount).add(entry, actionIds);
    }

    /**
     * A mutable trie node, keyed by the public {@link PatternSegment}s; frozen into an immutable
     * {@link Node} when the whole set is in.
     */
    private static final class Draft {
        // Made on first use: most nodes are leaves, and a million empty maps cost time and memory.
        Map<String, Draft> literals;
        Draft star;
        Map<PatternSegment.Glob, Draft> globs;
        Map<PatternSegment.Variable, Draft> vars;
        DraftBucket exact;
        DraftBucket rest;

        /** The child for a segment other than {@code **}, made on first use. */
        Draft child(PatternSegment seg) {
            if (seg instanceof PatternSegment.Literal lit) {
                if (literals == null) {
                    literals = new LinkedHashMap<>(4);
                }
                return literals.computeIfAbsent(lit.text(), k -> new Draft());
            }
            if (seg instanceof PatternSegment.Star) {
                if (star == null) {
                    star = new Draft();
                }
                return star;
            }
            if (seg instanceof PatternSegment.Glob g) {
                if (globs == null) {
                    globs = new LinkedHashMap<>(4);
                }
                return globs.computeIfAbsent(g, k -> new Draft());
            }
            if (vars == null) {
                vars = new LinkedHashMap<>(4);
            }
            return vars.computeIfAbsent((PatternSegment.Variable) seg, k -> new Draft());
        }

        DraftBucket exact(int actionCount) {
            if (exact == null) {
                exact = new DraftBucket(actionCount);
            }
            return exact;
        }

        DraftBucket rest(int actionCount) {
            if (rest == null) {
                rest = new DraftBucket(actionCount);
            }
            return rest;
        }

        /** The immutable node, children first. */
        Node freeze(int actionCount, Map<String, String> strings) {
            String[] keys = Node.NO_KEYS;
            Node[] kids = Node.NO_NODES;
            if (literals != null) {
                keys = new String[literals.size()];
                // One String per distinct segment text: the `channels` of every workspace is the
                // same object, hot in the cache.
                kids = freezeAll(literals, keys, k -> strings.computeIfAbsent(k, x -> x), actionCount, strings);
            }
            Node starNode = star == null ? null : star.freeze(actionCount, strings);
            Node.Special special = null;
            if (globs != null || vars != null) {
                GlobMatcher[] g = Node.NO_GLOBS;
                Node[] gn = Node.NO_NODES;
                if (globs != null) {
                    g = new GlobMatcher[globs.size()];
                    gn = freezeAll(globs, g, GlobMatcher::new, actionCount, strings);
                }
                VariableMatcher[] v = Node.NO_VARS;
                Node[] vn = Node.NO_NODES;
                if (vars != null) {
                    v = new VariableMatcher[vars.size()];
                    vn = freezeAll(vars, v, VariableMatcher::new, actionCount, strings);
                }
                special = new Node.Special(g, gn, v, vn);
            }
            return new Node(keys, kids, starNode, special,
                    exact == null ? null : exact.freeze(), rest == null ? null : rest.freeze());
        }

        /**
         * Freezes the drafts of {@code children} and fills {@code keys} with their compiled keys,
         * in the same order; returns the frozen nodes.
         */
        private static <K, M> Node[] freezeAll(Map<K, Draft> children, M[] keys, Function<K, M> compile,
                int actionCount, Map<String, String> strings) {
            Node[] nodes = new Node[keys.length];
            int i = 0;
            for (Map.Entry<K, Draft> e : children.entrySet()) {
                keys[i] = compile.apply(e.getKey());
                nodes[i++] = e.getValue().freeze(actionCount, strings);
            }
            return nodes;
        }
    }

    /** The statements ending at one draft node: per action id, allow lists then deny lists, made on first use. */
    private static final class DraftBucket {
        private final List<TrieEntry>[] lists;

        @SuppressWarnings("unchecked")
        DraftBucket(int actionCount) {
            lists = new List[2 * actionCount];
        }

        void add(TrieEntry entry, int[] actionIds) {
            int base = entry.statement.effect() == Effect.ALLOW ? 0 : lists.length >> 1;
            for (int id : actionIds) {
                List<TrieEntry> l = lists[base + id];
                if (l == null) {
                    l = new ArrayList<>(2);
                    lists[base + id] = l;
                }
                l.add(entry);
            }
        }

        /** One array: allow entries per action id, then deny entries per action id. */
        TrieEntry[][] freeze() {
            TrieEntry[][] out = new TrieEntry[lists.length][];
            for (int i = 0; i < out.length; i++) {
                List<TrieEntry> l = lists[i];
                if (l == null) {
                    out[i] = NONE;
                } else {
                    if (l.size() > 1) {
                        l.sort(Comparator.comparingInt(e -> e.policy)); // stable: statement order within a policy
                    }
                    out[i] = l.toArray(NONE);
                }
            }
            return out;
        }
    }
}
