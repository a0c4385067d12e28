package dev.warden.dsl;

import dev.warden.core.Decision;
import dev.warden.core.MatchedStatement;
import dev.warden.core.PolicySet;
import dev.warden.core.SourceLocation;
import dev.warden.dsl.PolicyTests.Expectation;
import dev.warden.dsl.TestReport.CaseReport;
import dev.warden.dsl.TestReport.Coverage;
import dev.warden.dsl.TestReport.FileReport;
import dev.warden.dsl.TestReport.Outcome;
import dev.warden.dsl.TestReport.PatternCoverage;
import dev.warden.dsl.TestReport.StatementCoverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TestReport} as {@code warden test} prints and writes it (docs/testing.md): the human
 * text (a file's tests, the summary, the coverage) and JUnit XML. Every text is lines that each
 * end with a line feed.
 */
public final class TestReporter {
    private TestReporter() {}

    /**
     * A file's name, then a line per test ({@code ok} or {@code FAIL}) and, under a failing test,
     * each failing expectation; {@code set} is the policy set the file ran against.
     *
     * @param set the policy set the file ran against, for the text of matched statements
     * @param file the file's report
     * @return the text, every line ending with a line feed
     */
    public static String text(PolicySet set, FileReport file) {
        StringBuilder out = new StringBuilder(file.file().file()).append('\n');
        for (CaseReport c : file.cases()) {
            out.append(text(set, c));
        }
        return out.toString();
    }

    /**
     * One test's line and, when it fails, each failing expectation: where it is written, the line,
     * the expected and the actual decision, and the statements that decided it.
     *
     * @param set the policy set the test ran against, for the text of matched statements
     * @param c the test's report
     * @return the text, every line ending with a line feed
     */
    public static String text(PolicySet set, CaseReport c) {
        StringBuilder out = new StringBuilder(c.passed() ? "  ok    " : "  FAIL  ").append(c.test().name()).append('\n');
        for (Outcome o : c.outcomes()) {
            if (o.passed()) {
                continue;
            }
            Expectation e = o.expectation();
            out.append("        ").append(e.at().file()).append(':').append(e.at().line()).append(": ").append(e.text())
                    .append('\n');
            out.append("          expected: ").append(expected(e)).append('\n');
            out.append("          actual:   ").append(actual(o.decision())).append('\n');
            for (MatchedStatement m : o.decision().matched()) {
                out.append("          matched:  ").append(StatementText.where(m.source(), m.policy(), m.index()))
                        .append(": ").append(StatementText.of(set, m.policy(), m.index())).append(" (policy `")
                        .append(m.policy()).append("`)\n");
            }
        }
        return out.toString();
    }

    /**
     * A blank line, then {@code N passed, M failed}.
     *
     * @param passed the number of tests that passed
     * @param failed the number of tests that failed
     * @return the text, every line ending with a line feed
     */
    public static String summary(int passed, int failed) {
        return "\n" + passed + " passed, " + failed + " failed\n";
    }

    /**
     * A blank line, the counts of statements and patterns exercised, then each statement that was
     * not (or only in part) with the patterns that were not. {@code name}, when given, names the
     * policy set in the first line ({@code coverage of NAME: ...}).
     *
     * @param coverage what the expectations exercised of a policy set
     * @param name the policy set's name for the first line, or empty for none
     * @return the text, every line ending with a line feed
     */
    public static String coverage(Coverage coverage, Optional<String> name) {
        List<String> lines = new ArrayList<>();
        for (StatementCoverage s : coverage.statements()) {
            int total = s.patterns().size();
            int hit = s.patternsExercised();
            if (hit == total) {
                continue;
            }
            String partly = hit > 0 ? " (" + hit + " of " + total + " patterns exercised)" : "";
            lines.add("  " + StatementText.where(s.source(), s.policy(), s.index()) + ": policy `" + s.policy()
                    + "` statement " + (s.index() + 1) + ": " + StatementText.of(s.statement()) + partly);
            for (PatternCoverage p : s.patterns()) {
                if (!p.exercised()) {
                    // where the pattern was written, from the one parse; else its statement
                    Optional<SourceLocation> at = p.source().isPresent() ? p.source() : s.source();
                    lines.add("      " + StatementText.where(at, s.policy(), s.index()) + ": pattern " + p.pattern().text());
                }
            }
        }
        StringBuilder out = new StringBuilder("\ncoverage").append(name.map(n -> " of " + n).orElse("")).append(": ")
                .append(coverage.statementsExercised()).append(" of ").append(coverage.statements().size())
                .append(" statements, ").append(coverage.patternsExercised()).append(" of ").append(coverage.patterns())
                .append(" patterns exercised\n");
        if (!lines.isEmpty()) {
            out.append("not exercised:\n");
            lines.forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    /**
     * The files' results as JUnit XML, the format CI dashboards read: one {@code testsuite} per
     * test file, one {@code testcase} per test, a {@code failure} per failing test with each failing
     * expectation's {@code file:line}, expected and actual decision. No timings, so the output
     * depends only on the results.
     *
     * @param files the files' reports, in the order to write them
     * @return the XML document, ending with a line feed
     */
    public static String junit(List<FileReport> files) {
        int tests = 0;
        int failures = 0;
        for (FileReport f : files) {
            tests += f.cases().size();
            failures += f.failed();
        }
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"warden test\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\">\n");
        for (FileReport f : files) {
            String file = f.file().file();
            x.append("  <testsuite name=\"").append(escape(file)).append("\" tests=\"").append(f.cases().size())
                    .append("\" failures=\"").append(f.failed()).append("\" errors=\"0\" skipped=\"0\">\n");
            for (CaseReport r : f.cases()) {
                x.append("    <testcase name=\"").append(escape(r.test().name())).append("\" classname=\"")
                        .append(escape(file)).append("\" file=\"").append(escape(file)).append("\" line=\"")
                        .append(r.test().at().line()).append('"');
                if (r.passed()) {
                    x.append("/>\n");
                    continue;
                }
                x.append(">\n");
                List<Outcome> failing = r.outcomes().stream().filter(o -> !o.passed()).toList();
                Outcome first = failing.get(0);
                StringBuilder text = new StringBuilder();
                for (Outcome o : failing) {
                    Expectation ex = o.expectation();
                    text.append(ex.at().file()).append(':').append(ex.at().line()).append(": ").append(ex.text())
                            .append("\n  expected: ").append(expected(ex))
                            .append("\n  actual:   ").append(actual(o.decision())).append('\n');
                }
                x.append("      <failure type=\"expectation\" message=\"").append(escape(message(first)))
                        .append(failing.size() > 1 ? escape(" (and " + (failing.size() - 1) + " more)") : "")
                        .append("\">").append(escape(text.toString()).replace("&#10;", "\n")).append("</failure>\n");
                x.append("    </testcase>\n");
            }
            x.append("  </testsuite>\n");
        }
        return x.append("</testsuites>\n").toString();
    }

    private static String expected(Expectation e) {
        return e.effect().word() + e.reason().map(r -> " (" + r.code() + ")").orElse("");
    }

    private static String actual(Decision d) {
        return d.effect().word() + " (" + d.reason().code() + (d.detail().isEmpty() ? "" : ": " + d.detail()) + ")";
    }

    private static String message(Outcome o) {
        Expectation e = o.expectation();
        return e.at().file() + ":" + e.at().line() + ": expected " + expected(e) + ", got " + actual(o.decision());
    }

    /** Escapes text for an XML attribute or element; characters XML 1.0 cannot hold become {@code ?}. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\t' -> out.append("&#9;");
                default -> out.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? '?' : c);
            }
        }
        return out.toString();
    }
}
