package dev.warden.core;

import java.util.Objects;

/**
 * A policy or role name that cannot be used, as data: what is wrong ({@link #kind}), the name and
 * the offset of the offending character, so that a loader can point at it and say it in its own
 * words. Thrown by {@link Names#check}, and so by the {@link Policy} and {@link Role} constructors.
 */
public final class InvalidNameException extends IllegalArgumentException {
    /** What is wrong. */
    private final Kind kind;
    /** What the name names: {@code policy} or {@code role}. */
    private final String what;
    /** The name as given. */
    private final String name;
    /** The offset in {@link #name} of the first character at fault. */
    private final int offset;

    InvalidNameException(Kind kind, String what, String name, int offset, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.what = what;
        this.name = name;
        this.offset = offset;
    }

    /** What is wrong with a name, in the order {@link Names#check} checks. */
    public enum Kind {
        /** The name is empty; the offset is 0. */
        EMPTY,
        /** Longer than {@link Limits#MAX_NAME_LENGTH}; the offset is that limit. */
        TOO_LONG,
        /** A control character (below U+0020, or U+007F); the offset is the first one. */
        CONTROL_CHARACTER
    }

    /**
     * What is wrong.
     *
     * @return the kind of problem
     */
    public Kind kind() {
        return kind;
    }

    /**
     * What the name names, as given to {@link Names#check}: {@code policy} or {@code role}.
     *
     * @return the word for what is named
     */
    public String what() {
        return what;
    }

    /**
     * The name as given (empty for a missing one).
     *
     * @return the name at fault
     */
    public String name() {
        return name;
    }

    /**
     * The offset in {@link #name()} of the first character at fault, from 0.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }
}
