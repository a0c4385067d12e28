package dev.warden.core;

/**
 * A {@link PatternSegment.Variable} compiled for the trie walk: which of the principal's values it
 * reads, decided once.
 */
final class VariableMatcher {
    /** The attribute read; null for {@code ${principal.id}}. */
    private final String attribute;

    VariableMatcher(PatternSegment.Variable variable) {
        this.attribute = variable.isId() ? null : variable.name();
    }

    /**
     * The principal's value, or null when it has none, or one that no segment of a well-formed
     * path can equal (empty, {@code .}, {@code ..}, a {@code /}...): such a value counts as
     * missing, so that a mistake in a principal's attributes never switches a deny off.
     */
    String valueFor(Principal p) {
        String value = attribute == null ? p.id() : p.attributes().get(attribute);
        return value == null || !SegmentAlphabet.isWellFormedSegment(value) ? null : value;
    }
}
