package dev.warden.core.diagnostic;

import java.util.Objects;

/**
 * What a code means, for reports that list the codes they use (SARIF's rules): the code, its
 * kebab-case name, the severity it has by default and a description.
 */
public record DiagnosticCode(String code, String name, Severity severity, String description) {
    public DiagnosticCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
    }
}
