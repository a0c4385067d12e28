package dev.warden.dsl;

import dev.warden.core.Condition;
import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
import dev.warden.dsl.LocatedJson.Arr;
import dev.warden.dsl.LocatedJson.Member;
import dev.warden.dsl.LocatedJson.Node;
import dev.warden.dsl.LocatedJson.Obj;
import dev.warden.dsl.LocatedJson.Scalar;
import dev.warden.dsl.LocatedJson.Str;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one Bird JSON file: a policy object, a role object, an array of them, or a list response
 * {@code {"results": [...]}} (with Warden's optional {@code "actions": [...]} declarations beside
 * {@code results}). The text is read into a {@link LocatedJson} tree first; this class maps the
 * tree, and only the tree, to a {@link ParsedFile}: Bird's schema, the fields a statement would be
 * read wrongly without (near misses, {@code E206}), and a diagnostic at the line and column of
 * every value that does not fit.
 */
final class BirdJsonReader {
    private final SourceText src;
    private final List<ParsedFile.ActionDecl> actions = new ArrayList<>();
    private final List<ParsedFile.PolicyDef> policies = new ArrayList<>();
    private final List<ParsedFile.RoleDef> roles = new ArrayList<>();
    private final List<ParsedFile.StatementDef> unbuilt = new ArrayList<>();

    private BirdJsonReader(SourceText src) {
        this.src = src;
    }

    /** Reads {@code text}, naming it {@code file} in locations. */
    static ParsedFile read(String file, String text) {
        SourceText src = new SourceText(file, text);
        BirdJsonReader reader = new BirdJsonReader(src);
        LocatedJson.read(src, text, "write a policy object, a role object, an array of them or `{\"results\": [...]}`")
                .ifPresent(reader::top);
        return new ParsedFile(file, text, src.lines(), reader.actions, reader.policies, reader.roles, reader.unbuilt,
                src.diagnostics());
    }

    private void top(Node root) {
        if (root instanceof Arr arr) {
            items(arr);
        } else if (root instanceof Obj obj && !obj.members().containsKey("definitions")
                && !obj.members().containsKey("policies")
                && (obj.members().containsKey("results") || obj.members().containsKey("actions"))) {
            obj.get("actions").ifPresent(m -> declarations(m.value()));
            obj.get("results").ifPresent(m -> {
                if (m.value() instanceof Arr arr) {
                    items(arr);
                } else {
                    wrongType(m.value(), "`results`", "an array");
                }
            });
        } else if (root instanceof Obj obj) {
            item(obj);
        } else {
            wrongType(root, "the file", "a policy, a role, an array of them or `{\"results\": [...]}`");
        }
    }

    private void declarations(Node node) {
        if (!(node instanceof Arr arr)) {
            wrongType(node, "`actions`", "an array of action names");
            return;
        }
        for (Node item : arr.items()) {
            if (!(item instanceof Str s)) {
                wrongType(item, "an action", "a string");
                continue;
            }
            int width = s.width();
            if (Checks.KEYWORDS.contains(s.value()) && !s.value().equals("any")) {
                src.error(Codes.KEYWORD_AS_NAME, s.at(), width, "`" + s.value() + "` is a reserved word",
                        "a reserved word of the policy language cannot be an action");
                continue;
            }
            Checks.action(src, s.value(), s.at(), width).ifPresent(a -> actions.add(new ParsedFile.ActionDecl(a, s.at())));
        }
    }

    private void items(Arr arr) {
        for (Node item : arr.items()) {
            if (item instanceof Obj obj) {
                item(obj);
            } else {
                wrongType(item, "an item", "a policy or a role object");
            }
        }
    }

    private void item(Obj obj) {
        boolean isPolicy = obj.members().containsKey("definitions");
        boolean isRole = obj.members().containsKey("policies");
        if (isPolicy && isRole) {
            src.error(Codes.JSON_KIND, obj.at(), 1,
                    "an object cannot be both a policy (with `definitions`) and a role (with `policies`)");
        } else if (isPolicy) {
            policy(obj, false).ifPresent(policies::add);
        } else if (isRole) {
            role(obj);
        } else {
            src.error(Codes.JSON_KIND, obj.at(), 1, "expected a policy or a role, found an object with neither "
                    + "`definitions` nor `policies`", "a policy has `definitions`, a role has `policies`");
        }
    }

    private Optional<ParsedFile.PolicyDef> policy(Obj obj, boolean copy) {
        Optional<Str> name = string(obj, "name", "a policy", true);
        Optional<Str> description = string(obj, "description", "a policy", false);
        Optional<Str> id = string(obj, "id", "a policy", false);
        conditions(obj);
        List<Statement> statements = new ArrayList<>();
        List<ParsedFile.StatementDef> defs = new ArrayList<>();
        Optional<Node> definitions = obj.get("definitions").map(Member::value);
        if (definitions.isEmpty()) {
            missing(obj, "definitions", "a policy");
        } else if (definitions.get() instanceof Arr arr) {
            if (arr.items().size() > Limits.MAX_STATEMENTS) {
                Node first = arr.items().get(Limits.MAX_STATEMENTS);
                src.error(Codes.TOO_MANY_STATEMENTS, first.at(), 1, "policy" + name.map(n -> " " + SourceText.quote(n.value()))
                        .orElse("") + " has more than " + Limits.MAX_STATEMENTS + " statements",
                        "split it into several policies");
            } else {
                for (Node d : arr.items()) {
                    definition(d).ifPresent(r -> {
                        statements.add(r.statement);
                        defs.add(r.def);
                    });
                }
            }
        } else if (!definitions.get().isNull()) {
            wrongType(definitions.get(), "`definitions`", "an array");
        }
        if (name.isEmpty() || !Checks.name(src, "policy", name.get().value(), name.get().at(), name.get().width())) {
            unbuilt.addAll(defs);
            return Optional.empty();
        }
        Policy policy = new Policy(name.get().value(), description.map(Str::value).orElse(""), statements);
        return Optional.of(new ParsedFile.PolicyDef(policy, name.get().at(), defs, copy, id.map(Str::value)));
    }

    private record Read(Statement statement, ParsedFile.StatementDef def) {}

    private Optional<Read> definition(Node node) {
        if (!(node instanceof Obj obj)) {
            wrongType(node, "a definition", "an object");
            return Optional.empty();
        }
        Optional<Optional<Condition>> condition = BirdConditions.read(src, obj);
        boolean ok = condition.isPresent();
        // a field reported as written under another name is not reported missing as well
        Set<String> misnamed = unreadFields(obj);
        ok &= misnamed.isEmpty();
        Effect effect = null;
        Optional<Str> e = misnamed.contains("effect") && obj.get("effect").isEmpty()
                ? Optional.empty() : string(obj, "effect", "a definition", true);
        if (e.isPresent()) {
            switch (e.get().value().toLowerCase(Locale.ROOT)) {
                case "allow" -> effect = Effect.ALLOW;
                case "deny" -> effect = Effect.DENY;
                default -> src.error(Codes.JSON_VALUE, e.get().at(), e.get().width(),
                        SourceText.quote(e.get().value()) + " is not an effect", "write `allow` or `deny`");
            }
        }
        Set<String> lower = new LinkedHashSet<>();
        List<String> written = new ArrayList<>();
        List<SourceLocation> where = new ArrayList<>();
        List<Str> actionNodes = misnamed.contains("actions") && obj.get("actions").isEmpty()
                ? List.of() : strings(obj, "actions", "action", Limits.MAX_ACTIONS, Codes.TOO_MANY_ACTIONS);
        for (Str a : actionNodes) {
            Optional<String> action = Checks.action(src, a.value(), a.at(), a.width());
            if (action.isPresent()) {
                lower.add(action.get());
                written.add(a.value());
                where.add(a.at());
            } else {
                ok = false;
            }
        }
        List<ResourcePattern> patterns = new ArrayList<>();
        List<Str> resourceNodes = misnamed.contains("resources") && obj.get("resources").isEmpty()
                ? List.of() : strings(obj, "resources", "resource pattern", Limits.MAX_PATTERNS, Codes.TOO_MANY_PATTERNS);
        for (Str r : resourceNodes) {
            Optional<ResourcePattern> p = Checks.pattern(src, r.value(), Checks.quoted(r.raw(), r.quote()), r.width());
            if (p.isPresent()) {
                patterns.add(p.get());
            } else {
                ok = false;
            }
        }
        ParsedFile.StatementDef def = new ParsedFile.StatementDef(obj.at(), written, where, List.of());
        if (!ok || effect == null || lower.isEmpty() || patterns.isEmpty()
                || patterns.size() != resourceNodes.size()) {
            if (!written.isEmpty()) {
                unbuilt.add(def);
            }
            return Optional.empty();
        }
        return Optional.of(new Read(new Statement(effect, lower, patterns, condition.get()), def));
    }

    /** The fields of a definition that Warden reads. */
    private static final Set<String> DEFINITION_FIELDS = Set.of("effect", "actions", "resources", "conditionsAll",
            "conditionsAny");

    /**
     * What a definition field that Warden does not read is taken for, by its name in lower case
     * without {@code _} and {@code -}: a field that restricts or widens a statement in other IAM
     * dialects, or another spelling of one Warden reads.
     */
    private static final Map<String, String> NEAR_MISSES = Map.ofEntries(
            Map.entry("effect", "effect"), Map.entry("effects", "effect"),
            Map.entry("actions", "actions"), Map.entry("action", "actions"),
            Map.entry("resources", "resources"), Map.entry("resource", "resources"),
            Map.entry("notactions", "actions"), Map.entry("notaction", "actions"),
            Map.entry("notresources", "resources"), Map.entry("notresource", "resources"),
            Map.entry("conditionsall", "conditionsAll"), Map.entry("conditionsany", "conditionsAny"),
            Map.entry("conditions", "conditionsAll"), Map.entry("condition", "conditionsAll"));

    /**
     * Reports each field of a definition that Warden would ignore although it decides what the
     * statement covers ({@code notResources}, {@code Resources}, {@code conditions}...): read without it,
     * an allow would grant more, and a deny deny more or less, than written. Other unknown fields
     * (ids, timestamps, metadata) stay ignored. Returns the fields Warden reads that were named in
     * the messages, empty when there was nothing to report.
     */
    private Set<String> unreadFields(Obj obj) {
        Set<String> named = new LinkedHashSet<>();
        for (Member m : obj.members().values()) {
            if (DEFINITION_FIELDS.contains(m.key())) {
                continue;
            }
            String key = m.key().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            String read = NEAR_MISSES.get(key);
            if (read == null) {
                continue;
            }
            String found = SourceText.quote(m.key());
            String message;
            String hint;
            if (key.startsWith("not")) {
                message = found + " is not supported: Warden reads `" + read + "` only";
                hint = "a statement read without it would grant or deny more than written; list what it applies to in `"
                        + read + "`";
            } else if (key.equals("conditions") || key.equals("condition")) {
                message = found + " is not supported: Warden reads `conditionsAll` and `conditionsAny`";
                hint = "a statement read without its conditions would grant or deny more than written";
            } else {
                message = found + " is not supported: Warden reads `" + read + "`"
                        + (m.key().equalsIgnoreCase(read) ? " (field names are case-sensitive)" : "");
                hint = "a statement read without it would grant or deny other than written; rename it `" + read + "`";
            }
            src.error(Codes.JSON_UNREAD_FIELD, m.keyAt(), m.key().codePointCount(0, m.key().length()) + 2, message, hint);
            named.add(read);
        }
        return named;
    }

    /**
     * Reports a non-empty {@code conditionsAll} or {@code conditionsAny} on a policy (conditions
     * belong to its definitions); true when there is none.
     */
    private boolean conditions(Obj obj) {
        boolean ok = true;
        for (String key : List.of("conditionsAll", "conditionsAny")) {
            Optional<Member> m = obj.get(key);
            if (m.isEmpty()) {
                continue;
            }
            Node v = m.get().value();
            boolean empty = (v instanceof Arr a && a.items().isEmpty())
                    || (v instanceof Obj o && o.members().isEmpty())
                    || v.isNull();
            if (!empty) {
                src.error(Codes.CONDITIONS, m.get().keyAt(), key.length() + 2, "`" + key + "` on a policy: conditions belong "
                        + "to its definitions", "move `" + key + "` into the definitions it is for: a policy read without "
                        + "its conditions would grant or deny too much");
                ok = false;
            }
        }
        return ok;
    }

    private void role(Obj obj) {
        Optional<Str> name = string(obj, "name", "a role", true);
        Optional<Str> description = string(obj, "description", "a role", false);
        Map<String, SourceLocation> refs = new LinkedHashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        Node list = obj.members().get("policies").value();
        if (list instanceof Arr arr) {
            for (Node item : arr.items()) {
                if (!(item instanceof Obj ref)) {
                    wrongType(item, "a role's policy", "a policy object, `{\"name\": ...}` or `{\"id\": ...}`");
                } else if (!ref.members().containsKey("definitions") && !ref.members().containsKey("name")
                        && ref.members().containsKey("id")) {
                    // Bird's create-role body: the policy's Bird id (and its type), resolved when the load is merged
                    string(ref, "id", "a policy reference", true)
                            .filter(n -> Checks.name(src, "policy id", n.value(), n.at(), n.width()))
                            .ifPresent(n -> {
                                if (refs.putIfAbsent(n.value(), n.at()) == null) {
                                    ids.add(n.value());
                                }
                            });
                } else if (ref.members().containsKey("definitions")) {
                    policy(ref, true).ifPresent(def -> {
                        policies.add(def);
                        refs.putIfAbsent(def.policy().name(), def.at());
                    });
                } else {
                    string(ref, "name", "a policy reference", true)
                            .filter(n -> Checks.name(src, "policy", n.value(), n.at(), n.width()))
                            .ifPresent(n -> refs.putIfAbsent(n.value(), n.at()));
                }
            }
        } else if (!list.isNull()) {
            wrongType(list, "`policies`", "an array");
        }
        if (name.isEmpty() || !Checks.name(src, "role", name.get().value(), name.get().at(), name.get().width())) {
            return;
        }
        List<String> names = List.copyOf(refs.keySet());
        Set<Integer> byId = new java.util.HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (ids.contains(names.get(i))) {
                byId.add(i);
            }
        }
        roles.add(new ParsedFile.RoleDef(
                new Role(name.get().value(), description.map(Str::value).orElse(""), names),
                name.get().at(), List.copyOf(refs.values()), byId));
    }

    // ---- field access with diagnostics

    /** A string field; a missing required one, or one of another type, is reported. {@code null} counts as missing. */
    private Optional<Str> string(Obj obj, String key, String what, boolean required) {
        Optional<Member> m = obj.get(key);
        if (m.isEmpty() || m.get().value().isNull()) {
            if (required) {
                missing(obj, key, what);
            }
            return Optional.empty();
        }
        if (m.get().value() instanceof Str s) {
            return Optional.of(s);
        }
        wrongType(m.get().value(), "`" + key + "`", "a string");
        return Optional.empty();
    }

    /** A required, non-empty array of strings, at most {@code max} of them. */
    private List<Str> strings(Obj obj, String key, String what, int max, String limitCode) {
        Optional<Member> m = obj.get(key);
        if (m.isEmpty()) {
            missing(obj, key, "a definition");
            return List.of();
        }
        if (!(m.get().value() instanceof Arr arr)) {
            wrongType(m.get().value(), "`" + key + "`", "an array of strings");
            return List.of();
        }
        if (arr.items().isEmpty()) {
            src.error(Codes.JSON_VALUE, arr.at(), 1, "`" + key + "` must not be empty",
                    "a definition needs at least one " + what);
            return List.of();
        }
        if (arr.items().size() > max) {
            src.error(limitCode, arr.items().get(max).at(), 1,
                    "a definition has more than " + max + " " + key);
            return List.of();
        }
        List<Str> out = new ArrayList<>();
        for (Node n : arr.items()) {
            if (n instanceof Str s) {
                out.add(s);
            } else {
                wrongType(n, "an item of `" + key + "`", "a string");
            }
        }
        return out;
    }

    private void missing(Obj obj, String key, String what) {
        src.error(Codes.JSON_MISSING, obj.at(), 1, "missing field `" + key + "` in " + what);
    }

    private void wrongType(Node node, String what, String expected) {
        src.error(Codes.JSON_TYPE, node.at(), node instanceof Str s ? s.width() : 1, what + " must be " + expected + ", found "
                + describe(node));
    }

    private static String describe(Node node) {
        if (node instanceof Obj) {
            return "an object";
        }
        if (node instanceof Arr) {
            return "an array";
        }
        if (node instanceof Str s) {
            return "the string " + SourceText.quote(s.value());
        }
        return switch (((Scalar) node).kind()) {
            case TRUE -> "`true`";
            case FALSE -> "`false`";
            case NULL -> "`null`";
            case NUMBER -> "a number";
        };
    }
}
