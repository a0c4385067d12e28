package dev.warden.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One clause of a condition: {@code KEY OPERATOR VALUE}, e.g. {@code context.ip in 10.0.0.0/8}.
 * The operator fixes which value types it takes:
 *
 * <table>
 *   <caption>operators and the values they take</caption>
 *   <tr><th>operator</th><th>value</th></tr>
 *   <tr><td>{@code ==}, {@code !=}</td><td>a string</td></tr>
 *   <tr><td>{@code in}, {@code not in}</td><td>a string or a list of strings; an IP address or range, or a list of them</td></tr>
 *   <tr><td>{@code like}, {@code not like}</td><td>a string, read as a {@link ConditionValue.Glob}</td></tr>
 *   <tr><td>{@code <}, {@code <=}, {@code >}, {@code >=}</td><td>a timestamp or a number</td></tr>
 * </table>
 *
 * <p>The canonical constructor normalises the value to the form the operator reads: one string
 * under {@code in} becomes a {@link ConditionValue.TextList} of one, a string under {@code like} a
 * {@link ConditionValue.Glob}. Any other combination is an {@link InvalidConditionException} of
 * kind {@code OPERATOR_TYPE_MISMATCH}.
 *
 * <p>Evaluated against a request, a clause is true, false or <em>unknown</em>: unknown when the
 * key has no value, or its value does not parse as the operator's type ({@code context.ip} is
 * {@code "localhost"}); a negated operator is unknown then too, never true.
 *
 * @param key what the clause reads
 * @param operator how it compares
 * @param value what it compares with, in the form the operator reads
 */
public record Clause(ConditionKey key, Operator operator, ConditionValue value) {
    /** A clause's operator. */
    public enum Operator {
        /** {@code ==}: the value is the string. */
        EQUALS("=="),
        /** {@code !=}: the value is not the string. */
        NOT_EQUALS("!="),
        /** {@code in}: the value is one of the strings, or an address in one of the ranges. */
        IN("in"),
        /** {@code not in}: the value is none of the strings, or an address in none of the ranges. */
        NOT_IN("not in"),
        /** {@code like}: the value matches the glob. */
        LIKE("like"),
        /** {@code not like}: the value does not match the glob. */
        NOT_LIKE("not like"),
        /** {@code <}: the timestamp or number is before or below the literal. */
        LESS("<"),
        /** {@code <=}: the timestamp or number is not after or above the literal. */
        LESS_OR_EQUAL("<="),
        /** {@code >}: the timestamp or number is after or above the literal. */
        GREATER(">"),
        /** {@code >=}: the timestamp or number is not before or below the literal. */
        GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /**
         * The operator as the policy language writes it: {@code ==}, {@code not in}...
         *
         * @return the operator's symbol
         */
        public String symbol() {
            return symbol;
        }

        /**
         * Whether it is a negated operator ({@code !=}, {@code not in}, {@code not like}).
         *
         * @return true for the three negated operators
         */
        public boolean negated() {
            return this == NOT_EQUALS || this == NOT_IN || this == NOT_LIKE;
        }

        /**
         * The operator written {@code symbol}, if there is one.
         *
         * @param symbol an operator as written: {@code ==}, {@code not in}...
         * @return the operator, or empty when no operator is written so
         */
        public static Optional<Operator> ofSymbol(String symbol) {
            for (Operator o : values()) {
                if (o.symbol.equals(symbol)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }

        /**
         * Every operator's symbol, in order: for messages that list them.
         *
         * @return the symbols in declaration order
         */
        public static List<String> symbols() {
            return java.util.Arrays.stream(values()).map(Operator::symbol).toList();
        }
    }

    /**
     * Requires each part and normalises the value to the form the operator reads.
     *
     * @param key what the clause reads
     * @param operator how it compares
     * @param value what it compares with, as written
     * @throws InvalidConditionException {@code OPERATOR_TYPE_MISMATCH} when the operator does not take the value
     */
    public Clause {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        value = normalise(operator, value);
    }

    /**
     * The clause's value for a request in which its key has {@code value} (empty: no value), by
     * the same evaluation a decision makes: for analyses that ask what a clause does with each
     * class of values. {@code principal.id} always has a value; given none, the clause is unknown.
     *
     * @param value the key's value in the request, as text; empty when it has none
     * @return true, false or unknown
     */
    public Explanation.Truth evaluate(Optional<String> value) {
        if (value.isEmpty() && key.scope() == ConditionKey.Scope.PRINCIPAL_ID) {
            return Explanation.Truth.UNKNOWN;
        }
        Principal.Builder principal = Principal.builder(key.scope() == ConditionKey.Scope.PRINCIPAL_ID ? value.get() : "p");
        Map<String, String> context = Map.of();
        if (value.isPresent() && key.scope() == ConditionKey.Scope.PRINCIPAL_ATTRIBUTE) {
            principal.attribute(key.name(), value.get());
        } else if (value.isPresent() && key.scope() == ConditionKey.Scope.CONTEXT) {
            context = Map.of(key.name(), value.get());
        }
        Facts facts = new Facts(new ConditionKey[] {key}, principal.build(), context, null);
        return Explanation.truth(CompiledCondition.compile(Condition.of(this), Map.of(key, 0)).evaluate(facts));
    }

    private static ConditionValue normalise(Operator op, ConditionValue v) {
        switch (op) {
            case EQUALS:
            case NOT_EQUALS:
                if (v instanceof ConditionValue.Text) {
                    return v;
                }
                throw mismatch(op, v, v instanceof ConditionValue.TextList
                        ? "for one of a list write `" + (op == Operator.EQUALS ? "in" : "not in") + " [...]`"
                        : "`" + op.symbol() + "` compares strings: write the value in double quotes");
            case IN:
            case NOT_IN:
                if (v instanceof ConditionValue.Text t) {
                    return new ConditionValue.TextList(List.of(t.value()));
                }
                if (v instanceof ConditionValue.TextList || v instanceof ConditionValue.Ranges) {
                    return v;
                }
                throw mismatch(op, v, "`" + op.symbol() + "` takes strings or IP ranges, one or a list");
            case LIKE:
            case NOT_LIKE:
                if (v instanceof ConditionValue.Text t) {
                    return new ConditionValue.Glob(t.value());
                }
                if (v instanceof ConditionValue.Glob) {
                    return v;
                }
                throw mismatch(op, v, "`" + op.symbol() + "` takes one string, a glob: `\"sms-*\"`");
            default:
                if (v instanceof ConditionValue.Timestamp || v instanceof ConditionValue.Number) {
                    return v;
                }
                throw mismatch(op, v, "`" + op.symbol() + "` compares timestamps (`2027-01-01T00:00:00Z`) or numbers (`3.5`), unquoted");
        }
    }

    private static InvalidConditionException mismatch(Operator op, ConditionValue v, String hint) {
        return new InvalidConditionException(InvalidConditionException.Kind.OPERATOR_TYPE_MISMATCH, op.symbol(), 0,
                "`" + op.symbol() + "` does not take " + (v.typeName().startsWith("IP") ? "an " : "a ") + v.typeName(), hint);
    }
}
