package dev.warden.dsl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.core.Clause;
import dev.warden.core.Condition;
import dev.warden.core.ConditionKey;
import dev.warden.core.ConditionValue;
import dev.warden.core.InvalidConditionException;
import dev.warden.core.IpRange;
import dev.warden.core.SourceLocation;
import dev.warden.dsl.LocatedJson.Arr;
import dev.warden.dsl.LocatedJson.Member;
import dev.warden.dsl.LocatedJson.Node;
import dev.warden.dsl.LocatedJson.Obj;
import dev.warden.dsl.LocatedJson.Str;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Bird JSON definition's {@code conditionsAll} and {@code conditionsAny}, both ways.
 *
 * <p><b>Reading.</b> {@code conditionsAll} is a list of objects that must all hold,
 * {@code conditionsAny} a list of which one must hold; with both, both must. Each object maps
 * operators to {@code {KEY: VALUE}} objects, all of which must hold; a VALUE is a string or a list
 * of strings in the condition literal syntax. A list under a positive operator holds when one value
 * does, under a negated one when none does. An empty {@code conditionsAll} or {@code conditionsAny}
 * adds nothing; an empty operator object or value list, an unknown operator ({@code E109}, naming
 * the known ones) or a bad key or value is an error. The result is the condition in its {@code or}
 * of {@code and}s form, at most {@link #MAX_CONJUNCTIONS} conjunctions.
 *
 * <p><b>Writing.</b> A condition that is one conjunction becomes {@code conditionsAll}, one of
 * single clauses {@code conditionsAny}; any other becomes one definition per conjunction (the same
 * meaning: the statements of a set combine by {@code or}).
 */
final class BirdConditions {
    /** The most conjunctions a definition's conditions may expand to: as many as a condition may have clauses. */
    static final int MAX_CONJUNCTIONS = dev.warden.core.Limits.MAX_CONDITION_CLAUSES;

    /** Bird's operators, each with the clause operator it means for one value. */
    enum BirdOperator {
        STRING_EQUALS("stringEquals", Clause.Operator.EQUALS, Clause.Operator.IN),
        STRING_NOT_EQUALS("stringNotEquals", Clause.Operator.NOT_EQUALS, Clause.Operator.NOT_IN),
        STRING_LIKE("stringLike", Clause.Operator.LIKE, null),
        STRING_NOT_LIKE("stringNotLike", Clause.Operator.NOT_LIKE, null),
        IP_ADDRESS("ipAddress", Clause.Operator.IN, Clause.Operator.IN),
        NOT_IP_ADDRESS("notIpAddress", Clause.Operator.NOT_IN, Clause.Operator.NOT_IN),
        DATE_LESS_THAN("dateLessThan", Clause.Operator.LESS, null),
        DATE_LESS_THAN_EQUALS("dateLessThanEquals", Clause.Operator.LESS_OR_EQUAL, null),
        DATE_GREATER_THAN("dateGreaterThan", Clause.Operator.GREATER, null),
        DATE_GREATER_THAN_EQUALS("dateGreaterThanEquals", Clause.Operator.GREATER_OR_EQUAL, null),
        NUMERIC_LESS_THAN("numericLessThan", Clause.Operator.LESS, null),
        NUMERIC_LESS_THAN_EQUALS("numericLessThanEquals", Clause.Operator.LESS_OR_EQUAL, null),
        NUMERIC_GREATER_THAN("numericGreaterThan", Clause.Operator.GREATER, null),
        NUMERIC_GREATER_THAN_EQUALS("numericGreaterThanEquals", Clause.Operator.GREATER_OR_EQUAL, null);

        final String name;
        final Clause.Operator one;
        /** The operator that takes the whole list at once; null when a list expands to one clause per value. */
        final Clause.Operator list;

        BirdOperator(String name, Clause.Operator one, Clause.Operator list) {
            this.name = name;
            this.one = one;
            this.list = list;
        }

        boolean isDate() {
            return name.startsWith("date");
        }

        boolean isNumeric() {
            return name.startsWith("numeric");
        }

        static Optional<BirdOperator> named(String name) {
            for (BirdOperator o : values()) {
                if (o.name.equals(name)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }

        static String names() {
            return String.join(", ", java.util.Arrays.stream(values()).map(o -> "`" + o.name + "`").toList());
        }
    }

    private final SourceText src;
    private boolean ok = true;

    private BirdConditions(SourceText src) {
        this.src = src;
    }

    /**
     * The condition of a definition: empty inside for none; empty outside after reporting why it
     * cannot be read.
     */
    static Optional<Optional<Condition>> read(SourceText src, Obj definition) {
        BirdConditions r = new BirdConditions(src);
        List<List<Clause>> all = List.of(List.of());
        Optional<Member> allOf = definition.get("conditionsAll");
        if (allOf.isPresent()) {
            for (Obj o : r.objects(allOf.get())) {
                all = r.and(all, r.object(o), o.at());
            }
        }
        Optional<Member> anyOf = definition.get("conditionsAny");
        if (anyOf.isPresent()) {
            List<Obj> objects = r.objects(anyOf.get());
            if (!objects.isEmpty()) {
                List<List<Clause>> any = new ArrayList<>();
                for (Obj o : objects) {
                    any.addAll(r.object(o));
                }
                all = r.and(all, any, anyOf.get().keyAt());
            }
        }
        if (!r.ok) {
            return Optional.empty();
        }
        if (all.size() == 1 && all.get(0).isEmpty()) {
            return Optional.of(Optional.empty());
        }
        List<Condition.Conjunction> conjunctions = new ArrayList<>();
        for (List<Clause> c : all) {
            conjunctions.add(new Condition.Conjunction(c));
        }
        try {
            return Optional.of(Optional.of(new Condition(conjunctions)));
        } catch (InvalidConditionException e) {
            src.error(Codes.of(e.kind()), definition.at(), 1, e.reason(), e.hint());
            return Optional.empty();
        }
    }

    /** The objects of a {@code conditionsAll} / {@code conditionsAny} list ({@code null} and {@code []} are none). */
    private List<Obj> objects(Member m) {
        Node v = m.value();
        if (v.isNull()) {
            return List.of();
        }
        if (!(v instanceof Arr arr)) {
            if (v instanceof Obj o && o.members().isEmpty()) {
                return List.of();
            }
            error(Codes.JSON_TYPE, v.at(), 1, "`" + m.key() + "` must be an array of condition objects", "");
            return List.of();
        }
        List<Obj> out = new ArrayList<>();
        for (Node item : arr.items()) {
            if (item instanceof Obj o) {
                out.add(o);
            } else {
                error(Codes.JSON_TYPE, item.at(), 1, "a condition in `" + m.key() + "` must be an object of operators", "");
            }
        }
        return out;
    }

    /** One condition object: every operator and key must hold; the conjunctions it expands to. */
    private List<List<Clause>> object(Obj o) {
        List<List<Clause>> result = List.of(List.of());
        if (o.members().isEmpty()) {
            error(Codes.CONDITIONS, o.at(), 1, "a condition object names no operator", "e.g. `{\"ipAddress\": {\"context.ip\": \"10.0.0.0/8\"}}`");
            return result;
        }
        for (Member m : o.members().values()) {
            Optional<BirdOperator> op = BirdOperator.named(m.key());
            if (op.isEmpty()) {
                error(Codes.CONDITIONS, m.keyAt(), m.key().length() + 2, "unknown condition operator `" + m.key() + "`",
                        "the operators are " + BirdOperator.names());
                continue;
            }
            if (!(m.value() instanceof Obj keys) || keys.members().isEmpty()) {
                error(Codes.CONDITIONS, m.value().at(), 1, "`" + m.key() + "` must map keys to values, e.g. `{\"context.ip\": ...}`",
                        "");
                continue;
            }
            for (Member k : keys.members().values()) {
                result = and(result, clauses(op.get(), k), k.keyAt());
            }
        }
        return result;
    }

    /** The clauses of one {@code KEY: VALUE} under an operator, as conjunctions ({@code or} for a positive list). */
    private List<List<Clause>> clauses(BirdOperator op, Member k) {
        Optional<ConditionKey> key = key(k);
        List<Str> values = values(k);
        if (key.isEmpty() || values.isEmpty()) {
            return List.of(List.of());
        }
        List<ConditionValue> parsed = new ArrayList<>();
        for (Str v : values) {
            value(op, v).ifPresent(parsed::add);
        }
        if (parsed.size() != values.size()) {
            return List.of(List.of());
        }
        boolean listed = k.value() instanceof Arr;
        try {
            if (op.list != null) {
                if (!listed && op.one != op.list) {
                    return List.of(List.of(new Clause(key.get(), op.one, parsed.get(0))));
                }
                return List.of(List.of(new Clause(key.get(), op.list, list(parsed))));
            }
            List<List<Clause>> out = new ArrayList<>();
            if (op.one.negated()) {
                // none of the values: one conjunction of every negated clause
                List<Clause> none = new ArrayList<>();
                for (ConditionValue v : parsed) {
                    none.add(new Clause(key.get(), op.one, v));
                }
                out.add(none);
            } else {
                for (ConditionValue v : parsed) {
                    out.add(List.of(new Clause(key.get(), op.one, v)));
                }
            }
            return out;
        } catch (InvalidConditionException e) {
            error(Codes.of(e.kind()), k.keyAt(), k.key().length() + 2, e.reason(), e.hint());
            return List.of(List.of());
        }
    }

    private static ConditionValue list(List<ConditionValue> values) {
        return values.size() == 1 && values.get(0) instanceof ConditionValue.Ranges ? values.get(0) : ConditionValue.list(values);
    }

    private Optional<ConditionKey> key(Member k) {
        try {
            return Optional.of(ConditionKey.parse(k.key()));
        } catch (InvalidConditionException e) {
            error(Codes.of(e.kind()), k.keyAt(), k.key().length() + 2, e.reason(), e.hint());
            return Optional.empty();
        }
    }

    private List<Str> values(Member k) {
        Node v = k.value();
        if (v instanceof Str s) {
            return List.of(s);
        }
        if (v instanceof Arr arr) {
            if (arr.items().isEmpty()) {
                error(Codes.CONDITION_LIST, arr.at(), 1, "`" + k.key() + "` has an empty list of values", "give one value or more");
                return List.of();
            }
            List<Str> out = new ArrayList<>();
            for (Node item : arr.items()) {
                if (item instanceof Str s) {
                    out.add(s);
                } else {
                    error(Codes.JSON_TYPE, item.at(), 1, "a condition value must be a string", "");
                }
            }
            return out.size() == arr.items().size() ? out : List.of();
        }
        error(Codes.JSON_TYPE, v.at(), 1, "the value of `" + k.key() + "` must be a string or a list of strings", "");
        return List.of();
    }

    /** A value as its operator reads it: a plain string, a glob, an address or range, a timestamp, a number. */
    private Optional<ConditionValue> value(BirdOperator op, Str v) {
        try {
            if (op == BirdOperator.IP_ADDRESS || op == BirdOperator.NOT_IP_ADDRESS) {
                return Optional.of(new ConditionValue.Ranges(List.of(IpRange.parse(v.value()))));
            }
            if (op.isDate() || op.isNumeric()) {
                ConditionValue parsed = ConditionValue.literal(v.value());
                boolean right = op.isDate() ? parsed instanceof ConditionValue.Timestamp : parsed instanceof ConditionValue.Number;
                if (!right) {
                    error(op.isDate() ? Codes.CONDITION_TIMESTAMP : Codes.CONDITION_VALUE, v.at(), v.width(),
                            SourceText.quote(v.value()) + " is not a " + (op.isDate() ? "timestamp" : "number"),
                            op.isDate() ? "e.g. `2027-01-01T00:00:00Z`" : "e.g. `12` or `3.5`");
                    return Optional.empty();
                }
                return Optional.of(parsed);
            }
            return Optional.of(op == BirdOperator.STRING_LIKE || op == BirdOperator.STRING_NOT_LIKE
                    ? new ConditionValue.Glob(v.value()) : new ConditionValue.Text(v.value()));
        } catch (InvalidConditionException e) {
            error(Codes.of(e.kind()), v.at(), v.width(), e.reason(), e.hint());
            return Optional.empty();
        }
    }

    /** Both: every conjunction of one with every conjunction of the other, at most {@link #MAX_CONJUNCTIONS}. */
    private List<List<Clause>> and(List<List<Clause>> a, List<List<Clause>> b, SourceLocation at) {
        if ((long) a.size() * b.size() > MAX_CONJUNCTIONS) {
            error(Codes.TOO_MANY_CLAUSES, at, 1, "the conditions expand to more than " + MAX_CONJUNCTIONS + " alternatives",
                    "split the definition into several");
            return a;
        }
        List<List<Clause>> out = new ArrayList<>();
        for (List<Clause> x : a) {
            for (List<Clause> y : b) {
                List<Clause> both = new ArrayList<>(x);
                both.addAll(y);
                out.add(both);
            }
        }
        return out;
    }

    private void error(String code, SourceLocation at, int width, String message, String hint) {
        src.error(code, at, width, message, hint);
        ok = false;
    }

    // ---- writing ----

    /**
     * The definitions a statement's condition is written as, each the {@code template} (effect,
     * actions, resources) with its conditions: one, or one per conjunction.
     */
    static List<ObjectNode> write(Condition condition, ObjectNode template) {
        List<Condition.Conjunction> any = condition.anyOf();
        if (any.size() == 1) {
            return List.of(with(template, "conditionsAll", any.get(0).allOf()));
        }
        if (any.stream().allMatch(c -> c.allOf().size() == 1)) {
            return List.of(with(template, "conditionsAny", any.stream().map(c -> c.allOf().get(0)).toList()));
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Condition.Conjunction c : any) {
            out.add(with(template, "conditionsAll", c.allOf()));
        }
        return out;
    }

    private static ObjectNode with(ObjectNode template, String field, List<Clause> clauses) {
        ObjectNode d = template.deepCopy();
        ArrayNode list = d.putArray(field);
        for (Clause c : clauses) {
            ObjectNode keys = list.addObject().putObject(operatorOf(c).name);
            ConditionValue v = c.value();
            String k = c.key().text();
            if (v instanceof ConditionValue.Text t) {
                keys.put(k, t.value());
            } else if (v instanceof ConditionValue.Glob g) {
                keys.put(k, g.pattern());
            } else if (v instanceof ConditionValue.TextList l) {
                ArrayNode values = keys.putArray(k);
                l.values().forEach(values::add);
            } else if (v instanceof ConditionValue.Ranges r) {
                if (r.ranges().size() == 1) {
                    keys.put(k, r.ranges().get(0).text());
                } else {
                    ArrayNode values = keys.putArray(k);
                    r.ranges().forEach(x -> values.add(x.text()));
                }
            } else if (v instanceof ConditionValue.Timestamp t) {
                keys.put(k, t.text());
            } else {
                keys.put(k, ((ConditionValue.Number) v).text());
            }
        }
        return d;
    }

    private static final Map<Clause.Operator, BirdOperator> STRING_OPERATORS = Map.of(
            Clause.Operator.EQUALS, BirdOperator.STRING_EQUALS, Clause.Operator.IN, BirdOperator.STRING_EQUALS,
            Clause.Operator.NOT_EQUALS, BirdOperator.STRING_NOT_EQUALS, Clause.Operator.NOT_IN, BirdOperator.STRING_NOT_EQUALS,
            Clause.Operator.LIKE, BirdOperator.STRING_LIKE, Clause.Operator.NOT_LIKE, BirdOperator.STRING_NOT_LIKE);

    private static BirdOperator operatorOf(Clause c) {
        ConditionValue v = c.value();
        if (v instanceof ConditionValue.Ranges) {
            return c.operator() == Clause.Operator.IN ? BirdOperator.IP_ADDRESS : BirdOperator.NOT_IP_ADDRESS;
        }
        if (v instanceof ConditionValue.Timestamp || v instanceof ConditionValue.Number) {
            boolean date = v instanceof ConditionValue.Timestamp;
            switch (c.operator()) {
                case LESS:
                    return date ? BirdOperator.DATE_LESS_THAN : BirdOperator.NUMERIC_LESS_THAN;
                case LESS_OR_EQUAL:
                    return date ? BirdOperator.DATE_LESS_THAN_EQUALS : BirdOperator.NUMERIC_LESS_THAN_EQUALS;
                case GREATER:
                    return date ? BirdOperator.DATE_GREATER_THAN : BirdOperator.NUMERIC_GREATER_THAN;
                default:
                    return date ? BirdOperator.DATE_GREATER_THAN_EQUALS : BirdOperator.NUMERIC_GREATER_THAN_EQUALS;
            }
        }
        return STRING_OPERATORS.get(c.operator());
    }

}
