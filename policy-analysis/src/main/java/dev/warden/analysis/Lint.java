package dev.warden.analysis;

import dev.warden.core.Actions;
import dev.warden.core.Condition;
import dev.warden.core.Effect;
import dev.warden.core.PatternSegment;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.Related;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Exact analyses of a policy set, computed on the patterns as path languages (not sampled): see
 * {@link Rule} for each. Each finding is a {@link Diagnostic} with its rule's code, name and severity. Variables are handled as {@link Words} handles them: a statement
 * is redundant or shadowed only if it is for every principal.
 */
public final class Lint {
    private static final Set<String> WRITE_ACTIONS = Set.of(Actions.CREATE, Actions.UPDATE, Actions.DELETE, Actions.ANY);

    private final PolicySet set;
    private final List<Diagnostic> findings = new ArrayList<>();
    /** The roles that hold each policy. */
    private final java.util.Map<String, List<Role>> rolesOf = new java.util.HashMap<>();
    /** The deny statements of each role, indexed; built on first use. */
    private final java.util.Map<String, PatternIndex> roleDenies = new java.util.HashMap<>();
    /** Every allow statement of the set, indexed; built on first use. */
    private PatternIndex allows;
    /** The allows whose condition can never be true (reported once, as such, and by no other rule). */
    private final Set<Statement> neverApply = new HashSet<>();

    private Lint(PolicySet set) {
        this.set = set;
        for (Role r : set.roles()) {
            for (String p : r.policies()) {
                rolesOf.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
            }
        }
    }

    /**
     * Every finding for the set, ordered by where it was written.
     *
     * @param set the loaded policy set, with its sources
     * @return the findings
     */
    public static List<Diagnostic> analyze(PolicySet set) {
        return analyze(set, List.of());
    }

    /**
     * The same, plus the schema rules against the API's operations (empty: no schema).
     *
     * @param set the loaded policy set, with its sources
     * @param operations the API's operations, or empty for no schema rules
     * @return the findings
     */
    public static List<Diagnostic> analyze(PolicySet set, List<Operation> operations) {
        Lint lint = new Lint(set);
        for (Policy p : set.policies()) {
            lint.conditions(p);
            lint.duplicatesAndRedundancy(p);
            lint.shadowedAllows(p);
            lint.unusedDenies(p);
            lint.overbroadWrites(p);
        }
        lint.rolesAndPolicies();
        if (!operations.isEmpty()) {
            Schema.check(set, operations, lint.findings);
        }
        List<Diagnostic> out = new ArrayList<>(lint.findings);
        out.sort(Diagnostic.ORDER);
        return out;
    }

    /**
     * Conditions that can never be true, or never false, over every value of every key they read
     * (exactly, by the classes of {@link Valuations}; nothing is reported when the classes are not
     * exhaustive).
     */
    private void conditions(Policy p) {
        for (int j = 0; j < p.statements().size(); j++) {
            Statement s = p.statements().get(j);
            if (s.condition().isEmpty()) {
                continue;
            }
            Condition c = s.condition().get();
            Words words = Words.over(List.of(s));
            if (!words.exhaustive()) {
                continue;
            }
            Automaton everything = words.anyPrefix().concatenate(Automaton.makeAnyString());
            boolean allow = s.effect() == Effect.ALLOW;
            if (words.condition(c, false).isEmpty()) {
                if (allow) {
                    neverApply.add(s);
                }
                add(Rule.CONDITION_NEVER_HOLDS, p, j, "the condition of " + describe(p, j) + " can never be true: "
                                + (allow ? "the statement never applies" : "the deny applies only where a value it reads is missing or unreadable"),
                        "no value of " + keys(c) + " satisfies it; check its values and operators");
                continue;
            }
            if (everything.subsetOf(words.condition(c, true))) {
                add(Rule.CONDITION_ALWAYS_HOLDS, p, j, "the condition of " + describe(p, j) + " can never be false: "
                                + (allow ? "it only requires " + keys(c) + " to be present and readable"
                                        : "the deny applies to every request it matches, as without it"),
                        "every value of " + keys(c) + " satisfies it; remove it or narrow its values");
                continue;
            }
            if (c.anyOf().size() > 1) {
                for (int k = 0; k < c.anyOf().size(); k++) {
                    Condition alternative = new Condition(List.of(c.anyOf().get(k)));
                    if (words.condition(alternative, false).isEmpty()) {
                        add(Rule.CONDITION_NEVER_HOLDS, p, j, "alternative " + (k + 1) + " of the condition of " + describe(p, j)
                                        + " (`or` branch " + (k + 1) + " of " + c.anyOf().size() + ") can never be true",
                                "no value of " + keys(alternative) + " satisfies it; remove it or fix its values");
                    }
                }
            }
        }
    }

    /** The keys a condition reads, in words: {@code `context.ip`}, {@code `context.ip` and `principal.team`}. */
    private static String keys(Condition c) {
        List<String> keys = c.keys().stream().map(k -> "`" + k.text() + "`").toList();
        return keys.size() == 1 ? keys.get(0) : String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.get(keys.size() - 1);
    }

    /** Where a statement was written, or its policy when the statement's place is unknown. */
    static Optional<SourceLocation> where(PolicySet set, Policy p, int statement) {
        return set.sources().statementOrPolicy(p.name(), statement);
    }

    private Optional<SourceLocation> where(Policy p, int statement) {
        return where(set, p, statement);
    }

    private static String describe(Policy p, int i) {
        return "statement " + (i + 1) + " of policy `" + p.name() + "`";
    }

    private void add(Rule rule, Policy p, int statement, String message, String hint) {
        add(rule, p, statement, message, hint, List.of());
    }

    /** A finding about a statement (or, for {@code statement} -1, a whole policy), with related places. */
    private void add(Rule rule, Policy p, int statement, String message, String hint, List<Related> related) {
        Optional<SourceLocation> source = statement >= 0 ? where(p, statement) : set.sources().policy(p.name());
        findings.add(rule.at(source, message, hint).withRelated(related));
    }

    /** The statement's place as a related place, when it is known. */
    private List<Related> related(Policy p, int statement, String what) {
        return where(p, statement).map(at -> List.of(new Related(at, what))).orElse(List.of());
    }

    /** The actions a statement covers in this set. */
    private Set<String> actionsOf(Statement s) {
        return s.coversAnyAction() ? new LinkedHashSet<>(set.actions()) : s.actions();
    }

    /**
     * Paths that a statement applies to, one per pattern, made without automata: {@code *},
     * {@code **} and each {@code *} of a glob become {@code x}. Empty when a pattern has variables
     * (their values depend on the principal), or when the statement applies to no request at all
     * (then nothing is a witness). A cheap witness: for some principal and context the statement
     * applies on each of these paths (its condition holds for some class of values, whatever the
     * path), so a variable-free statement whose patterns miss one of them does not cover it.
     */
    private static List<String> probes(Statement s, Words words) {
        List<String> out = new ArrayList<>();
        for (ResourcePattern p : s.resources()) {
            if (p.hasVariables()) {
                return List.of();
            }
            StringBuilder b = new StringBuilder();
            for (PatternSegment seg : p.segments()) {
                b.append('/').append(probe(seg));
            }
            out.add(b.toString());
        }
        if (s.condition().isPresent() && words.condition(s.condition().get(), s.effect() == Effect.DENY).isEmpty()) {
            return List.of();
        }
        return out;
    }

    /** The probe's segment for a pattern segment without a variable: each {@code *} and {@code **} becomes {@code x}. */
    private static String probe(PatternSegment seg) {
        if (seg instanceof PatternSegment.Literal l) {
            return l.text();
        }
        if (seg instanceof PatternSegment.Glob g) {
            return String.join("x", g.parts());
        }
        if (seg instanceof PatternSegment.Star || seg instanceof PatternSegment.Rest) {
            return "x";
        }
        throw new IllegalArgumentException("a probe has no segment for a variable: `" + seg.text() + "`");
    }

    /**
     * Whether a statement's patterns match every probe, when it has no variables (whatever its
     * condition: a statement that covers another matches the other's paths); true when it has
     * variables, whose answer depends on the principal: the exact test decides.
     */
    private static boolean acceptsAll(Statement s, List<String> probes) {
        if (!Literal.variableFree(s.resources())) {
            return true;
        }
        for (String probe : probes) {
            if (!Literal.anyMatches(s.resources(), probe)) {
                return false;
            }
        }
        return true;
    }

    private void duplicatesAndRedundancy(Policy p) {
        List<Statement> st = p.statements();
        Words words = Words.over(st);
        // built only for the pairs that pass the cheap tests, once each (Words keeps them)
        IntFunction<Automaton> languageOf = k -> words.statement(st.get(k));
        for (int j = 0; j < st.size(); j++) {
            Statement s = st.get(j);
            int duplicateOf = st.indexOf(s);
            if (duplicateOf < j) {
                add(Rule.DUPLICATE_STATEMENT, p, j,
                        describe(p, j) + " repeats statement " + (duplicateOf + 1), "delete one of them",
                        related(p, duplicateOf, "the statement it repeats"));
                continue;
            }
            if (neverApply.contains(s)) {
                continue;
            }
            List<String> probes = probes(s, words);
            for (int i = 0; i < st.size(); i++) {
                Statement t = st.get(i);
                if (i == j || t.equals(s) || t.effect() != s.effect() || !actionsOf(t).containsAll(actionsOf(s))) {
                    continue;
                }
                if (!acceptsAll(t, probes)
                        || !languageOf.apply(j).subsetOf(languageOf.apply(i))) {
                    continue;
                }
                boolean mutual = actionsOf(s).containsAll(actionsOf(t)) && languageOf.apply(i).subsetOf(languageOf.apply(j));
                if (mutual && j < i) {
                    continue; // equivalent statements: report the later one only
                }
                add(Rule.REDUNDANT_STATEMENT, p, j,
                        describe(p, j) + " is covered by statement " + (i + 1) + " ("
                                + where(p, i).map(SourceLocation::toString).orElse("") + ")",
                        "every request it " + verb(s) + ", statement " + (i + 1) + " " + verb(s)
                                + " too; delete it or narrow the other",
                        related(p, i, "the statement that covers it"));
                break;
            }
        }
    }

    private static String verb(Statement s) {
        return s.effect() == Effect.ALLOW ? "allows" : "denies";
    }

    private void shadowedAllows(Policy p) {
        List<Statement> st = p.statements();
        PatternIndex ownDenies = new PatternIndex(st.stream().filter(x -> x.effect() == Effect.DENY).toList());
        for (int j = 0; j < st.size(); j++) {
            Statement s = st.get(j);
            if (s.effect() != Effect.ALLOW || neverApply.contains(s)) {
                continue;
            }
            if (coveredByDenies(s, ownDenies)) {
                List<Related> related = new ArrayList<>();
                for (Statement d : relevantDenies(s, ownDenies)) {
                    related.addAll(related(p, st.indexOf(d), "a deny that covers it"));
                }
                add(Rule.SHADOWED_ALLOW, p, j,
                        describe(p, j) + " can never take effect: denies in the same policy cover every request it allows",
                        "remove it, or narrow the deny", related);
                continue;
            }
            for (Role r : rolesOf.getOrDefault(p.name(), List.of())) {
                PatternIndex denies = roleDenies.computeIfAbsent(r.name(), k -> new PatternIndex(
                        Access.ofRole(set, r.name()).stream().filter(x -> x.effect() == Effect.DENY).toList()));
                if (coveredByDenies(s, denies)) {
                    add(Rule.SHADOWED_ALLOW, p, j,
                            describe(p, j) + " can never take effect in role `" + r.name()
                                    + "`: denies of the role's policies cover every request it allows",
                            "remove the policy from the role, or narrow the deny");
                }
            }
        }
    }

    /** The denies whose patterns may meet the allow's and that share an action with it. */
    private List<Statement> relevantDenies(Statement allow, PatternIndex denies) {
        List<Statement> relevant = new ArrayList<>();
        for (Statement d : denies.candidates(allow.resources())) {
            if (shareAction(d, allow)) {
                relevant.add(d);
            }
        }
        return relevant;
    }

    /** Whether the denies (only those whose patterns may meet the allow's) cover it for every action. */
    private boolean coveredByDenies(Statement allow, PatternIndex denies) {
        List<Statement> relevant = relevantDenies(allow, denies);
        if (relevant.isEmpty()) {
            return false;
        }
        // Most allows are not covered: one request they allow that no deny matches shows it at
        // once, before the exact (and costlier) inclusion test on automata.
        List<String> probes = probes(allow, Words.over(List.of(allow)));
        for (String action : actionsOf(allow)) {
            for (String probe : probes) {
                if (!deniedByOne(relevant, action, probe)) {
                    return false;
                }
            }
        }
        List<Statement> all = new ArrayList<>(relevant);
        all.add(allow);
        Words words = Words.over(all);
        Automaton allowed = words.statement(allow);
        for (String action : actionsOf(allow)) {
            Automaton denied = Access.union(relevant, Effect.DENY, action, words);
            if (!allowed.subsetOf(denied)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a deny that covers the action matches the path; true when a deny with variables
     * covers it (its answer depends on the principal: the exact test decides).
     */
    private static boolean deniedByOne(List<Statement> denies, String action, String path) {
        for (Statement d : denies) {
            if (Access.covers(d, action) && (!Literal.variableFree(d.resources()) || Literal.anyMatches(d.resources(), path))) {
                return true;
            }
        }
        return false;
    }

    private void unusedDenies(Policy p) {
        for (int j = 0; j < p.statements().size(); j++) {
            Statement d = p.statements().get(j);
            if (d.effect() != Effect.DENY) {
                continue;
            }
            // Only allows whose patterns could meet the deny's patterns take part (the index walks
            // only the branches of the trie that could agree), so this stays fast on large sets.
            if (allows == null) {
                List<Statement> all = new ArrayList<>();
                set.policies().forEach(q -> q.statements().stream().filter(a -> a.effect() == Effect.ALLOW).forEach(all::add));
                allows = new PatternIndex(all);
            }
            // The union of allows meets the deny exactly when one of them does: test them one by
            // one and stop at the first.
            boolean overrides = false;
            for (Statement a : allows.candidates(d.resources())) {
                if (!shareAction(d, a)) {
                    continue;
                }
                if (meet(d, a)) {
                    overrides = true;
                    break;
                }
            }
            if (!overrides) {
                add(Rule.UNUSED_DENY, p, j,
                        describe(p, j) + " overrides nothing: no allow of any policy covers a request it denies",
                        "it is harmless as a guard rail; delete it if it is left over");
            }
        }
    }

    /** Whether some request matches both statements, for some principal. */
    private static boolean meet(Statement d, Statement a) {
        if (Literal.variableFree(d.resources()) && Literal.variableFree(a.resources())) {
            boolean paths = false;
            for (ResourcePattern x : d.resources()) {
                for (ResourcePattern y : a.resources()) {
                    paths |= Literal.intersect(x, y);
                }
            }
            if (!paths || d.condition().isEmpty() && a.condition().isEmpty()) {
                return paths; // without conditions the paths decide; with, they must meet first
            }
            // each language is its paths under its condition's classes: they meet where both do
            Words words = Words.over(List.of(d, a));
            return !words.applies(d).intersection(words.applies(a)).isEmpty();
        }
        Words words = Words.over(List.of(d, a));
        return !words.statement(d).intersection(words.statement(a)).isEmpty();
    }

    /**
     * Whether two statements cover a common action. The {@link PatternIndex} that found them
     * already checked that their patterns may meet.
     */
    private boolean shareAction(Statement d, Statement a) {
        if (d.coversAnyAction() || a.coversAnyAction()) {
            return true;
        }
        for (String action : a.actions()) {
            if (d.actions().contains(action)) {
                return true;
            }
        }
        return false;
    }

    private void overbroadWrites(Policy p) {
        for (int j = 0; j < p.statements().size(); j++) {
            Statement s = p.statements().get(j);
            if (s.effect() != Effect.ALLOW) {
                continue;
            }
            Set<String> writes = new LinkedHashSet<>(s.actions());
            writes.retainAll(WRITE_ACTIONS);
            if (writes.isEmpty()) {
                continue;
            }
            for (ResourcePattern pattern : s.resources()) {
                int segs = pattern.segmentCount();
                if (pattern.endsWithDoubleStar() && segs - 1 <= 2) {
                    add(Rule.OVERBROAD_WRITE, p, j,
                            describe(p, j) + " allows " + String.join(", ", writes) + " on `" + pattern.text()
                                    + "`, everything below `" + (segs == 1 ? "/" : pattern.text().substring(0,
                                    pattern.text().length() - 3)) + "`",
                            "grant writes on the collections that need them, e.g. `/workspaces/*/channels/*`");
                }
            }
        }
    }

    private void rolesAndPolicies() {
        Set<String> used = new HashSet<>();
        for (Role r : set.roles()) {
            used.addAll(r.policies());
            if (r.policies().isEmpty()) {
                findings.add(Rule.EMPTY_ROLE.at(set.sources().role(r.name()),
                        "role `" + r.name() + "` names no policy: it grants nothing", "add policies or delete the role"));
            }
        }
        for (Policy p : set.policies()) {
            if (!used.contains(p.name())) {
                add(Rule.UNUSED_POLICY, p, -1, "no role uses policy `" + p.name() + "`",
                        "attach it to a role, or make sure principals name it directly");
            }
        }
    }
}
