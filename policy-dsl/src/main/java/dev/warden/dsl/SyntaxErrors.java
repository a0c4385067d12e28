package dev.warden.dsl;

import dev.warden.core.Clause;

import dev.warden.core.SourceLocation;
import dev.warden.dsl.internal.parser.WardenPolicyLexer;
import dev.warden.dsl.internal.parser.WardenPolicyParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Syntax errors as data: an error strategy that words ANTLR's recovery events as "expected X,
 * found Y", and a listener that records them as diagnostics, stopping the parse once a file has
 * more errors than are shown.
 */
final class SyntaxErrors {
    /** Tokens that recovery never deletes: keywords, braces and separators. */
    private static final IntervalSet STRUCTURE = IntervalSet.of(WardenPolicyLexer.ACTIONS, WardenPolicyLexer.WHEN);

    static {
        STRUCTURE.add(WardenPolicyLexer.LBRACE);
        STRUCTURE.add(WardenPolicyLexer.RBRACE);
        STRUCTURE.add(WardenPolicyLexer.COMMA);
        STRUCTURE.add(WardenPolicyLexer.SEMI);
        STRUCTURE.setReadonly(true);
    }

    private SyntaxErrors() {}

    /** Thrown to stop parsing a file that has too many errors. */
    static final class TooMany extends ParseCancellationException {
        TooMany() {
            super("too many syntax errors");
        }
    }

    /** Records each syntax error in the file's {@link SourceText}. */
    static final class Listener extends BaseErrorListener {
        private final SourceText src;
        private int count;
        /** A hint for the next error, set by {@link Strategy} just before it reports. */
        private String hint = "";

        Listener(SourceText src) {
            this.src = src;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                String msg, RecognitionException e) {
            Token t = offendingSymbol instanceof Token tok ? tok : null;
            SourceLocation at = src.at(line, charPositionInLine + 1);
            if (t != null && t.getType() == WardenPolicyLexer.UNTERMINATED_STRING) {
                src.error(Codes.UNTERMINATED_STRING, at, width(t), "unterminated string",
                        "close it with `\"` on the same line");
            } else {
                src.error(Codes.SYNTAX, at, t == null ? 1 : width(t), msg, hint);
            }
            hint = "";
            if (++count > Limits.MAX_ERRORS_PER_FILE) {
                throw new TooMany();
            }
        }

        private static int width(Token t) {
            if (t.getType() == Token.EOF || t.getText() == null) {
                return 1;
            }
            String text = t.getText();
            int nl = text.indexOf('\n');
            return text.codePointCount(0, nl < 0 ? text.length() : nl);
        }
    }

    /**
     * Default recovery, with messages in the project's words. It never recovers by deleting a
     * keyword or a brace (it assumes a missing token instead), so that {@code allow on /p} is one
     * error ("expected an action"), not a cascade.
     */
    static final class Strategy extends DefaultErrorStrategy {
        private final Listener listener;

        Strategy(Listener listener) {
            this.listener = listener;
        }

        @Override
        protected Token singleTokenDeletion(Parser recognizer) {
            if (STRUCTURE.contains(recognizer.getInputStream().LA(1))) {
                return null;
            }
            return super.singleTokenDeletion(recognizer);
        }

        @Override
        protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
            report(recognizer, e.getOffendingToken(), recognizer.getExpectedTokens(), e);
        }

        @Override
        protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
            report(recognizer, e.getOffendingToken(), e.getExpectedTokens(), e);
        }

        @Override
        protected void reportUnwantedToken(Parser recognizer) {
            if (inErrorRecoveryMode(recognizer)) {
                return;
            }
            beginErrorCondition(recognizer);
            report(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer), null);
        }

        @Override
        protected void reportMissingToken(Parser recognizer) {
            if (inErrorRecoveryMode(recognizer)) {
                return;
            }
            beginErrorCondition(recognizer);
            report(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer), null);
        }

        private void report(Parser recognizer, Token found, IntervalSet expected, RecognitionException e) {
            ParserRuleContext ctx = recognizer.getContext();
            List<String> words = describe(expected, ctx);
            Token previous = recognizer.getInputStream().LT(-1);
            if (isWord(found.getType()) && previous != null && isWord(previous.getType())
                    && !expected.contains(WardenPolicyLexer.COMMA)) {
                // two words in a row: most likely a missing comma
                if (ctx instanceof WardenPolicyParser.PolicyDeclContext) {
                    words = List.of("`,`", "the end of the statement");
                } else {
                    words.add(0, "`,`");
                }
            }
            listener.hint = unclosedHint(ctx, found);
            recognizer.notifyErrorListeners(found, "expected " + join(words) + ", found " + describe(found), e);
        }

        private static boolean isWord(int type) {
            return type == WardenPolicyLexer.WORD || type == WardenPolicyLexer.STRING || type == WardenPolicyLexer.ANY;
        }

        /** When a policy or role body meets the start of the next item: say which brace is open. */
        private static String unclosedHint(ParserRuleContext ctx, Token found) {
            int t = found.getType();
            boolean next = t == Token.EOF || t == WardenPolicyLexer.POLICY || t == WardenPolicyLexer.ROLE
                    || t == WardenPolicyLexer.ACTIONS;
            for (ParserRuleContext c = ctx; c != null && next; c = c.getParent()) {
                TerminalNode open = null;
                if (c instanceof WardenPolicyParser.PolicyDeclContext p) {
                    open = p.LBRACE();
                } else if (c instanceof WardenPolicyParser.RoleDeclContext r) {
                    open = r.LBRACE();
                }
                if (open != null) {
                    Token b = open.getSymbol();
                    return "the `{` at line " + b.getLine() + ", column " + (b.getCharPositionInLine() + 1)
                            + " is not closed";
                }
            }
            return "";
        }
    }

    /** The found token in words. */
    static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "end of file";
            case WardenPolicyLexer.STRING -> "string " + SourceText.quote(t.getText());
            default -> SourceText.quote(t.getText());
        };
    }

    /** The text of a keyword or punctuation token type. */
    private static String literal(int type) {
        return switch (type) {
            case WardenPolicyLexer.POLICY -> "policy";
            case WardenPolicyLexer.ROLE -> "role";
            case WardenPolicyLexer.ACTIONS -> "actions";
            case WardenPolicyLexer.POLICIES -> "policies";
            case WardenPolicyLexer.ALLOW -> "allow";
            case WardenPolicyLexer.DENY -> "deny";
            case WardenPolicyLexer.ON -> "on";
            case WardenPolicyLexer.LBRACE -> "{";
            case WardenPolicyLexer.RBRACE -> "}";
            case WardenPolicyLexer.COMMA, WardenPolicyLexer.C_COMMA -> ",";
            case WardenPolicyLexer.C_AND -> "and";
            case WardenPolicyLexer.C_OR -> "or";
            case WardenPolicyLexer.C_RBRACKET -> "]";
            default -> throw new IllegalArgumentException("no literal for token type " + type);
        };
    }

    /** "a", "a or b", "a, b or c". */
    static String join(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** The expected tokens in words, in a fixed order, e.g. {@code `,`} and {@code `on`}. */
    static List<String> describe(IntervalSet expected, ParserRuleContext ctx) {
        int rule = ctx == null ? -1 : ctx.getRuleIndex();
        List<String> words = new ArrayList<>();
        if (expected.contains(WardenPolicyLexer.WORD)) {
            words.add(switch (rule) {
                case WardenPolicyParser.RULE_action -> "an action";
                case WardenPolicyParser.RULE_pattern -> "a resource pattern";
                default -> "a name";
            });
        } else if (expected.contains(WardenPolicyLexer.C_WORD)) {
            words.add(rule == WardenPolicyParser.RULE_clause || rule == WardenPolicyParser.RULE_conjunction
                    || rule == WardenPolicyParser.RULE_condition
                    ? "a key (`principal.id`, `principal.NAME` or `context.NAME`)" : "a value");
        } else if (expected.contains(WardenPolicyLexer.C_OP)) {
            words.add("an operator (" + join(Clause.Operator.symbols().stream().map(o -> "`" + o + "`").toList()) + ")");
        } else if (expected.contains(WardenPolicyLexer.STRING) && !expected.contains(WardenPolicyLexer.LBRACE)) {
            words.add("a string");
        }
        int[] order = {
            WardenPolicyLexer.POLICY, WardenPolicyLexer.ROLE, WardenPolicyLexer.ACTIONS, WardenPolicyLexer.COMMA,
            WardenPolicyLexer.ON, WardenPolicyLexer.LBRACE, WardenPolicyLexer.POLICIES, WardenPolicyLexer.ALLOW,
            WardenPolicyLexer.DENY, WardenPolicyLexer.RBRACE, WardenPolicyLexer.C_AND, WardenPolicyLexer.C_OR,
            WardenPolicyLexer.C_COMMA, WardenPolicyLexer.C_RBRACKET,
        };
        boolean inName = rule == WardenPolicyParser.RULE_name || rule == WardenPolicyParser.RULE_keyword;
        for (int type : order) {
            if (expected.contains(type) && !(inName && type != WardenPolicyLexer.LBRACE && type != WardenPolicyLexer.COMMA
                    && type != WardenPolicyLexer.RBRACE)) {
                words.add("`" + literal(type) + "`");
            }
        }
        if (words.isEmpty()) {
            if (expected.contains(Token.EOF)) {
                words.add("end of file");
            } else if (expected.contains(WardenPolicyLexer.SEMI)) {
                words.add("`;`");
            } else {
                words.add("something else");
            }
        }
        return words;
    }
}
