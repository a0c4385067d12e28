package dev.warden.cli;

import dev.warden.cli.TestCommand.Outcome;
import dev.warden.cli.TestCommand.Result;
import dev.warden.dsl.PolicyTests.Expectation;
import dev.warden.dsl.PolicyTests.TestFile;
import java.util.List;
import java.util.Map;

/**
 * The results of {@code warden test} as JUnit XML, the format CI dashboards read: one {@code
 * testsuite} per test file, one {@code testcase} per test, a {@code failure} per failing test with
 * each failing expectation's {@code file:line}, expected and actual decision. No timings, so the
 * output depends only on the results.
 */
final class JunitXml {
    private JunitXml() {}

    static String write(Map<TestFile, List<Result>> results) {
        int tests = 0;
        int failures = 0;
        for (List<Result> rs : results.values()) {
            tests += rs.size();
            failures += (int) rs.stream().filter(r -> !r.passed()).count();
        }
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"warden test\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\">\n");
        for (Map.Entry<TestFile, List<Result>> e : results.entrySet()) {
            String file = e.getKey().file();
            List<Result> rs = e.getValue();
            long failed = rs.stream().filter(r -> !r.passed()).count();
            x.append("  <testsuite name=\"").append(escape(file)).append("\" tests=\"").append(rs.size())
                    .append("\" failures=\"").append(failed).append("\" errors=\"0\" skipped=\"0\">\n");
            for (Result r : rs) {
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
                            .append("\n  expected: ").append(TestCommand.expected(ex))
                            .append("\n  actual:   ").append(TestCommand.actual(o.decision())).append('\n');
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

    private static String message(Outcome o) {
        Expectation e = o.expectation();
        return e.at().file() + ":" + e.at().line() + ": expected " + TestCommand.expected(e) + ", got "
                + TestCommand.actual(o.decision());
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
