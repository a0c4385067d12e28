package dev.warden.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a statement applies: {@code or} of {@link Conjunction}s, each an {@code and} of {@link
 * Clause}s ({@code and} binds tighter than {@code or}; there are no parentheses and no negation of a
 * clause, negated operators instead).
 *
 * <p>Evaluated with three values: a conjunction is false if any clause is false, else unknown if any
 * is unknown, else true; the condition is true if any conjunction is true, else unknown if any is
 * unknown, else false. An allow statement applies only when its condition is true, a deny when it
 * is true or unknown: a condition that cannot be evaluated never lets a request past a deny.
 *
 * @param anyOf the conjunctions, one or more
 */
public record Condition(List<Conjunction> anyOf) {
    /**
     * Copies the conjunctions and checks their number and size.
     *
     * @param anyOf the conjunctions, one or more
     * @throws IllegalArgumentException when there is no conjunction
     * @throws InvalidConditionException {@code TOO_MANY_CLAUSES} beyond {@link Limits#MAX_CONDITION_CLAUSES} clauses
     */
    public Condition {
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("a condition needs at least one conjunction");
        }
        int clauses = anyOf.stream().mapToInt(c -> c.allOf().size()).sum();
        if (clauses > Limits.MAX_CONDITION_CLAUSES) {
            throw new InvalidConditionException(InvalidConditionException.Kind.TOO_MANY_CLAUSES, "when", 0,
                    "a condition has " + clauses + " clauses, more than " + Limits.MAX_CONDITION_CLAUSES,
                    "split the statement into several");
        }
    }

    /**
     * Clauses that must all hold.
     *
     * @param allOf the clauses, one or more, in the order written
     */
    public record Conjunction(List<Clause> allOf) {
        /**
         * Copies the clauses.
         *
         * @param allOf the clauses, one or more
         * @throws IllegalArgumentException when there is no clause
         */
        public Conjunction {
            allOf = List.copyOf(allOf);
            if (allOf.isEmpty()) {
                throw new IllegalArgumentException("a conjunction needs at least one clause");
            }
        }
    }

    /**
     * The condition of one clause.
     *
     * @param clause the only clause
     * @return a condition of one conjunction of {@code clause}
     */
    public static Condition of(Clause clause) {
        return new Condition(List.of(new Conjunction(List.of(clause))));
    }

    /**
     * The condition that holds when every clause does.
     *
     * @param clauses the clauses, one or more
     * @return a condition of one conjunction of {@code clauses}
     */
    public static Condition allOf(List<Clause> clauses) {
        return new Condition(List.of(new Conjunction(clauses)));
    }

    /**
     * Every key the condition reads, sorted.
     *
     * @return the keys in their natural order, each once
     */
    public Set<ConditionKey> keys() {
        Set<ConditionKey> keys = new TreeSet<>();
        for (Conjunction c : anyOf) {
            for (Clause clause : c.allOf) {
                keys.add(clause.key());
            }
        }
        return keys;
    }
}
