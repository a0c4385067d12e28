package dev.warden.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy set that cannot be loaded, with every problem found, not only the first, each as data
 * ({@link PolicySetProblem}). The message lists them, one a line.
 */
public final class PolicySetException extends IllegalArgumentException {
    /** The problems, in the order they were found. */
    private final List<PolicySetProblem> problems;

    PolicySetException(List<PolicySetProblem> problems) {
        super(problems.stream().map(PolicySetProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems, in the order they were found.
     *
     * @return every problem, one or more, unmodifiable
     */
    public List<PolicySetProblem> problems() {
        return problems;
    }
}
