package dev.warden.dsl;

import dev.warden.core.Actions;
import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionValue;
import dev.warden.core.IpRange;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import dev.warden.dsl.internal.parser.WardenPolicyLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Prints a policy set in the policy language: the declared actions, then each policy (with its
 * description), then each role, in the set's order. Names that are not plain identifiers, or are
 * reserved words, are quoted; patterns that would not read back as one word (a space, a comma, a
 * brace outside {@code ${...}}) are quoted; strings escape {@code "}, {@code \}, control
 * characters, line separators, bidirectional controls (which a policy file may not hold as
 * written, see {@link TextSafety}) and unpaired surrogates. Loading the output gives an {@link PolicySet#equals equal} set.
 *
 * <pre>{@code
 * String text = PolicyWriter.write(set);
 * assert PolicyLoader.loadTexts(Map.of("set.policy", text)).orElseThrow().equals(set);
 * }</pre>
 */
public final class PolicyWriter {
    private static final String INDENT = "    ";

    private PolicyWriter() {}

    /**
     * The set in the policy language, ending with a newline.
     *
     * @param set the set to write
     * @return the declared actions, the policies and the roles, in the set's order, as one {@code .policy} text
     * @throws IllegalArgumentException if an action is named like a reserved word (possible only
     *     for a set built in code), which the language cannot express
     */
    public static String write(PolicySet set) {
        StringBuilder out = new StringBuilder();
        if (!set.declaredActions().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (String a : set.declaredActions()) {
                names.add(action(a));
            }
            out.append("actions ").append(String.join(", ", names)).append('\n');
        }
        for (Policy p : set.policies()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("policy ").append(name(p.name()));
            if (!p.description().isEmpty()) {
                out.append(' ').append(StringLiteral.quote(p.description()));
            }
            out.append(" {\n");
            for (Statement s : p.statements()) {
                out.append(INDENT).append(statement(s)).append('\n');
            }
            out.append("}\n");
        }
        if (!set.roles().isEmpty() && out.length() > 0) {
            out.append('\n');
        }
        for (Role r : set.roles()) {
            out.append("role ").append(name(r.name()));
            if (!r.description().isEmpty()) {
                out.append(' ').append(StringLiteral.quote(r.description()));
            }
            out.append(" {");
            if (!r.policies().isEmpty()) {
                List<String> names = new ArrayList<>();
                for (String p : r.policies()) {
                    names.add(name(p));
                }
                out.append(" policies ").append(String.join(", ", names));
            }
            out.append(" }\n");
        }
        return out.toString();
    }

    /** One statement, e.g. {@code allow view, create on /workspaces/*}. */
    static String statement(Statement s) {
        List<String> actions = new ArrayList<>();
        for (String a : s.actions()) {
            actions.add(action(a));
        }
        List<String> patterns = new ArrayList<>();
        for (ResourcePattern p : s.resources()) {
            patterns.add(pattern(p.text()));
        }
        String written = s.effect().word() + " " + String.join(", ", actions) + " on " + String.join(", ", patterns);
        return s.condition().map(c -> written + " when " + condition(c)).orElse(written);
    }

    /**
     * A condition as the policy language writes it, e.g. {@code context.ip in [10.0.0.0/8, 192.0.2.7] and principal.team == "ops"}.
     *
     * @param c the condition
     * @return its text, without the {@code when} before it
     */
    public static String condition(Condition c) {
        List<String> any = new ArrayList<>();
        for (Condition.Conjunction conjunction : c.anyOf()) {
            List<String> all = new ArrayList<>();
            for (Clause clause : conjunction.allOf()) {
                all.add(clause(clause));
            }
            any.add(String.join(" and ", all));
        }
        return String.join(" or ", any);
    }

    /** One clause, e.g. {@code context.ip in 10.0.0.0/8}. */
    static String clause(Clause clause) {
        return clause.key().text() + " " + clause.operator().symbol() + " " + value(clause.value());
    }

    /** A condition's value as the policy language writes it: one value bare, several as a list. */
    private static String value(ConditionValue v) {
        if (v instanceof ConditionValue.Text t) {
            return StringLiteral.quote(t.value());
        }
        if (v instanceof ConditionValue.Glob g) {
            return StringLiteral.quote(g.pattern());
        }
        if (v instanceof ConditionValue.TextList l) {
            return list(l.values().stream().map(StringLiteral::quote).toList());
        }
        if (v instanceof ConditionValue.Ranges r) {
            return list(r.ranges().stream().map(IpRange::text).toList());
        }
        if (v instanceof ConditionValue.Timestamp t) {
            return t.text();
        }
        return ((ConditionValue.Number) v).text();
    }

    private static String list(List<String> values) {
        return values.size() == 1 ? values.get(0) : "[" + String.join(", ", values) + "]";
    }

    private static String action(String a) {
        if (!a.equals(Actions.ANY) && Checks.KEYWORDS.contains(a)) {
            throw new IllegalArgumentException("the action `" + a + "` is a reserved word of the policy language");
        }
        return a;
    }

    /** A name as written: bare when it is a plain identifier, else quoted. */
    static String name(String name) {
        return Checks.isPlainName(name) ? name : StringLiteral.quote(name);
    }

    /** A pattern as written: bare when it reads back as one word, else quoted. */
    static String pattern(String text) {
        WardenPolicyLexer lexer = new WardenPolicyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        Token first = lexer.nextToken();
        boolean bare = first.getType() == WardenPolicyLexer.WORD && first.getText().equals(text)
                && lexer.nextToken().getType() == Token.EOF;
        return bare ? text : StringLiteral.quote(text);
    }
}
