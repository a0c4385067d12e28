package dev.warden.dsl;

import dev.warden.core.Condition;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
import dev.warden.dsl.internal.parser.WardenPolicyLexer;
import dev.warden.dsl.internal.parser.WardenPolicyParser;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads one {@code .policy} file: refuses it whole when it holds a character that {@link TextSafety}
 * forbids, else parses it with the generated parser (syntax errors collected by {@link
 * SyntaxErrors}), then turns the tree into a {@link ParsedFile}, checking names,
 * actions and patterns where they are written. Parts with a syntax error are skipped, so that
 * one mistake gives one diagnostic.
 */
final class LanguageReader {
    private final SourceText src;
    private final List<ParsedFile.ActionDecl> actions = new ArrayList<>();
    private final List<ParsedFile.PolicyDef> policies = new ArrayList<>();
    private final List<ParsedFile.RoleDef> roles = new ArrayList<>();
    private final List<ParsedFile.StatementDef> unbuilt = new ArrayList<>();

    private LanguageReader(SourceText src) {
        this.src = src;
    }

    /**
     * A policy file read once: what it holds, and the tokens (comments and line breaks included)
     * and tree it was read from, which the formatter prints. The syntax is absent when the text
     * was refused before lexing ({@link TextSafety}); it is only worth printing when {@code
     * parsed} has no diagnostics.
     */
    record Result(ParsedFile parsed, Optional<Syntax> syntax) {}

    /** The tokens of a policy file, every channel, and its parse tree. */
    record Syntax(List<Token> tokens, FileContext tree) {
        Syntax {
            tokens = List.copyOf(tokens);
        }
    }

    /** How many times a policy file was lexed and parsed: for the tests that check it is once per command. */
    static final LongAdder PARSES = new LongAdder();

    /** Reads {@code text}, naming it {@code file} in locations. */
    static ParsedFile read(String file, String text) {
        return parse(file, text).parsed();
    }

    /** Reads {@code text}, naming it {@code file} in locations, keeping its tokens and tree. */
    static Result parse(String file, String text) {
        SourceText src = new SourceText(file, text);
        if (!TextSafety.check(src, text, "a policy file")) {
            // not parsed: what the parser would read is what a reviewer may not see
            return new Result(new ParsedFile(file, text, src.lines(), List.of(), List.of(), List.of(), List.of(),
                    src.diagnostics()), Optional.empty());
        }
        PARSES.increment();
        WardenPolicyLexer lexer = new WardenPolicyLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        WardenPolicyParser parser = new WardenPolicyParser(stream);
        parser.removeErrorListeners();
        SyntaxErrors.Listener listener = new SyntaxErrors.Listener(src);
        parser.addErrorListener(listener);
        parser.setErrorHandler(new SyntaxErrors.Strategy(listener));
        LanguageReader reader = new LanguageReader(src);
        Optional<Syntax> syntax = Optional.empty();
        try {
            FileContext tree = parser.file();
            reader.file(tree);
            stream.fill();
            syntax = Optional.of(new Syntax(stream.getTokens(), tree));
        } catch (SyntaxErrors.TooMany e) {
            // the diagnostics so far are kept; the loader says that the rest were left out
        }
        return new Result(new ParsedFile(file, text, src.lines(), reader.actions, reader.policies, reader.roles,
                reader.unbuilt, src.diagnostics()), syntax);
    }

    private void file(FileContext file) {
        for (ItemContext item : file.item()) {
            if (item.actionsDecl() != null) {
                actionsDecl(item.actionsDecl());
            } else if (item.policyDecl() != null) {
                policyDecl(item.policyDecl());
            } else if (item.roleDecl() != null) {
                roleDecl(item.roleDecl());
            }
        }
    }

    private void actionsDecl(ActionsDeclContext decl) {
        for (NameContext n : decl.name()) {
            if (hasError(n)) {
                continue;
            }
            SourceLocation at = at(n.start);
            if (n.keyword() != null && n.keyword().ANY() == null) {
                keywordAsName(n.start);
                continue;
            }
            String written = n.STRING() != null ? unquote(n.STRING().getSymbol()) : n.start.getText();
            Checks.action(src, written, at, width(n.start))
                    .ifPresent(a -> actions.add(new ParsedFile.ActionDecl(a, at)));
        }
    }

    private void policyDecl(PolicyDeclContext decl) {
        Optional<String> name = name(decl.name(), "policy");
        String description = decl.description() == null || hasError(decl.description())
                ? "" : unquote(decl.description().STRING().getSymbol());
        List<Statement> statements = new ArrayList<>();
        List<ParsedFile.StatementDef> defs = new ArrayList<>();
        StatementContext previous = null;
        boolean separated = false;
        int count = 0;
        for (ParseTree child : decl.children) {
            if (child instanceof TerminalNode t && t.getSymbol().getType() == WardenPolicyLexer.SEMI) {
                separated = true;
            } else if (child instanceof StatementContext s) {
                if (++count > Limits.MAX_STATEMENTS) {
                    String shown = name.orElse(decl.name() == null ? "" : decl.name().getText());
                    src.error(Codes.TOO_MANY_STATEMENTS, at(s.start), width(s.start), "policy "
                            + SourceText.quote(shown) + " has more than " + Limits.MAX_STATEMENTS + " statements",
                            "split it into several policies");
                    break;
                }
                if (previous != null && !separated && previous.stop != null
                        && previous.stop.getLine() == s.start.getLine() && !hasError(previous) && !hasError(s)) {
                    src.error(Codes.MISSING_SEPARATOR, at(s.start), width(s.start),
                            "expected `;` or a new line between statements, found " + SyntaxErrors.describe(s.start));
                }
                previous = s;
                separated = false;
                statement(s).ifPresent(st -> {
                    statements.add(st.statement);
                    defs.add(st.def);
                });
            }
        }
        if (name.isPresent()) {
            policies.add(new ParsedFile.PolicyDef(new Policy(name.get(), description, statements),
                    at(decl.name().start), defs, false, Optional.empty()));
        } else {
            unbuilt.addAll(defs);
        }
    }

    private record Read(Statement statement, ParsedFile.StatementDef def) {}

    private Optional<Read> statement(StatementContext s) {
        if (hasError(s)) {
            return Optional.empty();
        }
        List<ActionContext> actionCtxs = s.action();
        if (actionCtxs.size() > Limits.MAX_ACTIONS) {
            Token t = actionCtxs.get(Limits.MAX_ACTIONS).start;
            src.error(Codes.TOO_MANY_ACTIONS, at(t), width(t),
                    "a statement has more than " + Limits.MAX_ACTIONS + " actions");
            return Optional.empty();
        }
        Set<String> lower = new LinkedHashSet<>();
        List<String> written = new ArrayList<>();
        List<SourceLocation> where = new ArrayList<>();
        for (ActionContext a : actionCtxs) {
            Token t = a.start;
            SourceLocation at = at(t);
            Optional<String> action = Checks.action(src, t.getText(), at, width(t));
            if (action.isPresent()) {
                lower.add(action.get());
                written.add(t.getText());
                where.add(at);
            }
        }
        ParsedFile.StatementDef def = new ParsedFile.StatementDef(at(s.start), written, where, List.of());
        boolean ok = true;
        Optional<Condition> condition = Optional.empty();
        if (s.condition() != null) {
            condition = new ConditionReader(src, this::unquote, this::at).read(s.condition());
            ok &= condition.isPresent();
        }
        List<PatternContext> patternCtxs = s.pattern();
        List<ResourcePattern> patterns = new ArrayList<>();
        List<SourceLocation> patternsAt = new ArrayList<>();
        if (patternCtxs.size() > Limits.MAX_PATTERNS) {
            Token t = patternCtxs.get(Limits.MAX_PATTERNS).start;
            src.error(Codes.TOO_MANY_PATTERNS, at(t), width(t),
                    "a statement has more than " + Limits.MAX_PATTERNS + " resource patterns",
                    "split it into several statements");
            ok = false;
        } else {
            for (PatternContext p : patternCtxs) {
                Token t = p.start;
                SourceLocation at = at(t);
                Optional<ResourcePattern> pattern = p.STRING() != null
                        ? Checks.pattern(src, unquote(t), Checks.quoted(t.getText(), at), width(t))
                        : Checks.pattern(src, t.getText(), Checks.plain(t.getText(), at), width(t));
                pattern.ifPresent(patterns::add);
                patternsAt.add(new SourceLocation(at.file(), at.line(), at.column(), width(t)));
            }
        }
        if (!ok || written.size() != actionCtxs.size() || patterns.size() != patternCtxs.size()) {
            if (!written.isEmpty()) {
                unbuilt.add(def);
            }
            return Optional.empty();
        }
        Effect effect = s.effect.getType() == WardenPolicyLexer.ALLOW ? Effect.ALLOW : Effect.DENY;
        Statement statement = new Statement(effect, lower, patterns, condition);
        // a repeated pattern is kept once: which place it stands for cannot be told
        List<SourceLocation> kept = statement.resources().size() == patternsAt.size() ? patternsAt : List.of();
        return Optional.of(new Read(statement, new ParsedFile.StatementDef(def.at(), written, where, kept)));
    }

    private void roleDecl(RoleDeclContext decl) {
        Optional<String> name = name(decl.name(), "role");
        if (name.isEmpty()) {
            return;
        }
        String description = decl.description() == null || hasError(decl.description())
                ? "" : unquote(decl.description().STRING().getSymbol());
        Map<String, SourceLocation> refs = new LinkedHashMap<>();
        for (PoliciesClauseContext clause : decl.policiesClause()) {
            for (NameContext n : clause.name()) {
                name(n, "policy").ifPresent(p -> refs.putIfAbsent(p, at(n.start)));
            }
        }
        roles.add(new ParsedFile.RoleDef(new Role(name.get(), description, List.copyOf(refs.keySet())),
                at(decl.name().start), List.copyOf(refs.values())));
    }

    /** A policy or role name, or empty after reporting why it cannot be one. */
    private Optional<String> name(NameContext n, String kind) {
        if (n == null || hasError(n)) {
            return Optional.empty();
        }
        Token t = n.start;
        SourceLocation at = at(t);
        if (n.keyword() != null) {
            keywordAsName(t);
            return Optional.empty();
        }
        if (n.STRING() != null) {
            String name = unquote(t);
            return Checks.name(src, kind, name, at, width(t)) ? Optional.of(name) : Optional.empty();
        }
        String name = t.getText();
        if (!Checks.name(src, kind, name, at, width(t))) {
            return Optional.empty();
        }
        if (!Checks.isPlainName(name)) {
            src.error(Codes.INVALID_NAME, at, width(t), SourceText.quote(name) + " is not a valid " + kind + " name",
                    "a name is letters, digits, `_`, `.`, `:` and `-`, starting with a letter or `_`; "
                            + "write other names in double quotes");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private void keywordAsName(Token t) {
        String word = t.getText();
        String hint = word.equals("when")
                ? "`when` starts a statement's condition; write `\"when\"` to use it as a name"
                : "write `\"" + word + "\"` to use it as a name";
        src.error(Codes.KEYWORD_AS_NAME, at(t), width(t), "`" + word + "` is a reserved word", hint);
    }

    /** The text of a string token, its escapes decoded; a bad escape is reported and kept as written. */
    private String unquote(Token t) {
        String raw = t.getText();
        StringLiteral.Decoded decoded = StringLiteral.decode(raw, StringLiteral.Escapes.POLICY);
        SourceLocation start = at(t);
        for (StringLiteral.BadEscape bad : decoded.bad()) {
            SourceLocation at = new SourceLocation(start.file(), start.line(),
                    start.column() + raw.codePointCount(0, bad.offset()));
            src.error(Codes.BAD_ESCAPE, at, bad.width(), bad.message(), StringLiteral.Escapes.POLICY.hint());
        }
        return decoded.value();
    }

    private SourceLocation at(Token t) {
        return src.at(t.getLine(), t.getCharPositionInLine() + 1);
    }

    private static int width(Token t) {
        String text = t.getText();
        return text == null ? 1 : text.codePointCount(0, text.length());
    }

    /** Whether a syntax error was reported inside {@code tree} (an error node, a conjured token, a failed rule). */
    private static boolean hasError(ParseTree tree) {
        if (tree instanceof ErrorNode) {
            return true;
        }
        if (tree instanceof TerminalNode t) {
            return t.getSymbol().getTokenIndex() < 0;
        }
        if (tree instanceof ParserRuleContext ctx) {
            if (ctx.exception != null || ctx.getChildCount() == 0) {
                return true; // a rule with no children recovered by conjuring its token
            }
            for (int i = 0; i < ctx.getChildCount(); i++) {
                if (hasError(ctx.getChild(i))) {
                    return true;
                }
            }
        }
        return false;
    }
}
