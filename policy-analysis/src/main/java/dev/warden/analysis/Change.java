package dev.warden.analysis;

import java.util.Map;
import java.util.Objects;

/**
 * One difference in access between two policy sets, for a principal holding one role (or one
 * policy), with a request that proves it.
 *
 * @param subject {@code role} or {@code policy}
 * @param name the role's or policy's name
 * @param kind granted (NEW allows, OLD did not) or revoked
 * @param action the action
 * @param example a path whose decision differs
 * @param principalId the id of the example's principal
 * @param attributes the example principal's attributes (variables and conditions make access depend on them)
 * @param context the example request's context (conditions make access depend on it)
 * @param region the access that changed, in words: {@code view on /workspaces/*}{@code /channels/*},
 *     then {@code when} and the condition under which it changed ({@code context.ip in
 *     10.1.0.0/16}; the condition of the statement it lies in where that cannot be written), and
 *     {@code , in part} when only part of that pattern under that condition changed
 */
public record Change(
        Subject subject, String name, Kind kind, String action, String example, String principalId,
        Map<String, String> attributes, Map<String, String> context, String region) {

    /** What kind of item the principal of a change holds. */
    public enum Subject {
        /** A role: the principal holds the role and nothing else. */
        ROLE,
        /** A policy: the principal has the policy attached directly and nothing else. */
        POLICY;

        /**
         * The subject as one lower-case word.
         *
         * @return {@code role} or {@code policy}
         */
        public String word() {
            return this == ROLE ? "role" : "policy";
        }
    }

    /** Which way access changed. */
    public enum Kind {
        /** The new set allows what the old one denied. */
        GRANTED,
        /** The new set denies what the old one allowed. */
        REVOKED;

        /**
         * The kind as one lower-case word, also the code of its diagnostics.
         *
         * @return {@code granted} or {@code revoked}
         */
        public String word() {
            return this == GRANTED ? "granted" : "revoked";
        }
    }

    /**
     * Requires each part and copies the maps.
     *
     * @param subject {@code role} or {@code policy}
     * @param name the role's or policy's name
     * @param kind granted or revoked
     * @param action the action
     * @param example a path whose decision differs
     * @param principalId the id of the example's principal
     * @param attributes the example principal's attributes
     * @param context the example request's context
     * @param region the access that changed, in words
     */
    public Change {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(principalId, "principalId");
        attributes = Map.copyOf(attributes);
        context = Map.copyOf(context);
        Objects.requireNonNull(region, "region");
    }

    /**
     * The change in words: {@code role `reader`: granted view on /workspaces/*}{@code /channels/*}.
     *
     * @return the subject, its name, the kind and the region, on one line
     */
    public String summary() {
        return subject.word() + " `" + name + "`: " + kind.word() + " " + region;
    }

    /**
     * The example's principal in words: {@code principal `example` with role `reader` and attributes workspace=`a`}.
     *
     * @return the principal's id, what it holds and its attributes sorted by name
     */
    public String principal() {
        StringBuilder b = new StringBuilder("principal `" + principalId + "` with " + subject.word() + " `" + name + "`");
        if (!attributes.isEmpty()) {
            b.append(" and attributes");
            new java.util.TreeMap<>(attributes).forEach((k, v) -> b.append(' ').append(k).append("=`").append(v).append('`'));
        }
        return b.toString();
    }

    /**
     * The example request in words: {@code view /a by principal `example` with role `reader`},
     * then {@code and context ip=`10.1.0.0`} when it has a context.
     *
     * @return the action, the path, the {@link #principal()} and the context sorted by name
     */
    public String request() {
        StringBuilder b = new StringBuilder(action + " " + example + " by " + principal());
        if (!context.isEmpty()) {
            b.append(" and context");
            new java.util.TreeMap<>(context).forEach((k, v) -> b.append(' ').append(k).append("=`").append(v).append('`'));
        }
        return b.toString();
    }
}
