package dev.warden.dsl;

import dev.warden.core.Actions;
import dev.warden.core.PolicySet;
import dev.warden.core.PolicySetException;
import dev.warden.core.PolicySetProblem.Subject;
import dev.warden.core.PolicySetProblem;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.SourceMap;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.internal.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the parsed files of a load into one {@link PolicySet}. The {@link PolicySet.Builder}
 * validates the set (declared actions, unique names, known actions, the policies a role names);
 * this hands it everything that was read, in order, and turns each {@link PolicySetProblem} into a
 * diagnostic: the kind gives the code ({@link Codes#of(PolicySetProblem.Kind)}), the subject gives
 * the place, found in what was handed over. What stays here is what only a loader knows: the
 * limit on declared actions, Bird JSON's embedded copies, and the items the builder does not
 * keep (a statement left out for an error of its own, a copy, a duplicate), which are checked with
 * the builder's own rules ({@link PolicySet.Builder#knowsAction}, {@link PolicySet.Builder#hasPolicy}).
 */
final class Merge {
    private final Map<String, SourceText> sources = new LinkedHashMap<>();
    private final PolicySet.Builder builder = PolicySet.builder();
    /** What was handed to the builder, in order: a subject's index points into these. */
    private final List<ParsedFile.ActionDecl> declarations = new ArrayList<>();
    private final List<ParsedFile.PolicyDef> definitions = new ArrayList<>();
    private final List<ParsedFile.RoleDef> roleDefinitions = new ArrayList<>();
    /** The policies and roles of the set, by name: the first definition (for a policy, the first that is not a copy). */
    private final Map<String, ParsedFile.PolicyDef> policies = new LinkedHashMap<>();
    private final Map<String, ParsedFile.RoleDef> roles = new LinkedHashMap<>();
    /** The actions a statement may name, for hints: the built-in ones, then the declared ones. */
    private final List<String> known = new ArrayList<>(Actions.BUILT_IN);

    private Merge() {}

    /** Merges parsed files: builds the set when neither the files nor the builder report a problem. */
    static LoadResult merge(List<ParsedFile> files, List<Diagnostic> io) {
        return new Merge().run(files, io);
    }

    private LoadResult run(List<ParsedFile> files, List<Diagnostic> io) {
        List<Diagnostic> all = new ArrayList<>(io);
        List<String> fileNames = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (ParsedFile f : files) {
            all.addAll(f.diagnostics());
            if (!fileNames.contains(f.file())) {
                fileNames.add(f.file());
            }
            texts.putIfAbsent(f.file(), f.text());
            sources.put(f.file(), new SourceText(f.file(), String.join("\n", f.lines())));
        }
        declare(files);
        addPolicies(files);
        addRoles(files);
        Optional<PolicySet> set = Optional.empty();
        try {
            set = Optional.of(builder.build());
        } catch (PolicySetException e) {
            for (PolicySetProblem p : e.problems()) {
                report(p);
            }
        }
        for (SourceText src : sources.values()) {
            all.addAll(src.diagnostics());
        }
        if (!all.isEmpty()) {
            return new LoadResult(Optional.empty(), PolicyLoader.capped(all), fileNames, texts);
        }
        return new LoadResult(set, List.of(), fileNames, texts);
    }

    /** Declared actions, every file's known in every file; past the limit they are not declared. */
    private void declare(List<ParsedFile> files) {
        Set<String> declared = new LinkedHashSet<>();
        boolean tooMany = false;
        for (ParsedFile f : files) {
            for (ParsedFile.ActionDecl a : f.actions()) {
                String lower = a.name().toLowerCase(Locale.ROOT);
                boolean builtIn = Actions.isBuiltIn(lower); // the builder refuses it; it does not count
                if (!builtIn && !declared.contains(lower) && declared.size() == Limits.MAX_DECLARED_ACTIONS) {
                    if (!tooMany) {
                        tooMany = true;
                        sources.get(f.file()).error(Codes.TOO_MANY_DECLARED_ACTIONS, a.at(), a.name().length(),
                                "more than " + Limits.MAX_DECLARED_ACTIONS + " actions are declared: "
                                        + SourceText.quote(lower) + " is one too many",
                                "declare fewer actions; `any` covers every action");
                    }
                    continue;
                }
                if (!builtIn) {
                    declared.add(lower);
                }
                declarations.add(a);
                builder.declareAction(a.name(), a.at());
            }
        }
        known.addAll(declared);
    }

    /**
     * Policies: identical embedded copies of a policy are one policy, different ones an error;
     * every other definition goes to the builder, which reports a name defined twice.
     */
    private void addPolicies(List<ParsedFile> files) {
        List<ParsedFile.PolicyDef> duplicates = new ArrayList<>();
        for (ParsedFile f : files) {
            SourceText src = sources.get(f.file());
            for (ParsedFile.PolicyDef def : f.policies()) {
                String name = def.policy().name();
                ParsedFile.PolicyDef first = policies.get(name);
                if (first == null) {
                    policies.put(name, def);
                } else if (!first.copy() && !def.copy()) {
                    duplicates.add(def);
                } else if (!first.policy().equals(def.policy())) {
                    src.error(Codes.CONFLICTING_COPIES, def.at(), width(src, name, def.at()),
                            "policy " + SourceText.quote(name) + " is defined differently at " + first.at(),
                            "copies of a policy embedded in roles must be identical to each other and to the policy");
                } else if (first.copy() && !def.copy()) {
                    policies.put(name, def);
                }
            }
        }
        for (ParsedFile.PolicyDef def : policies.values()) {
            add(def);
        }
        for (ParsedFile.PolicyDef def : duplicates) {
            add(def);
        }
        // the statements the set does not hold: left out for an error of their own, or of a copy or a duplicate
        for (ParsedFile f : files) {
            SourceText src = sources.get(f.file());
            unknownActions(src, f.unbuilt());
            for (ParsedFile.PolicyDef def : f.policies()) {
                if (policies.get(def.policy().name()) != def) {
                    unknownActions(src, def.statements());
                }
            }
        }
    }

    private void add(ParsedFile.PolicyDef def) {
        List<SourceMap.StatementSources> statementSources = new ArrayList<>(def.statements().size());
        for (ParsedFile.StatementDef s : def.statements()) {
            statementSources.add(s.sources());
        }
        definitions.add(def);
        builder.add(def.policy(), new SourceMap.PolicySources(def.at(), statementSources, def.birdId()));
    }

    /**
     * A role whose Bird JSON named policies by {@code {"id": ...}}, with those ids replaced by the
     * names of the loaded policies that carry them. An id that no loaded policy carries is
     * reported here and left out of the role (never read as a policy name).
     */
    private ParsedFile.RoleDef resolveIds(ParsedFile.RoleDef def, Map<String, String> byBirdId) {
        if (def.byId().isEmpty()) {
            return def;
        }
        List<String> names = new ArrayList<>();
        List<SourceLocation> refs = new ArrayList<>();
        List<String> written = def.role().policies();
        for (int i = 0; i < written.size(); i++) {
            String name = def.byId().contains(i) ? byBirdId.get(written.get(i)) : written.get(i);
            if (name == null) {
                SourceLocation at = def.policyRefs().get(i);
                SourceText src = source(at);
                src.error(Codes.of(PolicySetProblem.Kind.UNKNOWN_POLICY_IN_ROLE), at, width(src, written.get(i), at),
                        "role " + SourceText.quote(def.role().name()) + " names the policy with id "
                                + SourceText.quote(written.get(i)) + ", and no loaded policy has that `id`",
                        "load the file that defines it, or remove it from the role");
            } else if (!names.contains(name)) {
                names.add(name);
                refs.add(def.policyRefs().get(i));
            }
        }
        return new ParsedFile.RoleDef(new Role(def.role().name(), def.role().description(), names), def.at(), refs);
    }

    /** Roles: every definition goes to the builder, which reports a name defined twice. */
    private void addRoles(List<ParsedFile> files) {
        Map<String, String> byBirdId = new LinkedHashMap<>();
        for (ParsedFile.PolicyDef def : policies.values()) {
            def.birdId().ifPresent(id -> byBirdId.putIfAbsent(id, def.policy().name()));
        }
        List<ParsedFile.RoleDef> duplicates = new ArrayList<>();
        for (ParsedFile f : files) {
            for (ParsedFile.RoleDef read : f.roles()) {
                ParsedFile.RoleDef def = resolveIds(read, byBirdId);
                if (roles.putIfAbsent(def.role().name(), def) != null) {
                    duplicates.add(def);
                }
            }
        }
        for (ParsedFile.RoleDef def : roles.values()) {
            roleDefinitions.add(def);
            builder.add(def.role(), def.at());
        }
        for (ParsedFile.RoleDef def : duplicates) {
            roleDefinitions.add(def);
            builder.add(def.role(), def.at());
            // the builder keeps the first definition only: the policies this one names are checked here
            List<String> refs = def.role().policies();
            for (int i = 0; i < refs.size(); i++) {
                if (!builder.hasPolicy(refs.get(i))) {
                    unknownPolicy(def, i);
                }
            }
        }
    }

    /** One problem the builder found, as the diagnostic of its kind at the place its subject was read from. */
    private void report(PolicySetProblem p) {
        String code = Codes.of(p.kind());
        switch (p.kind()) {
            case INVALID_ACTION_NAME -> {
                // the readers check action names with the same rule first: the words are the core's
                ParsedFile.ActionDecl a = declarations.get(((Subject.ActionDeclaration) p.subject()).declaration());
                source(a.at()).error(code, a.at(), 1, p.message(), p.hint());
            }
            case BUILT_IN_ACTION -> {
                ParsedFile.ActionDecl a = declarations.get(((Subject.ActionDeclaration) p.subject()).declaration());
                source(a.at()).error(code, a.at(), a.name().length(),
                        "`" + a.name().toLowerCase(Locale.ROOT) + "` is a built-in action and cannot be declared",
                        "remove it from `actions`");
            }
            case DUPLICATE_POLICY -> {
                ParsedFile.PolicyDef def = definitions.get(((Subject.PolicyDefinition) p.subject()).definition());
                String name = def.policy().name();
                SourceText src = source(def.at());
                src.error(code, def.at(), width(src, name, def.at()), "duplicate policy " + SourceText.quote(name),
                        "it is first defined at " + policies.get(name).at() + "; rename one of them");
            }
            case DUPLICATE_ROLE -> {
                ParsedFile.RoleDef def = roleDefinitions.get(((Subject.RoleDefinition) p.subject()).definition());
                String name = def.role().name();
                SourceText src = source(def.at());
                src.error(code, def.at(), width(src, name, def.at()), "duplicate role " + SourceText.quote(name),
                        "it is first defined at " + roles.get(name).at() + "; rename one of them");
            }
            case UNKNOWN_ACTION -> {
                Subject.StatementAction s = (Subject.StatementAction) p.subject();
                ParsedFile.PolicyDef def = policies.get(s.policy());
                ParsedFile.StatementDef statement = def.statements().get(s.statement());
                // the statement holds each action once, in lower case: point at every way it was written
                for (int i = 0; i < statement.actionNames().size(); i++) {
                    if (Actions.normalize(statement.actionNames().get(i)).equals(s.action())) {
                        unknownAction(source(def.at()), statement, i);
                    }
                }
            }
            case UNKNOWN_POLICY_IN_ROLE -> {
                Subject.RolePolicy r = (Subject.RolePolicy) p.subject();
                unknownPolicy(roles.get(r.role()), r.reference());
            }
        }
    }

    /** The statements' actions the builder does not know. */
    private void unknownActions(SourceText src, List<ParsedFile.StatementDef> statements) {
        for (ParsedFile.StatementDef s : statements) {
            for (int i = 0; i < s.actionNames().size(); i++) {
                if (!builder.knowsAction(Actions.normalize(s.actionNames().get(i)))) {
                    unknownAction(src, s, i);
                }
            }
        }
    }

    private void unknownAction(SourceText src, ParsedFile.StatementDef s, int i) {
        String written = s.actionNames().get(i);
        String lower = Actions.normalize(written);
        SourceLocation at = s.actions().get(i);
        src.error(Codes.of(PolicySetProblem.Kind.UNKNOWN_ACTION), at, width(src, written, at),
                "unknown action " + SourceText.quote(written),
                didYouMean(lower, known).orElse("declare it with `actions " + lower + "`, or use one of "
                        + String.join(", ", known)));
    }

    private void unknownPolicy(ParsedFile.RoleDef def, int i) {
        String ref = def.role().policies().get(i);
        SourceLocation at = def.policyRefs().get(i);
        SourceText src = source(at);
        src.error(Codes.of(PolicySetProblem.Kind.UNKNOWN_POLICY_IN_ROLE), at, width(src, ref, at),
                "role " + SourceText.quote(def.role().name()) + " names policy " + SourceText.quote(ref)
                        + ", which is not loaded",
                didYouMean(ref, policies.keySet()).orElse("load the file that defines it, or remove it from the role"));
    }

    private static Optional<String> didYouMean(String word, Collection<String> candidates) {
        return Suggestions.closest(word, candidates).map(s -> "did you mean `" + s + "`?");
    }

    private SourceText source(SourceLocation at) {
        return sources.get(at.file());
    }

    /** The caret width for a name or action at {@code at}: its length, quotes included when it is quoted there. */
    private static int width(SourceText src, String name, SourceLocation at) {
        int length = name.codePointCount(0, name.length());
        String line = src.line(at.line());
        int i = at.column() - 1;
        boolean quoted = i < line.codePointCount(0, line.length()) && line.codePointAt(line.offsetByCodePoints(0, i)) == '"';
        return quoted ? length + 2 : length;
    }
}
