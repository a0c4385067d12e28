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
    /** {@code W001}: a statement covered by another of the same effect in its policy. */
    REDUNDANT_STATEMENT("W001", "redundant-statement", Severity.WARNING,
            "a statement whose actions and every path are covered by another statement of the same effect in the same policy"),
    /** {@code W002}: the same statement written twice in one policy. */
    DUPLICATE_STATEMENT("W002", "duplicate-statement", Severity.WARNING,
            "a statement written twice in one policy"),
    /** {@code W003}: an allow that never takes effect: denies of its policy, or of a role holding it, cover it. */
    SHADOWED_ALLOW("W003", "shadowed-allow", Severity.WARNING,
            "an allow that can never take effect: denies in the same policy, or in a role that holds it, cover every request it allows"),
    /** {@code W004}: a write action allowed on a whole workspace or more. */
    OVERBROAD_WRITE("W004", "overbroad-write", Severity.WARNING,
            "a write action (create, update, delete, any) allowed on a pattern with at most two segments before its `**` (`/**`, `/workspaces/**`, `/workspaces/*/**`): a whole workspace or more made writable"),
    /** {@code W005}: a role that names no policy. */
    EMPTY_ROLE("W005", "empty-role", Severity.WARNING,
            "a role that names no policy"),
    /** {@code W006}, with a schema: a pattern that matches no operation of the API. */
    UNMATCHED_PATTERN("W006", "unmatched-pattern", Severity.WARNING,
            "with --schema: a pattern that matches no operation of the API for any of its statement's actions"),
    /** {@code W007}, with a schema: an operation of the API that no role allows. */
    UNREACHABLE_OPERATION("W007", "unreachable-operation", Severity.WARNING,
            "with --schema: an operation of the API that no role allows"),
    /** {@code W008}: a condition, or an {@code or} alternative of one, that no request can make true. */
    CONDITION_NEVER_HOLDS("W008", "condition-never-holds", Severity.WARNING,
            "a condition (or one `or` alternative of it) that no request can make true: an allow with it never applies, a deny with it applies only where a value it reads is missing or unreadable"),
    /** {@code W009}: a condition that no request can make false. */
    CONDITION_ALWAYS_HOLDS("W009", "condition-always-holds", Severity.WARNING,
            "a condition that no request can make false: it only requires the values it reads to be present and readable, and a deny with it applies to every request it matches"),
    /** {@code W010}: a suppression that matches no finding. */
    UNUSED_SUPPRESSION("W010", "unused-suppression", Severity.WARNING,
            "a suppression (a `# warden:allow` comment or a baseline entry) that matches no finding: the finding it was written for is gone"),
    /** {@code W011}: a {@code # warden:allow} comment that suppresses nothing. */
    INVALID_SUPPRESSION("W011", "invalid-suppression", Severity.WARNING,
            "a `# warden:allow` comment that suppresses nothing: it names no code, a code that is not a lint rule's, or gives no reason"),
    /** {@code I001}: a deny that overrides nothing: no allow covers a request it denies. */
    UNUSED_DENY("I001", "unused-deny", Severity.INFO,
            "a deny that overrides nothing: no allow of any policy covers any request it denies"),
    /** {@code I002}: a policy that no role uses. */
    UNUSED_POLICY("I002", "unused-policy", Severity.INFO,
            "a policy that no role uses (it can still be attached to principals directly)");

    private final DiagnosticCode code;

    Rule(String code, String name, Severity severity, String description) {
        this.code = new DiagnosticCode(code, name, severity, description);
    }

    /**
     * The code, e.g. {@code W001}.
     *
     * @return the rule's stable code
     */
    public String code() {
        return code.code();
    }

    /**
     * The kebab-case name, e.g. {@code redundant-statement}.
     *
     * @return the rule's name, as {@code warden lint} prints it in brackets
     */
    public String title() {
        return code.name();
    }

    /**
     * The severity of its findings.
     *
     * @return {@code warning} for the {@code W} codes, {@code info} for the {@code I} codes
     */
    public Severity severity() {
        return code.severity();
    }

    /**
     * What the rule finds, in one sentence.
     *
     * @return the description, as SARIF's rules give it
     */
    public String description() {
        return code.description();
    }

    /**
     * Code, name, severity and description together, for reports that list the rules (SARIF).
     *
     * @return the rule's code metadata
     */
    public DiagnosticCode describe() {
        return code;
    }

    /**
     * Every rule's {@link #describe()}, in order.
     *
     * @return the rules' code metadata, in declaration order
     */
    public static List<DiagnosticCode> codes() {
        return java.util.Arrays.stream(values()).map(Rule::describe).toList();
    }

    /**
     * The rule a diagnostic's code is, or empty for one that is not a lint finding (a load error).
     *
     * @param d a diagnostic
     * @return the rule whose code is {@code d}'s, or empty
     */
    public static Optional<Rule> of(Diagnostic d) {
        return named(d.code());
    }

    /**
     * The rule with this code ({@code W001}) or name ({@code redundant-statement}), or empty.
     *
     * @param codeOrName a rule's code or name
     * @return the rule, or empty
     */
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
