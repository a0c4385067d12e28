package dev.warden.analysis;

import dev.warden.core.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * One lint finding: a stable code and name, a level, where (the policy or role, and the statement
 * when there is one), a message and a hint. Locations are those the policy set's {@link
 * dev.warden.core.SourceMap} recorded (or an operation's, for schema findings), empty when the set
 * was built in code; renderers format them.
 *
 * @param statement the statement's index in its policy, or -1 for a finding about a whole policy
 *     or role
 */
public record Finding(
        Rule rule, String policy, String role, int statement, Optional<SourceLocation> source, String message, String hint) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    /** How serious a finding is; lint's {@code --fail-on} compares against it. */
    public enum Level {
        ERROR,
        WARNING,
        INFO;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Every analysis, with its stable code, name, level and description. */
    public enum Rule {
        REDUNDANT_STATEMENT("W001", "redundant-statement", Level.WARNING,
                "a statement whose actions and every path are covered by another statement of the same effect in the same policy"),
        DUPLICATE_STATEMENT("W002", "duplicate-statement", Level.WARNING,
                "a statement written twice in one policy"),
        SHADOWED_ALLOW("W003", "shadowed-allow", Level.WARNING,
                "an allow that can never take effect: denies in the same policy, or in a role that holds it, cover every request it allows"),
        OVERBROAD_WRITE("W004", "overbroad-write", Level.WARNING,
                "a write action (create, update, delete, any) allowed on a pattern with at most two segments before its `**` (`/**`, `/workspaces/**`, `/workspaces/*/**`): a whole workspace or more made writable"),
        EMPTY_ROLE("W005", "empty-role", Level.WARNING,
                "a role that names no policy"),
        UNMATCHED_PATTERN("W006", "unmatched-pattern", Level.WARNING,
                "with --schema: a pattern that matches no operation of the API for any of its statement's actions"),
        UNREACHABLE_OPERATION("W007", "unreachable-operation", Level.WARNING,
                "with --schema: an operation of the API that no role allows"),
        UNUSED_DENY("I001", "unused-deny", Level.INFO,
                "a deny that overrides nothing: no allow of any policy covers any request it denies"),
        UNUSED_POLICY("I002", "unused-policy", Level.INFO,
                "a policy that no role uses (it can still be attached to principals directly)");

        private final String code;
        private final String title;
        private final Level level;
        private final String description;

        Rule(String code, String title, Level level, String description) {
            this.code = code;
            this.title = title;
            this.level = level;
            this.description = description;
        }

        public String code() {
            return code;
        }

        /** The kebab-case name, e.g. {@code redundant-statement}. */
        public String title() {
            return title;
        }

        public Level level() {
            return level;
        }

        public String description() {
            return description;
        }
    }
}
