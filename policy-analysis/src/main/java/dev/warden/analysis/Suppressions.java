package dev.warden.analysis;

import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.diagnostic.Severity;
import dev.warden.core.diagnostic.Suppressed;
import dev.warden.core.diagnostic.Suppression;
import dev.warden.dsl.DiagnosticRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What lint reports once a project's settings are applied to its findings: each rule's level
 * ({@link Level}, from the config file), the suppressions written in the files ({@code #
 * warden:allow W004,W001 the reason}, on the finding's line or alone on the line above it) and the
 * {@link Baseline}. A suppressed finding is not reported but kept, with its {@link Suppression},
 * for SARIF; a suppression that suppresses nothing is itself a finding ({@link
 * Rule#UNUSED_SUPPRESSION}), and so is a malformed one ({@link Rule#INVALID_SUPPRESSION}: no code,
 * an unknown code, no reason).
 *
 * <p>Comments are {@code #} comments: those of the policy language, and of YAML and the plain list
 * of a schema. Files named {@code *.json} have none (Bird JSON, an OpenAPI document in JSON): their
 * findings are suppressed with the baseline only.
 */
public final class Suppressions {
    private static final Pattern ALLOW = Pattern.compile("#\\s*warden:allow(?=\\s|$)(.*)");
    private static final Pattern CODES = Pattern.compile("\\s*(\\S+)\\s*(.*)");

    /** A rule's level in a project: {@code off} drops its findings, the others set their severity. */
    public enum Level {
        /** The rule's findings are dropped. */
        OFF,
        /** The rule's findings are infos. */
        INFO,
        /** The rule's findings are warnings. */
        WARNING,
        /** The rule's findings are errors. */
        ERROR;

        /**
         * The level a word names ({@code off}, {@code info}, {@code warning}, {@code error}, any case), or empty.
         *
         * @param word a level's name
         * @return the level, or empty
         */
        public static Optional<Level> ofWord(String word) {
            for (Level l : values()) {
                if (l.name().equalsIgnoreCase(word)) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }

        Optional<Severity> severity() {
            return this == OFF ? Optional.empty() : Severity.ofWord(name());
        }
    }

    /**
     * What to report and what was suppressed.
     *
     * @param reported the diagnostics to print and count, in the order given, with the suppressions'
     *     own findings among them ({@link Diagnostic#ORDER})
     * @param suppressed the findings a suppression kept from being reported, in {@link Diagnostic#ORDER}
     */
    public record Result(List<Diagnostic> reported, List<Suppressed> suppressed) {
        /**
         * Copies both lists.
         *
         * @param reported the diagnostics to print and count
         * @param suppressed the findings a suppression kept from being reported
         */
        public Result {
            reported = List.copyOf(reported);
            suppressed = List.copyOf(suppressed);
        }
    }

    /** A well-formed {@code # warden:allow} comment and the line of code it is about. */
    private record Inline(SourceLocation at, int target, List<String> codes, String reason, Set<String> used) {}

    private Suppressions() {}

    /**
     * Applies the levels, then the inline suppressions, then the baseline to lint's findings (a
     * diagnostic that is not a lint rule's, a load error, passes as it is).
     *
     * @param texts every file's text as loaded, by name: where the comments are read and the
     *     fingerprints taken
     * @param diagnostics what lint and the loader found
     * @param baseline the accepted findings, or {@link Baseline#NONE}
     * @param levels a level by rule code ({@code W004}); a code not here keeps its rule's severity
     * @return what to report, and what was suppressed
     */
    public static Result settle(List<Diagnostic> diagnostics, Map<String, String> texts, Baseline baseline,
            Map<String, Level> levels) {
        Objects.requireNonNull(baseline, "baseline");
        List<Diagnostic> findings = new ArrayList<>();
        List<Diagnostic> own = new ArrayList<>();
        List<Inline> inline = new ArrayList<>();
        texts.forEach((file, text) -> read(file, text, inline, own));
        Set<Baseline.Entry> usedEntries = new HashSet<>();
        Map<String, List<Baseline.Entry>> entries = new HashMap<>();
        baseline.entries().forEach(e -> entries.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
        Baseline.Fingerprints fingerprints = new Baseline.Fingerprints(texts);
        Map<String, List<Inline>> byLine = new HashMap<>();
        inline.forEach(s -> byLine.computeIfAbsent(s.at().file() + "\n" + s.target(), k -> new ArrayList<>()).add(s));
        List<Suppressed> suppressed = new ArrayList<>();
        for (Diagnostic d : levelled(diagnostics, levels)) {
            Optional<Suppression> why = Rule.of(d).isPresent() ? suppression(d, byLine, entries, fingerprints, usedEntries)
                    : Optional.empty();
            if (why.isPresent()) {
                suppressed.add(new Suppressed(d, why.get()));
            } else {
                findings.add(d);
            }
        }
        for (Inline s : inline) {
            for (String code : s.codes()) {
                if (!s.used().contains(code) && levels.get(code) != Level.OFF) {
                    own.add(Rule.UNUSED_SUPPRESSION.at(Optional.of(s.at()), "the suppression of `" + code
                                    + "` matches no finding " + (s.target() > 0 ? "on line " + s.target() : "after it"),
                            "delete it, or move it to the line above the finding it is for"));
                }
            }
        }
        for (Baseline.Entry e : baseline.entries()) {
            if (!usedEntries.contains(e) && levels.get(e.code()) != Level.OFF) {
                own.add(Rule.UNUSED_SUPPRESSION.at(e.at(), "the baseline entry for `" + e.code() + "` in `" + e.file()
                        + "` matches no finding", "delete it, or write the baseline again with --write-baseline"));
            }
        }
        List<Diagnostic> added = levelled(own, levels);
        if (!added.isEmpty()) {
            findings.addAll(added);
            findings.sort(Diagnostic.ORDER);
        }
        suppressed.sort((a, b) -> Diagnostic.ORDER.compare(a.diagnostic(), b.diagnostic()));
        return new Result(findings, suppressed);
    }

    private static List<Diagnostic> levelled(List<Diagnostic> diagnostics, Map<String, Level> levels) {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Level l = Rule.of(d).isPresent() ? levels.get(d.code()) : null;
            if (l == null) {
                out.add(d);
            } else {
                l.severity().ifPresent(s -> out.add(d.withSeverity(s)));
            }
        }
        return out;
    }

    private static Optional<Suppression> suppression(Diagnostic d, Map<String, List<Inline>> byLine,
            Map<String, List<Baseline.Entry>> entries, Baseline.Fingerprints fingerprints, Set<Baseline.Entry> usedEntries) {
        if (d.location().isEmpty()) {
            return Optional.empty();
        }
        SourceLocation at = d.location().get();
        for (Inline s : byLine.getOrDefault(at.file() + "\n" + at.line(), List.of())) {
            if (s.codes().contains(d.code())) {
                s.used().add(d.code());
                return Optional.of(new Suppression(Suppression.Kind.IN_SOURCE, s.reason(), Optional.of(s.at())));
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<Baseline.Entry> matching = fingerprints.key(d).map(entries::get).orElse(List.of());
        if (matching == null || matching.isEmpty()) {
            return Optional.empty();
        }
        usedEntries.addAll(matching);
        Baseline.Entry e = matching.get(0);
        return Optional.of(new Suppression(Suppression.Kind.EXTERNAL, e.justification(), e.at()));
    }

    /** The {@code # warden:allow} comments of one file: well-formed ones into {@code inline}, the others as findings. */
    private static void read(String file, String text, List<Inline> inline, List<Diagnostic> findings) {
        if (file.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return;
        }
        List<String> lines = DiagnosticRenderer.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int start = commentStart(line);
            if (start < 0) {
                continue;
            }
            Matcher m = ALLOW.matcher(line.substring(start));
            if (!m.matches()) {
                continue;
            }
            String comment = line.substring(start);
            SourceLocation at = new SourceLocation(file, i + 1, line.codePointCount(0, start) + 1,
                    Math.max(1, comment.codePointCount(0, comment.length())));
            Matcher parts = CODES.matcher(m.group(1));
            if (m.group(1).isBlank() || !parts.matches()) {
                findings.add(Rule.INVALID_SUPPRESSION.at(Optional.of(at), "`# warden:allow` names no code",
                        "write the codes and the reason: `# warden:allow W004 the reason`"));
                continue;
            }
            List<String> codes = List.of(parts.group(1).split(",", -1));
            Optional<String> unknown = codes.stream().filter(c -> Rule.named(c).map(r -> !r.code().equals(c)).orElse(true))
                    .findFirst();
            if (unknown.isPresent()) {
                findings.add(Rule.INVALID_SUPPRESSION.at(Optional.of(at), "`" + unknown.get()
                        + "` is not the code of a lint rule, so the suppression suppresses nothing",
                        "name rules by code, separated by commas without spaces: `# warden:allow W001,W004 the reason`"));
                continue;
            }
            String reason = parts.group(2).strip();
            if (reason.isEmpty()) {
                findings.add(Rule.INVALID_SUPPRESSION.at(Optional.of(at), "the suppression of `" + parts.group(1)
                        + "` gives no reason, so it suppresses nothing",
                        "write why after the codes: `# warden:allow " + parts.group(1) + " the reason`"));
                continue;
            }
            int target = i + 1;
            if (line.substring(0, start).isBlank()) {
                target = -1;
                for (int j = i + 1; j < lines.size(); j++) {
                    if (!codeOf(lines.get(j)).isBlank()) {
                        target = j + 1;
                        break;
                    }
                }
            }
            inline.add(new Inline(at, target, codes, reason, new HashSet<>()));
        }
    }

    /**
     * Where a line's {@code #} comment starts, or -1: a {@code #} at the start of the line or after
     * a blank or a delimiter ({@code { } ; ,}), outside a double-quoted string.
     */
    static int commentStart(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '#' && (i == 0 || " \t{};,".indexOf(line.charAt(i - 1)) >= 0)) {
                return i;
            }
        }
        return -1;
    }

    /** A line without its comment. */
    static String codeOf(String line) {
        int start = commentStart(line);
        return start < 0 ? line : line.substring(0, start);
    }
}
