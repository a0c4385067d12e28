package dev.warden.analysis;

import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.DiagnosticCode;
import dev.warden.core.diagnostic.Severity;
import java.util.List;
import java.util.Optional;

/**
 * Every analysis of {@link Lint}, with its stable code, name, severity and description: the one
 * place a lint code is defined. A finding is a {@link Diagnostic} with the rule's code, name and
 * severity ({@link #at}).
 */
public enum Rule {
    REDUNDANT_STATEMENT("W001", "redundant-statement", Severity.WARNING,
            "a statement whose actions and every path are covered by another statement of the same effect in the same policy"),
    DUPLICATE_STATEMENT("W002", "duplicate-statement", Severity.WARNING,
            "a statement written twice in one policy"),
    SHADOWED_ALLOW("W003", "shadowed-allow", Severity.WARNING,
            "an allow that can never take effect: denies in the same policy, or in a role that holds it, cover every request it allows"),
    OVERBROAD_WRITE("W004", "overbroad-write", Severity.WARNING,
            "a write action (create, update, delete, any) allowed on a pattern with at most two segments before its `**` (`/**`, `/workspaces/**`, `/workspaces/*/**`): a whole workspace or more made writable"),
    EMPTY_ROLE("W005", "empty-role", Severity.WARNING,
            "a role that names no policy"),
    UNMATCHED_PATTERN("W006", "unmatched-pattern", Severity.WARNING,
            "with --schema: a pattern that matches no operation of the API for any of its statement's actions"),
    UNREACHABLE_OPERATION("W007", "unreachable-operation", Severity.WARNING,
            "with --schema: an operation of the API that no role allows"),
    CONDITION_NEVER_HOLDS("W008", "condition-never-holds", Severity.WARNING,
            "a condition (or one `or` alternative of it) that no request can make true: an allow with it never applies, a deny with it applies only where a value it reads is missing or unreadable"),
    CONDITION_ALWAYS_HOLDS("W009", "condition-always-holds", Severity.WARNING,
            "a condition that no request can make false: it only requires the values it reads to be present and readable, and a deny with it applies to every request it matches"),
    UNUSED_SUPPRESSION("W010", "unused-suppression", Severity.WARNING,
            "a suppression (a `# warden:allow` comment or a baseline entry) that matches no finding: the finding it was written for is gone"),
    INVALID_SUPPRESSION("W011", "invalid-suppression", Severity.WARNING,
            "a `# warden:allow` comment that suppresses nothing: it names no code, a code that is not a lint rule's, or gives no reason"),
    UNUSED_DENY("I001", "unused-deny", Severity.INFO,
            "a deny that overrides nothing: no allow of any policy covers any request it denies"),
    UNUSED_POLICY("I002", "unused-policy", Severity.INFO,
            "a policy that no role uses (it can still be attached to principals directly)");

    private final DiagnosticCode code;

    Rule(String code, String name, Severity severity, String description) {
        this.code = new DiagnosticCode(code, name, severity, description);
    }

    /** The code, e.g. {@code W001}. */
    public String code() {
        return code.code();
    }

    /** The kebab-case name, e.g. {@code redundant-statement}. */
    public String title() {
        return code.name();
    }

    /** The severity of its findings. */
    public Severity severity() {
        return code.severity();
    }

    public String description() {
        return code.description();
    }

    /** Code, name, severity and description together, for reports that list the rules (SARIF). */
    public DiagnosticCode describe() {
        return code;
    }

    /** Every rule's {@link #describe()}, in order. */
    public static List<DiagnosticCode> codes() {
        return java.util.Arrays.stream(values()).map(Rule::describe).toList();
    }

    /** The rule a diagnostic's code is, or empty for one that is not a lint finding (a load error). */
    public static Optional<Rule> of(Diagnostic d) {
        return named(d.code());
    }

    /** The rule with this code ({@code W001}) or name ({@code redundant-statement}), or empty. */
    public static Optional<Rule> named(String codeOrName) {
        for (Rule r : values()) {
            if (r.code().equals(codeOrName) || r.title().equals(codeOrName)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * A finding of this rule: at {@code source} (one character there: the caret points at where
     * the item starts), with a hint.
     */
    Diagnostic at(Optional<SourceLocation> source, String message, String hint) {
        return new Diagnostic(severity(), code(), Optional.of(title()),
                source.map(s -> new SourceLocation(s.file(), s.line(), s.column())), message, Optional.empty(),
                List.of(), true).withHint(hint);
    }
}
