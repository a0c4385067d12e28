package dev.warden.core.diagnostic;

import java.util.Objects;

/**
 * What a code means, for reports that list the codes they use (SARIF's rules): the code, its
 * kebab-case name, the severity it has by default, a description and where the project's docs
 * explain it.
 *
 * @param code the stable code, e.g. {@code W003}
 * @param name the code's kebab-case name, e.g. {@code shadowed-allow}
 * @param severity the severity its diagnostics have by default
 * @param description what the code reports, in one sentence
 * @param doc the page of the project's documentation that explains the code, relative to the
 *     repository root, with its anchor: {@code docs/ci.md#w001-redundant-statement}
 */
public record DiagnosticCode(String code, String name, Severity severity, String description, String doc) {
    /**
     * Requires each part.
     *
     * @param code the stable code
     * @param name the code's name
     * @param severity the default severity
     * @param description what the code reports
     * @param doc the page and anchor that explain the code
     */
    public DiagnosticCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(doc, "doc");
    }

    /**
     * A code explained in the rule list of {@code docs/ci.md}, under the heading {@code CODE name}.
     *
     * @param code the stable code
     * @param name the code's name
     * @param severity the default severity
     * @param description what the code reports
     */
    public DiagnosticCode(String code, String name, Severity severity, String description) {
        this(code, name, severity, description, "docs/ci.md#" + code.toLowerCase(java.util.Locale.ROOT) + "-" + name);
    }
}
