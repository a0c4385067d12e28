package dev.warden.dsl;

import dev.warden.core.Actions;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.dsl.internal.parser.WardenPolicyLexer;
import dev.warden.dsl.internal.parser.WardenPolicyParser.ActionContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.ActionsDeclContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.FileContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.ItemContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.NameContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.PatternContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.PoliciesClauseContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.PolicyDeclContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.RoleDeclContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.StatementContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Prints a {@code .policy} file in the one canonical layout of the policy language, keeping its
 * comments (docs/language.md, "Formatting", describes the layout). Formatting is idempotent and
 * never changes what the file means: the formatted text loads to an {@link
 * dev.warden.core.PolicySet#equals equal} set. A file with an error that the file alone shows (a
 * syntax error, a bad name or pattern) is not formatted; its diagnostics are returned instead.
 * Bird JSON files are not formatted.
 *
 * <pre>{@code
 * FormatResult r = PolicyFormatter.format("read.policy", text);
 * if (r.ok() && r.changed()) {
 *     Files.writeString(path, r.formatted().get());
 * }
 * }</pre>
 */
public final class PolicyFormatter {
    private static final String INDENT = "    ";

    private PolicyFormatter() {}

    /**
     * Formats {@code text}, naming it {@code file} in diagnostics. A leading byte order mark is dropped.
     *
     * @param file the name the text goes by in diagnostics
     * @param text a {@code .policy} file's text
     * @return the canonical text, or the file's errors
     */
    public static FormatResult format(String file, String text) {
        String src = PolicyLoader.stripBom(text);
        LanguageReader.Result read = LanguageReader.parse(file, src);
        List<Diagnostic> diagnostics = read.parsed().diagnostics();
        if (!diagnostics.isEmpty() || read.syntax().isEmpty()) {
            return new FormatResult(file, src, Optional.empty(), PolicyLoader.capped(diagnostics));
        }
        return new FormatResult(file, src, Optional.of(new Printer(read.syntax().get()).print()), List.of());
    }

    /**
     * Reads {@code path} as the loader reads a {@code .policy} file (UTF-8, at most 1 MiB) and
     * formats it, naming it {@code name} in diagnostics.
     *
     * @param path the file to read
     * @param name the name the file goes by in diagnostics, as the user named it
     * @return the canonical text, or the errors of reading or of the file
     */
    public static FormatResult formatFile(Path path, String name) {
        List<Diagnostic> io = new ArrayList<>();
        Optional<String> text = PolicyLoader.readText(name, path, Limits.MAX_FILE_BYTES, io);
        if (text.isEmpty()) {
            return new FormatResult(name, "", Optional.empty(), io);
        }
        return format(name, text.get());
    }

    /** The printer: walks the reader's parse tree, taking comments and blank lines from its tokens. */
    private static final class Printer {
        private final List<Token> tokens;
        private final FileContext tree;
        /** The canonical text of tokens that are not printed as written (names, actions, patterns). */
        private final Map<Integer, String> canonical = new HashMap<>();
        private final Out out = new Out();
        /** The first token whose comments are not printed yet. */
        private int cursor;

        /** Prints the tokens and tree of a file that the reader read without an error. */
        Printer(LanguageReader.Syntax syntax) {
            tree = syntax.tree();
            tokens = syntax.tokens();
        }

        String print() {
            ItemContext previous = null;
            for (ItemContext item : tree.item()) {
                if (item.SEMI() != null) {
                    continue;
                }
                boolean force = previous != null && (isBlock(previous) || isBlock(item));
                gap(item.start.getTokenIndex(), "", false, force);
                out.close();
                if (item.actionsDecl() != null) {
                    actionsDecl(item.actionsDecl());
                } else if (item.policyDecl() != null) {
                    policyDecl(item.policyDecl());
                } else {
                    roleDecl(item.roleDecl());
                }
                previous = item;
            }
            gap(tree.EOF().getSymbol().getTokenIndex(), "", false, false);
            out.close();
            return out.text();
        }

        private boolean isBlock(ItemContext item) {
            return item.policyDecl() != null || item.roleDecl() != null && roleOnMoreLines(item.roleDecl());
        }

        private void actionsDecl(ActionsDeclContext decl) {
            for (NameContext n : decl.name()) {
                String raw = n.start.getText();
                canonical.put(n.start.getTokenIndex(), Actions.normalize(n.STRING() != null ? decode(raw) : raw));
            }
            run(decl, "");
        }

        private void policyDecl(PolicyDeclContext decl) {
            name(decl.name());
            if (decl.description() != null) {
                Token d = decl.description().start;
                canonical.put(d.getTokenIndex(), StringLiteral.quote(decode(d.getText())));
            }
            run(decl.start.getTokenIndex(), decl.LBRACE().getSymbol().getTokenIndex(), "");
            cursor = decl.LBRACE().getSymbol().getTokenIndex() + 1;
            boolean first = true;
            for (StatementContext s : decl.statement()) {
                gap(s.start.getTokenIndex(), INDENT, first, false);
                out.close();
                statement(s);
                first = false;
            }
            closeBrace(decl.RBRACE().getSymbol(), first);
        }

        private void statement(StatementContext s) {
            for (ActionContext a : s.action()) {
                String raw = a.start.getText();
                canonical.put(a.start.getTokenIndex(), Actions.normalize(raw));
            }
            for (PatternContext p : s.pattern()) {
                String raw = p.start.getText();
                canonical.put(p.start.getTokenIndex(), PolicyWriter.pattern(p.STRING() != null ? decode(raw) : raw));
            }
            run(s, INDENT);
        }

        private void roleDecl(RoleDeclContext decl) {
            name(decl.name());
            if (decl.description() != null) {
                Token d = decl.description().start;
                canonical.put(d.getTokenIndex(), StringLiteral.quote(decode(d.getText())));
            }
            for (PoliciesClauseContext c : decl.policiesClause()) {
                for (NameContext n : c.name()) {
                    name(n);
                }
            }
            int lbrace = decl.LBRACE().getSymbol().getTokenIndex();
            if (!roleOnMoreLines(decl)) {
                // role NAME "description" { policies a, b }
                run(decl.start.getTokenIndex(), lbrace, "");
                for (PoliciesClauseContext c : decl.policiesClause()) {
                    run(c, "");
                }
                out.word("", "}", true);
                cursor = decl.RBRACE().getSymbol().getTokenIndex() + 1;
                return;
            }
            run(decl.start.getTokenIndex(), lbrace, "");
            cursor = lbrace + 1;
            boolean first = true;
            for (PoliciesClauseContext c : decl.policiesClause()) {
                gap(c.start.getTokenIndex(), INDENT, first, false);
                out.close();
                run(c, INDENT);
                first = false;
            }
            closeBrace(decl.RBRACE().getSymbol(), first);
        }

        /** A role is on one line unless it has several {@code policies} clauses or a comment inside. */
        private boolean roleOnMoreLines(RoleDeclContext decl) {
            if (decl.policiesClause().size() > 1) {
                return true;
            }
            for (int i = decl.start.getTokenIndex(); i < decl.RBRACE().getSymbol().getTokenIndex(); i++) {
                if (tokens.get(i).getType() == WardenPolicyLexer.COMMENT) {
                    return true;
                }
            }
            return false;
        }

        private void closeBrace(Token rbrace, boolean emptyBody) {
            gap(rbrace.getTokenIndex(), INDENT, emptyBody, false);
            out.close();
            out.word("", "}", false);
            cursor = rbrace.getTokenIndex() + 1;
        }

        private void name(NameContext n) {
            if (n.STRING() != null) {
                canonical.put(n.start.getTokenIndex(), PolicyWriter.name(decode(n.start.getText())));
            }
        }

        /** The value of a string token, whose escapes the reader has checked. */
        private static String decode(String raw) {
            return StringLiteral.decode(raw, StringLiteral.Escapes.POLICY).value();
        }

        private void run(ParserRuleContext ctx, String indent) {
            run(ctx.start.getTokenIndex(), ctx.stop.getTokenIndex(), indent);
            cursor = ctx.stop.getTokenIndex() + 1;
        }

        /**
         * Prints the tokens from {@code from} to {@code to} (inclusive) and the comments among them
         * on the current line: one space between tokens, none before a comma nor inside a
         * condition's list brackets. A comment ends the
         * line; the tokens after it go on, indented four more. A comma written after a comment
         * moves before it.
         */
        private void run(int from, int to, String indent) {
            String more = indent + INDENT;
            List<Token> pending = new ArrayList<>();
            int previous = Token.INVALID_TYPE;
            for (int i = from; i <= to; i++) {
                Token t = tokens.get(i);
                if (t.getType() == WardenPolicyLexer.COMMENT) {
                    pending.add(t);
                } else if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                    boolean comma = t.getType() == WardenPolicyLexer.COMMA || t.getType() == WardenPolicyLexer.C_COMMA;
                    if (comma) {
                        out.word(indent, ",", false);
                    }
                    for (Token c : pending) {
                        comment(c, more);
                    }
                    pending.clear();
                    if (!comma) {
                        // a condition's list is `[a, b]`: nothing inside its brackets
                        boolean space = previous != WardenPolicyLexer.C_LBRACKET && t.getType() != WardenPolicyLexer.C_RBRACKET;
                        out.word(out.isEmpty() && i == from ? indent : more,
                                canonical.getOrDefault(t.getTokenIndex(), t.getText()), space);
                    }
                    previous = t.getType();
                }
            }
            for (Token c : pending) {
                comment(c, more);
            }
        }

        /**
         * Prints the comments before token {@code until}, and opens a blank line before it when
         * the source had one there ({@code suppressFirst}: not at the start of a block; {@code
         * force}: always, when neither the source nor a comment between has one).
         */
        private void gap(int until, String indent, boolean suppressFirst, boolean force) {
            boolean anyBlank = false;
            for (int i = cursor; i <= until; i++) {
                Token t = tokens.get(i);
                if ((i == until || t.getType() == WardenPolicyLexer.COMMENT) && !trailing(i) && blankBefore(i)) {
                    anyBlank = true;
                }
            }
            boolean first = true;
            for (int i = cursor; i < until; i++) {
                Token t = tokens.get(i);
                if (t.getType() != WardenPolicyLexer.COMMENT) {
                    continue;
                }
                if (trailing(i) && !out.isEmpty()) {
                    out.trailingComment(text(t));
                    continue;
                }
                if (first && force && !anyBlank || !(first && suppressFirst) && blankBefore(i)) {
                    out.blank();
                }
                out.close();
                out.word(indent, text(t), false);
                out.close();
                first = false;
            }
            boolean closing = tokens.get(until).getType() == WardenPolicyLexer.RBRACE
                    || tokens.get(until).getType() == Token.EOF;
            if (!closing && (first && force && !anyBlank || !(first && suppressFirst) && blankBefore(until))) {
                out.blank();
            }
            cursor = until;
        }

        private void comment(Token c, String indent) {
            if (trailing(c.getTokenIndex()) && !out.isEmpty()) {
                out.trailingComment(text(c));
            } else {
                out.close();
                out.word(indent, text(c), false);
                out.close();
            }
        }

        private static String text(Token comment) {
            return comment.getText().stripTrailing();
        }

        /** Whether token {@code i} is on the line of the last token printed before it (a {@code ;} is not printed). */
        private boolean trailing(int i) {
            for (int j = i - 1; j >= 0; j--) {
                Token t = tokens.get(j);
                if (t.getType() == WardenPolicyLexer.NEWLINE || t.getType() == WardenPolicyLexer.COMMENT) {
                    return false;
                }
                if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != WardenPolicyLexer.SEMI) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an empty line separates token {@code i} from the printed token or comment before it. */
        private boolean blankBefore(int i) {
            int newlines = 0;
            for (int j = i - 1; j >= 0; j--) {
                Token t = tokens.get(j);
                if (t.getType() == WardenPolicyLexer.NEWLINE) {
                    newlines++;
                } else if (t.getType() == WardenPolicyLexer.COMMENT
                        || t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != WardenPolicyLexer.SEMI) {
                    break;
                }
            }
            return newlines >= 2;
        }
    }

    /** The text being printed, line by line. */
    private static final class Out {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder line = new StringBuilder();

        boolean isEmpty() {
            return line.length() == 0;
        }

        /** Adds {@code word} to the current line, after a space unless the line is empty or {@code space} is false. */
        void word(String indent, String word, boolean space) {
            if (line.length() == 0) {
                line.append(indent);
            } else if (space) {
                line.append(' ');
            }
            line.append(word);
        }

        void trailingComment(String comment) {
            line.append("  ").append(comment);
            close();
        }

        /** Ends the current line, if it has anything. */
        void close() {
            if (line.length() > 0) {
                text.append(line).append('\n');
                line.setLength(0);
            }
        }

        /** Ends the current line and adds one empty line, unless at the start of the text or after one. */
        void blank() {
            close();
            int n = text.length();
            if (n > 0 && !(n >= 2 && text.charAt(n - 1) == '\n' && text.charAt(n - 2) == '\n')) {
                text.append('\n');
            }
        }

        String text() {
            close();
            return text.toString();
        }
    }
}
