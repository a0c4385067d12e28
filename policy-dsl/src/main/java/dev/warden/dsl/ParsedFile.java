package dev.warden.dsl;

import dev.warden.core.Policy;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.SourceMap;
import dev.warden.core.diagnostic.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What one source file holds, before the files of a load are merged into a {@link
 * dev.warden.core.PolicySet}: its declared actions, policies and roles with where each part was
 * written, and the diagnostics found while reading it. Both readers (the policy language and Bird
 * JSON) produce this; the loader ({@link Merge}) hands every file's items to the policy-set builder,
 * which checks them across files, and builds the set.
 *
 * <p>An item that could not be read (a statement with a bad pattern, say) is left out and a
 * diagnostic says why; the load then fails, so a partial file never becomes a policy set.
 *
 * @param file the file as the user named it
 * @param text the file's text, as read
 * @param lines the file's lines, for carets under diagnostics (empty for non-text sources)
 * @param unbuilt statements left out for an error of their own (a bad pattern, say), kept so that
 *     their action names are still checked against every file's declarations: a load reports all
 *     the errors it can
 */
record ParsedFile(
        String file,
        String text,
        List<String> lines,
        List<ActionDecl> actions,
        List<PolicyDef> policies,
        List<RoleDef> roles,
        List<StatementDef> unbuilt,
        List<Diagnostic> diagnostics) {

    ParsedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        lines = List.copyOf(lines);
        actions = List.copyOf(actions);
        policies = List.copyOf(policies);
        roles = List.copyOf(roles);
        unbuilt = List.copyOf(unbuilt);
        diagnostics = List.copyOf(diagnostics);
    }

    /** {@code actions NAME, ...}: one declared action and where its name was written. */
    record ActionDecl(String name, SourceLocation at) {}

    /**
     * A policy and where its parts were written.
     *
     * @param at the policy's name
     * @param statements one per statement of {@code policy}, in order
     * @param copy true for a Bird role's embedded copy of a policy: identical copies of one policy
     *     are one policy, different ones are an error
     */
    record PolicyDef(Policy policy, SourceLocation at, List<StatementDef> statements, boolean copy,
            java.util.Optional<String> birdId) {
        PolicyDef {
            java.util.Objects.requireNonNull(birdId, "birdId");
            statements = List.copyOf(statements);
            if (statements.size() != policy.statements().size()) {
                throw new IllegalArgumentException("one StatementDef per statement");
            }
        }
    }

    /**
     * Where a statement and each of its action names were written.
     *
     * @param at the statement's first token (its effect)
     * @param actions one location per action name, in the order of the statement's actions as
     *     written (before {@code *} becomes {@code any} and repeats are dropped)
     * @param actionNames the action names as written, same order
     * @param patterns one location per pattern of the built statement's resources, in order;
     *     empty when that cannot be told (a repeated pattern, Bird JSON)
     */
    record StatementDef(SourceLocation at, List<String> actionNames, List<SourceLocation> actions,
            List<SourceLocation> patterns) {
        StatementDef {
            actionNames = List.copyOf(actionNames);
            actions = List.copyOf(actions);
            patterns = List.copyOf(patterns);
        }

        /** Where the statement's parts were written, for the set's {@link dev.warden.core.SourceMap}. */
        SourceMap.StatementSources sources() {
            return new SourceMap.StatementSources(at, actions, patterns);
        }
    }

    /**
     * A role and where its parts were written.
     *
     * @param policyRefs one location per name in {@code role.policies()}, in order
     */
    /**
     * @param byId the positions in {@code role.policies()} that a Bird JSON role wrote as {@code
     *     {"id": ...}}: there the list holds the id, which the merge resolves to the policy with that
     *     Bird {@code id}
     */
    record RoleDef(Role role, SourceLocation at, List<SourceLocation> policyRefs, java.util.Set<Integer> byId) {
        RoleDef {
            policyRefs = List.copyOf(policyRefs);
            byId = java.util.Set.copyOf(byId);
        }

        RoleDef(Role role, SourceLocation at, List<SourceLocation> policyRefs) {
            this(role, at, policyRefs, java.util.Set.of());
        }
    }
}
