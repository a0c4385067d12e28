package dev.warden.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem of a {@link PolicySet} that cannot be built, as data: what is wrong ({@link #kind}),
 * which item it is about ({@link #subject}), the same in words ({@link #message}, {@link #hint}),
 * and where the item was written as given to the builder ({@link #source}). A loader maps the kind
 * to its own diagnostic code and the subject to the place it read the item from, without reading
 * the words.
 *
 * @param kind what is wrong
 * @param subject which item, of the type the kind names
 * @param message what is wrong, lower case, user input in backticks
 * @param hint how to fix it, or empty
 * @param source where the offending item was written (as given to the builder), empty when unknown
 */
public record PolicySetProblem(Kind kind, Subject subject, String message, String hint, Optional<SourceLocation> source) {
    /**
     * Requires each part.
     *
     * @param kind what is wrong
     * @param subject which item
     * @param message what is wrong, in words
     * @param hint how to fix it, or empty
     * @param source where the offending item was written, or empty
     */
    public PolicySetProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(source, "source");
    }

    /** What is wrong; each names the {@link Subject} type its problems carry. */
    public enum Kind {
        /** A declared action whose name is not an action name: {@link Subject.ActionDeclaration}. */
        INVALID_ACTION_NAME,
        /** A declaration of a built-in action or of {@code any}: {@link Subject.ActionDeclaration}. */
        BUILT_IN_ACTION,
        /** A second policy with the name of one already added: {@link Subject.PolicyDefinition}. */
        DUPLICATE_POLICY,
        /** A second role with the name of one already added: {@link Subject.RoleDefinition}. */
        DUPLICATE_ROLE,
        /** A statement naming an action that is neither built-in nor declared: {@link Subject.StatementAction}. */
        UNKNOWN_ACTION,
        /** A role naming a policy that is not in the set: {@link Subject.RolePolicy}. */
        UNKNOWN_POLICY_IN_ROLE
    }

    /** The item a problem is about, named as the builder was given it. */
    public sealed interface Subject {
        /**
         * An action declaration.
         *
         * @param declaration which call of {@link PolicySet.Builder#declareAction}, from 0
         * @param action the name as given
         */
        record ActionDeclaration(int declaration, String action) implements Subject {}

        /**
         * A policy as added.
         *
         * @param definition which call of {@link PolicySet.Builder#add(Policy)} (or its overload), from 0
         * @param policy its name
         */
        record PolicyDefinition(int definition, String policy) implements Subject {}

        /**
         * A role as added.
         *
         * @param definition which call of {@link PolicySet.Builder#add(Role)} (or its overload), from 0
         * @param role its name
         */
        record RoleDefinition(int definition, String role) implements Subject {}

        /**
         * An action of a statement of a policy in the set.
         *
         * @param policy the policy's name
         * @param statement the statement's index in {@link Policy#statements()}
         * @param action the action as the statement holds it (lower case)
         */
        record StatementAction(String policy, int statement, String action) implements Subject {}

        /**
         * A policy named by a role in the set.
         *
         * @param role the role's name
         * @param reference the index of the name in {@link Role#policies()}
         * @param policy the name
         */
        record RolePolicy(String role, int reference, String policy) implements Subject {}
    }

    @Override
    public String toString() {
        return source.map(at -> at + ": ").orElse("") + message + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
