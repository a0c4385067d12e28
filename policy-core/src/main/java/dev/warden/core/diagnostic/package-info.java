/**
 * Diagnostics as data: {@link dev.warden.core.diagnostic.Diagnostic} (severity, code, name,
 * location, message, hint, related places), {@link dev.warden.core.diagnostic.Severity} and {@link
 * dev.warden.core.diagnostic.DiagnosticCode}. Every module reports with these; policy-dsl's {@code
 * DiagnosticRenderer} prints them.
 */
package dev.warden.core.diagnostic;
