package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random conditions against a plain reference: each clause evaluated straight from its definition
 * (globs as regular expressions, addresses by their bytes, numbers and instants by the JDK), the
 * three values combined by the rules, then deny-overrides. Cached, uncached and reference agree.
 */
class ConditionPropertyTest {
    private static final int SETS = Integer.getInteger("warden.propertyTest.sets", 3_000) / 10;
    private static final String[] KEYS = {"context.a", "context.b", "context.ip", "context.time", "principal.team", "principal.id"};
    private static final String[] TEXTS = {"", "x", "ops", "10.1.2.3", "x*y", "2027-01-01T00:00:00Z", "5", "-0.50"};
    private static final String[] ADDRESSES = {"10.1.2.3", "10.200.0.1", "192.168.1.9", "::ffff:10.1.2.3", "2001:db8::5",
        "fe80::1", "::10.1.2.3", "010.1.2.3", "10.1.2.3/32", "[::1]", "localhost"};
    private static final String[] RANGES = {"10.0.0.0/8", "10.1.0.0/16", "192.168.1.0/24", "2001:db8::/32", "::/0",
        "0.0.0.0/0", "fe80::/10", "10.1.2.3"};
    private static final String[] TIMES = {"2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z", "2027-01-01T01:00:00+01:00",
        "2027-01-01T00:00:00.000000001Z", "2027-06-01T00:00:00Z", "2027-01-01", "soon"};
    private static final String[] NUMBERS = {"-1", "0", "-0", "0.5", "5", "007", "1e3", "+5", "10.00"};
    private static final String[] GLOBS = {"*", "x*", "*y", "x*y", "o*s", "", "10.*", "x\\*y", "*.*"};

    @Test
    void randomConditions_decideAsTheReference_cachedOrNot() {
        Random random = new Random(20261201L);
        for (int set = 0; set < SETS; set++) {
            List<Statement> statements = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                Effect effect = random.nextInt(3) == 0 ? Effect.DENY : Effect.ALLOW;
                Statement st = Statement.of(effect, List.of("view"), List.of(random.nextBoolean() ? "/w/*" : "/w/**"));
                statements.add(random.nextInt(5) == 0 ? st : st.when(condition(random)));
            }
            PolicySet policies = PolicySet.builder().add(new Policy("p", statements)).build();
            Authorizer cached = Authorizer.of(policies);
            Authorizer uncached = Authorizer.builder().noCache().build(policies);
            for (int r = 0; r < 12; r++) {
                Principal principal = Principal.builder(random.nextBoolean() ? "ak_1" : "ops").policy("p")
                        .attributes(random.nextBoolean() ? Map.of("team", pick(random, TEXTS)) : Map.of()).build();
                Map<String, String> context = new HashMap<>();
                for (String k : List.of("a", "b", "ip", "time")) {
                    if (random.nextInt(4) > 0) {
                        context.put(k, value(random));
                    }
                }
                AccessRequest request = random.nextBoolean()
                        ? new AccessRequest.OnResource(principal, "view", "/w/1", context)
                        : new AccessRequest.Http(principal, "GET", "/w/1?q=1", context);
                Decision expected = reference(statements, principal, context);
                reasons.add(expected.reason());
                forms.add(request.getClass().getSimpleName());
                String what = statements + " for " + principal + " " + context;
                assertThat(uncached.decide(request)).as(what).isEqualTo(expected);
                assertThat(cached.decide(request)).as(what).isEqualTo(expected);
                assertThat(cached.decide(request)).as("from the cache: " + what).isEqualTo(expected);
            }
        }
        assertThat(reasons).as("reasons produced").containsExactlyInAnyOrder(Reason.ALLOWED, Reason.EXPLICIT_DENY, Reason.NO_MATCH);
        assertThat(forms).containsExactlyInAnyOrder("OnResource", "Http");
        assertThat(unknowns).as("kinds of unknown produced").containsExactlyInAnyOrder(
                "missing", "not an address", "not a timestamp", "not a number");
    }

    private final java.util.Set<Reason> reasons = java.util.EnumSet.noneOf(Reason.class);
    private final java.util.Set<String> forms = new java.util.HashSet<>();
    /** Why clauses were unknown in the reference: no value, or a value of another type. */
    private static final java.util.Set<String> unknowns = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static String value(Random random) {
        switch (random.nextInt(5)) {
            case 0: return pick(random, ADDRESSES);
            case 1: return pick(random, TIMES);
            case 2: return pick(random, NUMBERS);
            default: return pick(random, TEXTS);
        }
    }

    private static Condition condition(Random random) {
        List<Condition.Conjunction> any = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<Clause> all = new ArrayList<>();
            int m = 1 + random.nextInt(3);
            for (int j = 0; j < m; j++) {
                all.add(clause(random));
            }
            any.add(new Condition.Conjunction(all));
        }
        return new Condition(any);
    }

    private static Clause clause(Random random) {
        ConditionKey key = ConditionKey.parse(pick(random, KEYS));
        switch (random.nextInt(5)) {
            case 0:
                return new Clause(key, random.nextBoolean() ? Clause.Operator.EQUALS : Clause.Operator.NOT_EQUALS,
                        new ConditionValue.Text(pick(random, TEXTS)));
            case 1: {
                List<String> list = List.of(pick(random, TEXTS), pick(random, TEXTS));
                return new Clause(key, random.nextBoolean() ? Clause.Operator.IN : Clause.Operator.NOT_IN, new ConditionValue.TextList(list));
            }
            case 2:
                return new Clause(key, random.nextBoolean() ? Clause.Operator.LIKE : Clause.Operator.NOT_LIKE,
                        new ConditionValue.Glob(pick(random, GLOBS)));
            case 3: {
                List<IpRange> ranges = List.of(IpRange.parse(pick(random, RANGES)), IpRange.parse(pick(random, RANGES)));
                return new Clause(key, random.nextBoolean() ? Clause.Operator.IN : Clause.Operator.NOT_IN, new ConditionValue.Ranges(ranges));
            }
            default: {
                Clause.Operator op = Clause.Operator.values()[6 + random.nextInt(4)];
                ConditionValue v = random.nextBoolean()
                        ? ConditionValue.literal(pick(random, new String[] {"2027-01-01T00:00:00Z", "2027-01-01T00:30:00+01:00", "2026-12-31T23:59:59.5Z"}))
                        : ConditionValue.literal(pick(random, new String[] {"0", "-0.5", "5", "1000"}));
                return new Clause(key, op, v);
            }
        }
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    // ---- the reference ----

    private static final int F = 0;
    private static final int T = 1;
    private static final int U = 2;

    private static Decision reference(List<Statement> statements, Principal principal, Map<String, String> context) {
        List<MatchedStatement> denies = new ArrayList<>();
        List<MatchedStatement> allows = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement st = statements.get(i);
            int v = st.condition().map(c -> evaluate(c, principal, context)).orElse(T);
            MatchedStatement m = new MatchedStatement("p", st.effect(), i, java.util.Optional.empty());
            if (st.effect() == Effect.DENY && v != F) {
                denies.add(m);
            } else if (st.effect() == Effect.ALLOW && v == T) {
                allows.add(m);
            }
        }
        if (!denies.isEmpty()) {
            return new Decision(Reason.EXPLICIT_DENY, denies, "");
        }
        return allows.isEmpty() ? Decision.deny(Reason.NO_MATCH, "") : new Decision(Reason.ALLOWED, allows, "");
    }

    private static int evaluate(Condition c, Principal principal, Map<String, String> context) {
        boolean anyUnknown = false;
        for (Condition.Conjunction conj : c.anyOf()) {
            boolean anyFalse = false;
            boolean unknown = false;
            for (Clause clause : conj.allOf()) {
                int v = evaluate(clause, principal, context);
                anyFalse |= v == F;
                unknown |= v == U;
            }
            if (!anyFalse && !unknown) {
                return T;
            }
            anyUnknown |= !anyFalse && unknown;
        }
        return anyUnknown ? U : F;
    }

    private static int evaluate(Clause clause, Principal principal, Map<String, String> context) {
        ConditionKey k = clause.key();
        String value = k.scope() == ConditionKey.Scope.PRINCIPAL_ID ? principal.id()
                : k.scope() == ConditionKey.Scope.PRINCIPAL_ATTRIBUTE ? principal.attributes().get(k.name())
                : context.get(k.name());
        if (value == null) {
            unknowns.add("missing");
            return U;
        }
        boolean negated = clause.operator().negated();
        ConditionValue lit = clause.value();
        Boolean holds;
        if (lit instanceof ConditionValue.Text t) {
            holds = value.equals(t.value());
        } else if (lit instanceof ConditionValue.TextList l) {
            holds = l.values().contains(value);
        } else if (lit instanceof ConditionValue.Glob g) {
            holds = globRegex(g.pattern()).matcher(value).matches();
        } else if (lit instanceof ConditionValue.Ranges r) {
            byte[] address = addressBytes(value);
            if (address == null) {
                unknowns.add("not an address");
                return U;
            }
            holds = r.ranges().stream().anyMatch(range -> inRange(address, range));
        } else {
            Integer cmp = compare(value, lit);
            if (cmp == null) {
                unknowns.add(lit instanceof ConditionValue.Timestamp ? "not a timestamp" : "not a number");
                return U;
            }
            switch (clause.operator()) {
                case LESS: holds = cmp < 0; break;
                case LESS_OR_EQUAL: holds = cmp <= 0; break;
                case GREATER: holds = cmp > 0; break;
                default: holds = cmp >= 0;
            }
        }
        return holds != negated ? T : F;
    }

    private static Pattern globRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '*') {
                re.append("(?s:.*)");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /** The address's bytes, 4 for IPv4 (also when mapped), 16 for IPv6; null when not an address. */
    private static byte[] addressBytes(String s) {
        if (s.indexOf(':') < 0 && !V4.matcher(s).matches()) {
            return null;
        }
        if (s.contains("[") || s.contains("%") || s.contains("/")) {
            return null;
        }
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(s); // a numeric literal is never looked up
            return a.getAddress(); // the JDK gives a mapped address as its IPv4 address already
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static boolean inRange(byte[] address, IpRange range) {
        String text = range.text();
        int slash = text.indexOf('/');
        byte[] network = addressBytes(slash < 0 ? text : text.substring(0, slash));
        int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (network.length == 4 && text.indexOf(':') >= 0) {
            prefix -= 96; // a mapped range literal
        }
        if (network.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[Tt]\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?([Zz]|[+-]\\d\\d:\\d\\d)");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private static Integer compare(String value, ConditionValue lit) {
        if (lit instanceof ConditionValue.Timestamp t) {
            if (!TIMESTAMP.matcher(value).matches()) {
                return null;
            }
            try {
                Instant v = java.time.OffsetDateTime.parse(value.toUpperCase(java.util.Locale.ROOT)).toInstant();
                return v.compareTo(t.instant());
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        if (!NUMBER.matcher(value).matches()) {
            return null;
        }
        return new BigDecimal(value).compareTo(((ConditionValue.Number) lit).value());
    }
}
