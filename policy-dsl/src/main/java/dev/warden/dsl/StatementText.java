package dev.warden.dsl;

import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Statements as people read them ({@code allow view, create on /a/*, /b/**}), in decisions,
 * explanations and test reports.
 */
final class StatementText {
    private StatementText() {}

    static String of(Statement s) {
        StringJoiner actions = new StringJoiner(", ");
        s.actions().forEach(actions::add);
        StringJoiner patterns = new StringJoiner(", ");
        for (ResourcePattern p : s.resources()) {
            patterns.add(p.text());
        }
        String text = s.effect().word() + " " + actions + " on " + patterns;
        return s.condition().map(c -> text + " when " + PolicyWriter.condition(c)).orElse(text);
    }

    /** Statement {@code index} of {@code policy} in {@code set}, as text; empty if there is none. */
    static String of(PolicySet set, String policy, int index) {
        return set.policy(policy)
                .filter(p -> index < p.statements().size())
                .map(p -> of(p.statements().get(index)))
                .orElse("");
    }

    /** Where a statement was written, or its position when that is not known. */
    static String where(Optional<SourceLocation> source, String policy, int index) {
        return source.map(SourceLocation::toString).orElseGet(() -> "policy `" + policy + "` statement " + (index + 1));
    }
}
