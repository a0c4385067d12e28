package dev.warden.core.diagnostic;

import java.util.Objects;

/**
 * What a code means, for reports that list the codes they use (SARIF's rules): the code, its
 * kebab-case name, the severity it has by default, a description and where the project's docs
 * explain it.
 *
 * @param doc the page of the project's documentation that explains the code, relative to the
 *     repository root, with its anchor: {@code docs/ci.md#w001-redundant-statement}
 */
public record DiagnosticCode(String code, String name, Severity severity, String description, String doc) {
    public DiagnosticCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(doc, "doc");
    }

    /** A code explained in the rule list of {@code docs/ci.md}, under the heading {@code CODE name}. */
    public DiagnosticCode(String code, String name, Severity severity, String description) {
        this(code, name, severity, description, "docs/ci.md#" + code.toLowerCase(java.util.Locale.ROOT) + "-" + name);
    }
}
