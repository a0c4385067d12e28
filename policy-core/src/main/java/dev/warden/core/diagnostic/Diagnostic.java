package dev.warden.core.diagnostic;

import dev.warden.core.SourceLocation;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding about Warden's input, as data: a severity, a stable code ({@code E103}, {@code
 * W003}, {@code K103}...), the code's name when it has one ({@code shadowed-allow}), where (a
 * {@link SourceLocation} whose length is how much the caret underlines), a message (lower case,
 * user input in backticks, no final period), an optional hint, and related places.
 *
 * <p>The loader, lint, diff, {@code warden test}, the keys file and the server all report with
 * this type; renderers (policy-dsl's {@code DiagnosticRenderer}) print it for humans, as JSON or
 * as SARIF. It holds no source text: the human renderer quotes the line a location points at from
 * the texts that were loaded.
 *
 * @param severity how bad it is
 * @param code the stable code, e.g. {@code E103}
 * @param name the code's kebab-case name ({@code shadowed-allow}), when it has one
 * @param location where; empty for a finding with no place (about a set built in code)
 * @param message what is wrong, lower case, user input in backticks, no final period
 * @param hint how to fix it, when there is a hint
 * @param related other places the finding is about, in the order to show them
 * @param excerpt whether the human form quotes the source line under the location: false for a
 *     diagnostic about a whole file (one that cannot be read, too many errors in it)
 */
public record Diagnostic(
        Severity severity, String code, Optional<String> name, Optional<SourceLocation> location, String message,
        Optional<String> hint, List<Related> related, boolean excerpt) {

    /**
     * The order diagnostics are reported in: those with no place first, then by file, line and
     * column, then code, then message.
     */
    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing(Diagnostic::location, Diagnostic::comparePlaces)
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    /**
     * Requires each part and copies the related places.
     *
     * @param severity how bad it is
     * @param code the stable code
     * @param name the code's name, or empty
     * @param location where, or empty
     * @param message what is wrong
     * @param hint how to fix it, or empty
     * @param related other places the finding is about
     * @param excerpt whether the human form quotes the source line
     */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
        related = List.copyOf(related);
    }

    /**
     * A diagnostic at a place, with no name, hint or related place.
     *
     * @param severity how bad it is
     * @param code the stable code
     * @param at where
     * @param message what is wrong
     * @return a diagnostic whose human form quotes the line at {@code at}
     */
    public static Diagnostic of(Severity severity, String code, SourceLocation at, String message) {
        return new Diagnostic(severity, code, Optional.empty(), Optional.of(at), message, Optional.empty(), List.of(),
                true);
    }

    /**
     * An error at a place.
     *
     * @param code the stable code
     * @param at where
     * @param message what is wrong
     * @return {@link #of} with {@link Severity#ERROR}
     */
    public static Diagnostic error(String code, SourceLocation at, String message) {
        return of(Severity.ERROR, code, at, message);
    }

    /**
     * An error about a whole file: located at its line 1, column 1, with no source line quoted
     * (the file could not be read, say).
     *
     * @param file the file as the user named it
     * @param code the stable code
     * @param message what is wrong
     * @return an error without an excerpt
     */
    public static Diagnostic fileError(String file, String code, String message) {
        return error(code, new SourceLocation(file, 1, 1), message).withoutExcerpt();
    }

    /**
     * The same with a hint; an empty one is none.
     *
     * @param hint how to fix it, or empty for no hint
     * @return a copy with this hint in place of the old one
     */
    public Diagnostic withHint(String hint) {
        return new Diagnostic(severity, code, name, location, message,
                hint.isEmpty() ? Optional.empty() : Optional.of(hint), related, excerpt);
    }

    /**
     * The same with the code's name ({@code shadowed-allow}).
     *
     * @param name the code's kebab-case name
     * @return a copy with this name
     */
    public Diagnostic withName(String name) {
        return new Diagnostic(severity, code, Optional.of(name), location, message, hint, related, excerpt);
    }

    /**
     * The same with these related places.
     *
     * @param related the other places, in the order to show them
     * @return a copy with these related places in place of the old ones
     */
    public Diagnostic withRelated(List<Related> related) {
        return new Diagnostic(severity, code, name, location, message, hint, related, excerpt);
    }

    /**
     * The same at another severity (a project's setting for the code).
     *
     * @param severity the severity the copy has
     * @return a copy with {@code severity}
     */
    public Diagnostic withSeverity(Severity severity) {
        return new Diagnostic(severity, code, name, location, message, hint, related, excerpt);
    }

    /**
     * The same, but the human form quotes no source line under the location.
     *
     * @return a copy whose {@link #excerpt()} is false
     */
    public Diagnostic withoutExcerpt() {
        return new Diagnostic(severity, code, name, location, message, hint, related, false);
    }

    private static int comparePlaces(Optional<SourceLocation> a, Optional<SourceLocation> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(b.isEmpty(), a.isEmpty());
        }
        SourceLocation x = a.get();
        SourceLocation y = b.get();
        int c = x.file().compareTo(y.file());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(x.line(), y.line());
        return c != 0 ? c : Integer.compare(x.column(), y.column());
    }
}
