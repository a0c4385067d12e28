package dev.warden.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A policy set that cannot be loaded, with every problem found, not only the first. */
public final class PolicySetException extends IllegalArgumentException {
    private final List<Problem> problems;

    PolicySetException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * One load problem.
     *
     * @param message what is wrong, lower case, user input in backticks
     * @param hint how to fix it, or empty
     * @param source where the offending item was written (as given to the builder), or empty
     */
    public record Problem(String message, String hint, String source) {
        public Problem {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(hint, "hint");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String toString() {
            return (source.isEmpty() ? "" : source + ": ") + message + (hint.isEmpty() ? "" : " (" + hint + ")");
        }
    }
}
