package dev.warden.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One rule of a policy: an effect, one or more actions, one or more resource patterns, and
 * optionally a {@link Condition} under which it applies ({@code when ...}).
 *
 * <p>Action names are stored in lower case, {@code *} as {@link Actions#ANY}; whether a name is
 * known is checked when the statement joins a {@link PolicySet}, where declared actions are known.
 * Equality ignores where the statement was written (see {@link PolicySet#sources()}).
 *
 * @param effect allow or deny
 * @param actions the actions, in the order written, without repeats
 * @param resources the patterns, in the order written, without repeats
 * @param condition when the statement applies; empty for always
 */
public record Statement(Effect effect, Set<String> actions, List<ResourcePattern> resources, Optional<Condition> condition) {
    /**
     * Normalises the action names and copies the patterns without repeats.
     *
     * @param effect allow or deny
     * @param actions the action names as written, any case, {@code *} for every action; one or more
     * @param resources the patterns, one or more
     * @param condition when the statement applies; empty for always
     * @throws IllegalArgumentException when there is no action or no pattern, or an action name is
     *     not a valid one
     */
    public Statement {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(condition, "condition");
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one action");
        }
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one resource pattern");
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String a : actions) {
            normalized.add(Actions.normalize(a));
        }
        actions = Collections.unmodifiableSet(normalized);
        resources = List.copyOf(new LinkedHashSet<>(resources));
    }

    /**
     * A statement without a condition: it applies wherever its actions and patterns match.
     *
     * @param effect allow or deny
     * @param actions the action names as written, one or more
     * @param resources the patterns, one or more
     * @throws IllegalArgumentException when there is no action or no pattern, or an action name is
     *     not a valid one
     */
    public Statement(Effect effect, Set<String> actions, List<ResourcePattern> resources) {
        this(effect, actions, resources, Optional.empty());
    }

    /**
     * The same statement under {@code condition}.
     *
     * @param condition when the statement applies; it replaces the statement's own, if any
     * @return a statement of the same effect, actions and patterns with {@code condition}
     */
    public Statement when(Condition condition) {
        return new Statement(effect, actions, resources, Optional.of(condition));
    }

    /**
     * Builds a statement from pattern texts, validating each.
     *
     * @param effect allow or deny
     * @param actions the action names as written, one or more
     * @param patterns the patterns' texts, one or more
     * @return a statement without a condition
     * @throws InvalidPatternException when a pattern does not parse
     * @throws IllegalArgumentException when there is no action or no pattern, or an action name is
     *     not a valid one
     */
    public static Statement of(Effect effect, List<String> actions, List<String> patterns) {
        List<ResourcePattern> parsed = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            parsed.add(ResourcePattern.parse(p));
        }
        return new Statement(effect, new LinkedHashSet<>(actions), parsed);
    }

    /**
     * Whether the statement covers every action.
     *
     * @return true when its actions hold {@link Actions#ANY}
     */
    public boolean coversAnyAction() {
        return actions.contains(Actions.ANY);
    }
}
