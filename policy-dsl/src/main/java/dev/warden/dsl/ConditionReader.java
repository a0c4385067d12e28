package dev.warden.dsl;

import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionKey;
import dev.warden.core.ConditionValue;
import dev.warden.core.InvalidConditionException;
import dev.warden.core.SourceLocation;
import dev.warden.dsl.internal.parser.WardenPolicyParser.ClauseContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.ConditionContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.ConjunctionContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.LiteralContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.OperatorContext;
import dev.warden.dsl.internal.parser.WardenPolicyParser.ValueContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads the {@code when} clause of a statement into a {@link Condition}: keys, operators and
 * literals are checked by the core's own readers ({@link ConditionKey#parse}, {@link
 * ConditionValue#literal}, {@link ConditionValue#list}, the {@link Clause} constructor), and every
 * problem is reported at its place with the code {@link Codes#of(InvalidConditionException.Kind)}
 * gives it. Every clause is read, so every error of a condition is reported at once.
 */
final class ConditionReader {
    private final SourceText src;
    private final Function<Token, String> strings;
    private final Function<Token, SourceLocation> at;

    /**
     * @param strings decodes a string token (reporting its bad escapes)
     * @param at the location of a token
     */
    ConditionReader(SourceText src, Function<Token, String> strings, Function<Token, SourceLocation> at) {
        this.src = src;
        this.strings = strings;
        this.at = at;
    }

    /** The condition, or empty when one of its parts was reported. */
    Optional<Condition> read(ConditionContext condition) {
        List<Condition.Conjunction> any = new ArrayList<>();
        boolean ok = true;
        for (ConjunctionContext conjunction : condition.conjunction()) {
            List<Clause> all = new ArrayList<>();
            for (ClauseContext clause : conjunction.clause()) {
                Optional<Clause> c = clause(clause);
                c.ifPresent(all::add);
                ok &= c.isPresent();
            }
            if (ok) {
                any.add(new Condition.Conjunction(all));
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Condition(any));
        } catch (InvalidConditionException e) {
            Token when = condition.WHEN().getSymbol();
            report(e, at.apply(when), width(when));
            return Optional.empty();
        }
    }

    private Optional<Clause> clause(ClauseContext clause) {
        if (clause.key == null || clause.operator() == null || clause.value() == null || clause.exception != null) {
            return Optional.empty(); // a syntax error, reported by the parser
        }
        Optional<ConditionKey> key = key(clause.key);
        Optional<ConditionValue> value = value(clause.value());
        OperatorContext op = clause.operator();
        if (key.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        Clause.Operator operator = operator(op);
        try {
            return Optional.of(new Clause(key.get(), operator, value.get()));
        } catch (InvalidConditionException e) {
            Token first = op.start;
            int width = op.stop.getStopIndex() - first.getStartIndex() + 1;
            if (e.kind() == InvalidConditionException.Kind.BAD_GLOB_ESCAPE) {
                Token t = clause.value().start;
                report(e, at.apply(t), width(t));
            } else {
                report(e, at.apply(first), width);
            }
            return Optional.empty();
        }
    }

    private static Clause.Operator operator(OperatorContext op) {
        boolean not = op.C_NOT() != null;
        if (op.C_IN() != null) {
            return not ? Clause.Operator.NOT_IN : Clause.Operator.IN;
        }
        if (op.C_LIKE() != null) {
            return not ? Clause.Operator.NOT_LIKE : Clause.Operator.LIKE;
        }
        return Clause.Operator.ofSymbol(op.C_OP().getText()).orElseThrow();
    }

    private Optional<ConditionKey> key(Token t) {
        try {
            return Optional.of(ConditionKey.parse(t.getText()));
        } catch (InvalidConditionException e) {
            SourceLocation start = at.apply(t);
            report(e, new SourceLocation(start.file(), start.line(), start.column() + e.offset()),
                    e.offset() == 0 ? width(t) : width(t) - e.offset());
            return Optional.empty();
        }
    }

    private Optional<ConditionValue> value(ValueContext v) {
        if (v.C_LBRACKET() == null) {
            return literal(v.literal(0));
        }
        List<ConditionValue> items = new ArrayList<>();
        boolean ok = true;
        for (LiteralContext l : v.literal()) {
            Optional<ConditionValue> item = literal(l);
            item.ifPresent(items::add);
            ok &= item.isPresent();
        }
        List<TerminalNode> commas = v.C_COMMA();
        if (!commas.isEmpty() && commas.size() == v.literal().size()) {
            Token comma = commas.get(commas.size() - 1).getSymbol();
            src.error(Codes.CONDITION_LIST, at.apply(comma), 1, "a list ends with `,`", "remove the last `,`");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConditionValue.list(items));
        } catch (InvalidConditionException e) {
            Token open = v.C_LBRACKET().getSymbol();
            int width = v.C_RBRACKET() == null ? 1 : v.C_RBRACKET().getSymbol().getStopIndex() - open.getStartIndex() + 1;
            report(e, at.apply(open), width);
            return Optional.empty();
        }
    }

    private Optional<ConditionValue> literal(LiteralContext l) {
        if (l == null || l.exception != null) {
            return Optional.empty();
        }
        Token t = l.start;
        if (l.STRING() != null) {
            return Optional.of(new ConditionValue.Text(strings.apply(t)));
        }
        try {
            return Optional.of(ConditionValue.literal(t.getText()));
        } catch (InvalidConditionException e) {
            report(e, at.apply(t), width(t));
            return Optional.empty();
        }
    }

    private void report(InvalidConditionException e, SourceLocation where, int width) {
        src.error(Codes.of(e.kind()), where, Math.max(1, width), e.reason(), e.hint());
    }

    private static int width(Token t) {
        String text = t.getText();
        return text == null ? 1 : text.codePointCount(0, text.length());
    }
}
