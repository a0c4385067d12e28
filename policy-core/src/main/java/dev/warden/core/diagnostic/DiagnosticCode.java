package dev.warden.core.diagnostic;

import java.util.Objects;

/**
 * What a code means, for reports that list the codes they use (SARIF's rules): the code, its
 * kebab-case name, the severity it has by default and a description.
 *
 * @param code the stable code, e.g. {@code W003}
 * @param name the code's kebab-case name, e.g. {@code shadowed-allow}
 * @param severity the severity its diagnostics have by default
 * @param description what the code reports, in one sentence
 */
public record DiagnosticCode(String code, String name, Severity severity, String description) {
    /**
     * Requires each part.
     *
     * @param code the stable code
     * @param name the code's name
     * @param severity the default severity
     * @param description what the code reports
     */
    public DiagnosticCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
    }
}
