package dev.warden.dsl;

import dev.warden.core.AccessRequest;
import dev.warden.core.Effect;
import dev.warden.core.PolicySet;
import dev.warden.core.Principal;
import dev.warden.core.Reason;
import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.core.internal.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads policy test files ({@code *.wtest}; docs/testing.md is the reference):
 *
 * <pre>
 * # tests for the channels API
 * policies ../policies
 *
 * test "a reader lists the channels of its workspace" {
 *     principal ak_1 roles channel-reader attributes workspace=w1
 *     expect allow view /workspaces/w1/channels
 *     expect deny DELETE /workspaces/w1/channels/c1 reason no_match
 * }
 * </pre>
 *
 * <p>The reader is a line parser: each line is blank, a comment, or one directive. Errors are
 * {@link Diagnostic}s located like the loader's ({@code E5xx}), and a file with any is not run.
 * {@link #run} runs the tests of files read against a policy set; {@link TestReporter} prints the
 * {@link TestReport} as {@code warden test} does.
 */
public final class PolicyTests {
    /** Test files are at most this large, like policy files. */
    private static final long MAX_BYTES = Limits.MAX_FILE_BYTES;

    private PolicyTests() {}

    /**
     * One test file.
     *
     * @param file the file as the user named it
     * @param policies the {@code policies} paths as written (relative to the file's directory);
     *     empty when the file has no {@code policies} line
     * @param tests the tests, in file order
     */
    public record TestFile(String file, List<String> policies, List<TestCase> tests) {
        /**
         * Requires the file and copies the lists.
         *
         * @param file the file as the user named it
         * @param policies the {@code policies} paths as written, or none
         * @param tests the tests, in file order
         */
        public TestFile {
            Objects.requireNonNull(file, "file");
            policies = List.copyOf(policies);
            tests = List.copyOf(tests);
        }

        /**
         * The paths to load for this file: its {@code policies} paths resolved against the file's
         * directory and normalised, or that directory when it has none ({@code .} for the current one).
         *
         * @return the paths to load, one or more, in the order written
         */
        public List<String> policyPaths() {
            Path dir = Optional.ofNullable(Path.of(file).getParent()).orElse(Path.of(""));
            List<String> written = policies.isEmpty() ? List.of(".") : policies;
            List<String> out = new ArrayList<>();
            for (String w : written) {
                String resolved = dir.resolve(w).normalize().toString();
                out.add(resolved.isEmpty() ? "." : resolved);
            }
            return List.copyOf(out);
        }
    }

    /**
     * One {@code test "NAME" { ... }} block: its name, where it starts, and its expectations in order.
     *
     * @param name the test's name, unique in its file
     * @param at where the test's {@code test} is
     * @param expectations its {@code expect} lines, in order
     */
    public record TestCase(String name, SourceLocation at, List<Expectation> expectations) {
        /**
         * Requires each part and copies the expectations.
         *
         * @param name the test's name
         * @param at where the test starts
         * @param expectations its {@code expect} lines, in order
         */
        public TestCase {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(at, "at");
            expectations = List.copyOf(expectations);
        }
    }

    /**
     * One {@code expect} line.
     *
     * @param at where the line's {@code expect} is
     * @param text the line as written, without its comment
     * @param request the request: the principal of the last {@code principal} line before it in its
     *     test, and an {@link AccessRequest.Http} when the action is an HTTP method (a word of
     *     upper-case letters), else an {@link AccessRequest.OnResource}, with the path as written
     * @param effect the expected decision
     * @param reason the expected reason, when the line names one
     */
    public record Expectation(SourceLocation at, String text, AccessRequest request, Effect effect,
            Optional<Reason> reason) {
        /**
         * Requires each part.
         *
         * @param at where the line's {@code expect} is
         * @param text the line as written
         * @param request the request to decide
         * @param effect the expected decision
         * @param reason the expected reason, or empty
         */
        public Expectation {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(effect, "effect");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A test file read, or the diagnostics that say why it cannot be run (sorted, at most 50), and
     * the file's text as read, by its name, for the carets of those diagnostics (none when it
     * could not be read).
     *
     * @param testFile the file read; empty when any diagnostic is an error
     * @param diagnostics the diagnostics of the file, sorted, at most 50
     * @param texts the file's text as read, by its name; empty when it could not be read
     */
    public record Result(Optional<TestFile> testFile, List<Diagnostic> diagnostics, Map<String, String> texts) {
        /**
         * Requires the file and copies the diagnostics and texts.
         *
         * @param testFile the file read, or empty
         * @param diagnostics the diagnostics of the file
         * @param texts the file's text as read, by its name
         */
        public Result {
            Objects.requireNonNull(testFile, "testFile");
            diagnostics = List.copyOf(diagnostics);
            texts = Map.copyOf(texts);
        }

        Result(Optional<TestFile> testFile, List<Diagnostic> diagnostics) {
            this(testFile, diagnostics, Map.of());
        }

        /**
         * Whether the file was read and can be run.
         *
         * @return true when {@link #testFile()} holds the file
         */
        public boolean ok() {
            return testFile.isPresent();
        }
    }

    /**
     * Reads a test file from disk (UTF-8, at most 1 MiB), naming it {@code name} in diagnostics.
     *
     * @param path the file to read
     * @param name the name the file goes by in diagnostics, as the user named it
     * @return the file read, or the diagnostics of reading or of the file
     */
    public static Result readFile(Path path, String name) {
        List<Diagnostic> io = new ArrayList<>();
        Optional<String> text = PolicyLoader.readText(name, path, MAX_BYTES, io);
        return text.isEmpty() ? new Result(Optional.empty(), io) : read(name, text.get());
    }

    /**
     * Reads the text of a test file, naming it {@code file} in diagnostics.
     *
     * @param file the name the text goes by in diagnostics
     * @param text a {@code .wtest} file's text
     * @return the file read, or the diagnostics that say why it cannot be run
     */
    public static Result read(String file, String text) {
        String body = PolicyLoader.stripBom(text);
        SourceText src = new SourceText(file, body);
        if (!TextSafety.check(src, body, "a test file")) {
            return new Result(Optional.empty(), PolicyLoader.capped(src.diagnostics()), Map.of(src.file(), body));
        }
        return new Reader(src).read();
    }

    /**
     * Runs the tests of {@code files} against {@code set}, each expectation decided with {@link
     * dev.warden.core.Authorizer#decide}, and reports every outcome and what the expectations
     * exercised of {@code set} ({@link TestReport.Coverage}). The files' {@code policies} lines are
     * not read: the caller loads them ({@link TestFile#policyPaths()}).
     *
     * @param set the policy set to run the tests against
     * @param files the test files read, in the order to report them
     * @return per file, per test and per expectation whether it passed, and the coverage of {@code set}
     */
    public static TestReport run(PolicySet set, List<TestFile> files) {
        return TestRunner.run(set, files);
    }

    // ---- the line parser

    private enum Kind { WORD, STRING, COMMA, LBRACE, RBRACE }

    /** A token of one line: its kind, its text (a string's value, decoded), its column (from 1) and width. */
    private record Tok(Kind kind, String text, int column, int width) {}

    private static final class Reader {
        private final SourceText src;
        private final List<String> policies = new ArrayList<>();
        private final List<TestCase> tests = new ArrayList<>();
        private final Map<String, SourceLocation> names = new LinkedHashMap<>();
        private int lineNo;
        private String line;
        private List<Tok> toks;
        private int pos;

        Reader(SourceText src) {
            this.src = src;
        }

        Result read() {
            List<String> lines = src.lines();
            String testName = null;
            SourceLocation testAt = null;
            List<Expectation> expectations = new ArrayList<>();
            Principal principal = null;
            int expectLines = 0;
            boolean policiesSeen = false;
            for (lineNo = 1; lineNo <= lines.size(); lineNo++) {
                line = lines.get(lineNo - 1);
                try {
                    toks = tokenize();
                } catch (Bad e) {
                    continue;
                }
                pos = 0;
                if (toks.isEmpty()) {
                    continue;
                }
                Tok first = toks.get(0);
                try {
                    if (testName == null) {
                        if (is(first, "policies")) {
                            if (policiesSeen || !tests.isEmpty()) {
                                error(Codes.TEST_SYNTAX, first, "a `policies` line must come once, before the first test",
                                        "list every path on one line: `policies a.policy, dir`");
                            }
                            policiesSeen = true;
                            pos = 1;
                            policies.addAll(list("a policy file or directory"));
                            end();
                        } else if (is(first, "test")) {
                            pos = 1;
                            Tok name = next("the test's name in double quotes");
                            if (name.kind != Kind.STRING) {
                                throw bad(name, "expected the test's name in double quotes, found " + describe(name), "");
                            }
                            expect(Kind.LBRACE, "`{`");
                            end();
                            testName = name.text;
                            testAt = at(first);
                            SourceLocation previous = names.putIfAbsent(testName, at(name));
                            if (previous != null) {
                                error(Codes.TEST_DUPLICATE, name, "duplicate test " + SourceText.quote(testName),
                                        "it is first defined at " + previous + "; rename one of them");
                            }
                            expectations = new ArrayList<>();
                            expectLines = 0;
                            principal = null;
                        } else if (first.kind == Kind.RBRACE) {
                            error(Codes.TEST_BRACES, first, "`}` without a test to close", "");
                        } else {
                            throw bad(first, "expected `policies` or `test`, found " + describe(first),
                                    is(first, "principal") || is(first, "expect") ? "write it inside a `test \"...\" { }` block" : "");
                        }
                    } else if (first.kind == Kind.RBRACE) {
                        pos = 1;
                        end();
                        if (expectLines == 0) {
                            src.error(Codes.TEST_EMPTY, testAt, 4, "test " + SourceText.quote(testName)
                                    + " has no `expect` line", "add `expect allow|deny ACTION PATH` lines");
                        }
                        tests.add(new TestCase(testName, testAt, expectations));
                        testName = null;
                    } else if (is(first, "principal")) {
                        pos = 1;
                        principal = principal();
                    } else if (is(first, "expect")) {
                        pos = 1;
                        expectLines++;
                        Expectation e = expectation(first, principal);
                        if (e != null) {
                            expectations.add(e);
                        }
                    } else {
                        throw bad(first, "expected `principal`, `expect` or `}`, found " + describe(first), "");
                    }
                } catch (Bad e) {
                    // reported; the next line is read on its own
                }
            }
            if (testName != null) {
                src.error(Codes.TEST_BRACES, testAt, 4, "test " + SourceText.quote(testName) + " is not closed",
                        "end it with `}` on a line of its own");
            }
            if (!src.diagnostics().isEmpty()) {
                return new Result(Optional.empty(), PolicyLoader.capped(src.diagnostics()), src.texts());
            }
            return new Result(Optional.of(new TestFile(src.file(), policies, tests)), List.of(), src.texts());
        }

        /** {@code principal ID [roles N, ...] [policies N, ...] [attributes K=V, ...]}, clauses in any order. */
        private Principal principal() {
            Tok id = next("the principal's id");
            if (id.kind != Kind.WORD && id.kind != Kind.STRING || id.text.isEmpty()) {
                throw bad(id, "expected the principal's id, found " + describe(id), "");
            }
            Principal.Builder b = Principal.builder(id.text);
            while (pos < toks.size()) {
                Tok clause = toks.get(pos++);
                if (is(clause, "roles")) {
                    list("a role name").forEach(b::role);
                } else if (is(clause, "policies")) {
                    list("a policy name").forEach(b::policy);
                } else if (is(clause, "attributes")) {
                    for (Tok t : listTokens("an attribute `KEY=VALUE`")) {
                        int eq = t.text.indexOf('=');
                        if (eq <= 0) {
                            throw bad(t, "expected an attribute `KEY=VALUE`, found " + describe(t),
                                    "write `attributes workspace=w1, team=core`");
                        }
                        b.attribute(t.text.substring(0, eq), t.text.substring(eq + 1));
                    }
                } else {
                    throw bad(clause, "expected `roles`, `policies`, `attributes` or the end of the line, found "
                            + describe(clause), "");
                }
            }
            return b.build();
        }

        /** {@code expect allow|deny ACTION PATH [reason REASON]}. */
        private Expectation expectation(Tok expect, Principal principal) {
            Tok effect = next("`allow` or `deny`");
            if (!is(effect, "allow") && !is(effect, "deny")) {
                throw bad(effect, "expected `allow` or `deny`, found " + describe(effect), "");
            }
            Tok action = next("an action or an HTTP method");
            if (action.kind != Kind.WORD) {
                throw bad(action, "expected an action or an HTTP method, found " + describe(action), "");
            }
            Tok path = next("a resource path");
            if (path.kind != Kind.WORD && path.kind != Kind.STRING) {
                throw bad(path, "expected a resource path, found " + describe(path), "");
            }
            Optional<Reason> reason = Optional.empty();
            if (pos < toks.size()) {
                Tok word = toks.get(pos++);
                if (!is(word, "reason")) {
                    throw bad(word, "expected `reason` or the end of the line, found " + describe(word), "");
                }
                Tok r = next("a reason");
                reason = reason(r);
                if (reason.isEmpty()) {
                    throw bad(r, Codes.TEST_REASON, "unknown reason " + describe(r), Suggestions.closest(r.text, REASONS)
                            .map(s -> "did you mean `" + s + "`?").orElse("the reasons are " + String.join(", ", REASONS)));
                }
                boolean allow = is(effect, "allow");
                if (allow != (reason.get() == Reason.ALLOWED)) {
                    throw bad(r, Codes.TEST_REASON, "a" + (allow ? "n allow" : " deny") + " cannot have reason "
                            + describe(r), allow ? "an allow's reason is `allowed`" : "`allowed` is the reason of an allow");
                }
                end();
            }
            if (principal == null) {
                error(Codes.TEST_NO_PRINCIPAL, expect, "`expect` before any `principal` line of the test",
                        "start the test with `principal ID roles ROLE`");
                return null;
            }
            AccessRequest request = isMethod(action.text)
                    ? new AccessRequest.Http(principal, action.text, path.text)
                    : new AccessRequest.OnResource(principal, action.text, path.text);
            Tok last = toks.get(toks.size() - 1);
            String text = line.substring(line.offsetByCodePoints(0, expect.column - 1),
                    line.offsetByCodePoints(0, last.column - 1 + last.width));
            return new Expectation(at(expect), text, request, is(effect, "allow") ? Effect.ALLOW : Effect.DENY, reason);
        }

        private static final List<String> REASONS = List.of("malformed_request", "unknown_action", "unknown_policy",
                "explicit_deny", "allowed", "no_match");

        private static Optional<Reason> reason(Tok t) {
            for (Reason r : Reason.values()) {
                if (r != Reason.INVALID_REQUEST && r.code().equals(t.text) && t.kind == Kind.WORD) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        /** An HTTP method is written in upper case: {@code GET}, {@code DELETE}; actions in lower case. */
        private static boolean isMethod(String word) {
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c < 'A' || c > 'Z') {
                    return false;
                }
            }
            return !word.isEmpty();
        }

        private List<String> list(String what) {
            List<String> out = new ArrayList<>();
            for (Tok t : listTokens(what)) {
                out.add(t.text);
            }
            return out;
        }

        /** {@code ITEM (, ITEM)*}: words or strings. */
        private List<Tok> listTokens(String what) {
            List<Tok> out = new ArrayList<>();
            while (true) {
                Tok t = next(what);
                if (t.kind != Kind.WORD && t.kind != Kind.STRING) {
                    throw bad(t, "expected " + what + ", found " + describe(t), "");
                }
                out.add(t);
                if (pos < toks.size() && toks.get(pos).kind == Kind.COMMA) {
                    pos++;
                } else {
                    return out;
                }
            }
        }

        private Tok next(String what) {
            if (pos >= toks.size()) {
                int col = line.codePointCount(0, line.length()) + 1;
                throw bad(new Tok(Kind.WORD, "", col, 1), "expected " + what + ", found the end of the line", "");
            }
            return toks.get(pos++);
        }

        private void expect(Kind kind, String what) {
            Tok t = next(what);
            if (t.kind != kind) {
                throw bad(t, "expected " + what + ", found " + describe(t), "");
            }
        }

        private void end() {
            if (pos < toks.size()) {
                Tok t = toks.get(pos);
                throw bad(t, "expected the end of the line, found " + describe(t), "one directive per line");
            }
        }

        private static boolean is(Tok t, String keyword) {
            return t.kind == Kind.WORD && t.text.equals(keyword);
        }

        private static String describe(Tok t) {
            return switch (t.kind) {
                case STRING -> "string " + SourceText.quote(t.text);
                case COMMA -> "`,`";
                case LBRACE -> "`{`";
                case RBRACE -> "`}`";
                case WORD -> t.text.isEmpty() ? "the end of the line" : SourceText.quote(t.text);
            };
        }

        private SourceLocation at(Tok t) {
            return src.at(lineNo, t.column);
        }

        private void error(String code, Tok t, String message, String hint) {
            src.error(code, at(t), t.width, message, hint);
        }

        /** Thrown after reporting an error: the rest of the line is skipped. */
        private static final class Bad extends RuntimeException {
            Bad() {
                super(null, null, false, false);
            }
        }

        private Bad bad(Tok t, String message, String hint) {
            return bad(t, Codes.TEST_SYNTAX, message, hint);
        }

        private Bad bad(Tok t, String code, String message, String hint) {
            error(code, t, message, hint);
            return new Bad();
        }

        /** Splits the line into tokens; a {@code #} where a word could start begins a comment. */
        private List<Tok> tokenize() {
            List<Tok> out = new ArrayList<>();
            int[] cps = line.codePoints().toArray();
            int i = 0;
            while (i < cps.length) {
                int c = cps[i];
                if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
                    i++;
                } else if (c == '#') {
                    break;
                } else if (c == ',' || c == '{' || c == '}') {
                    out.add(new Tok(c == ',' ? Kind.COMMA : c == '{' ? Kind.LBRACE : Kind.RBRACE, Character.toString(c), i + 1, 1));
                    i++;
                } else if (c == '"') {
                    int start = i;
                    String rest = new String(cps, start, cps.length - start);
                    int close = StringLiteral.end(rest, 0);
                    String raw = close < 0 ? rest : rest.substring(0, close);
                    StringLiteral.Decoded value = StringLiteral.decode(raw, StringLiteral.Escapes.TEST);
                    if (!value.bad().isEmpty()) {
                        StringLiteral.BadEscape bad = value.bad().get(0);
                        error(Codes.BAD_ESCAPE, new Tok(Kind.STRING, "", start + 1 + raw.codePointCount(0, bad.offset()),
                                bad.width()), bad.message(), StringLiteral.Escapes.TEST.hint());
                        throw new Bad();
                    }
                    if (close < 0) {
                        error(Codes.UNTERMINATED_STRING, new Tok(Kind.STRING, "", start + 1, cps.length - start),
                                "unterminated string", "close it with `\"` on the same line");
                        throw new Bad();
                    }
                    i = start + raw.codePointCount(0, raw.length());
                    out.add(new Tok(Kind.STRING, value.value(), start + 1, i - start));
                } else {
                    int start = i;
                    while (i < cps.length && " \t\f\r,{}\"".indexOf(cps[i]) < 0) {
                        i++;
                    }
                    out.add(new Tok(Kind.WORD, new String(cps, start, i - start), start + 1, i - start));
                }
            }
            return out;
        }
    }
}
