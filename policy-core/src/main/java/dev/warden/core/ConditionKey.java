package dev.warden.core;

import dev.warden.core.internal.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a condition clause reads: {@code principal.id}, an attribute of the principal ({@code
 * principal.NAME}) or a value of the request's context ({@code context.NAME}). {@code
 * principal.roles} is the attribute named {@code roles}, nothing else. Names are case-sensitive.
 *
 * @param scope where the value comes from
 * @param name the attribute or context name; {@code id} for {@code principal.id}
 */
public record ConditionKey(Scope scope, String name) implements Comparable<ConditionKey> {
    /** Where a key's value comes from. */
    public enum Scope {
        /** The principal's id. */
        PRINCIPAL_ID,
        /** An attribute of the principal. */
        PRINCIPAL_ATTRIBUTE,
        /** A value of the request's context. */
        CONTEXT
    }

    /** The namespaces a reader might write for {@code context} or {@code principal}, with the right one. */
    private static final Map<String, String> NEAR_MISSES = Map.ofEntries(
            Map.entry("request", "context"), Map.entry("req", "context"), Map.entry("ctx", "context"),
            Map.entry("env", "context"), Map.entry("environment", "context"), Map.entry("resource", "context"),
            Map.entry("user", "principal"), Map.entry("subject", "principal"), Map.entry("caller", "principal"),
            Map.entry("identity", "principal"), Map.entry("key", "principal"), Map.entry("actor", "principal"));

    /**
     * Checks that the name fits the scope.
     *
     * @param scope where the value comes from
     * @param name {@code id} for {@link Scope#PRINCIPAL_ID}; else {@code [A-Za-z_][A-Za-z0-9_.-]*}, and not
     *     {@code id} for an attribute
     * @throws IllegalArgumentException when the name does not fit the scope
     */
    public ConditionKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        if (scope == Scope.PRINCIPAL_ID ? !name.equals("id") : !isName(name) || scope == Scope.PRINCIPAL_ATTRIBUTE && name.equals("id")) {
            throw new IllegalArgumentException("not a key name for " + scope + ": `" + name + "`");
        }
    }

    /**
     * Parses {@code principal.id}, {@code principal.NAME} or {@code context.NAME}.
     *
     * @param key the key as written
     * @return the key
     * @throws InvalidConditionException {@code UNKNOWN_KEY_NAMESPACE} (with a hint) or {@code BAD_KEY_NAME}
     */
    public static ConditionKey parse(String key) {
        int dot = key.indexOf('.');
        String namespace = dot < 0 ? key : key.substring(0, dot);
        if (!namespace.equals("principal") && !namespace.equals("context")) {
            String rest = dot < 0 ? "NAME" : key.substring(dot + 1);
            String right = NEAR_MISSES.get(namespace.toLowerCase(java.util.Locale.ROOT));
            if (right == null) {
                right = Suggestions.closest(namespace, List.of("principal", "context")).orElse("");
            }
            String hint = right.isEmpty()
                    ? "a key is `principal.id`, `principal.NAME` or `context.NAME`"
                    : "did you mean `" + right + "." + rest + "`?";
            throw new InvalidConditionException(InvalidConditionException.Kind.UNKNOWN_KEY_NAMESPACE, key, 0,
                    "unknown key namespace `" + namespace + "` in `" + key + "`", hint);
        }
        String name = dot < 0 ? "" : key.substring(dot + 1);
        if (!isName(name)) {
            throw new InvalidConditionException(InvalidConditionException.Kind.BAD_KEY_NAME, key,
                    Math.min(key.length(), namespace.length() + 1),
                    "`" + key + "` is not a key: the name after `" + namespace + ".` must match `[A-Za-z_][A-Za-z0-9_.-]*`",
                    "e.g. `" + namespace + ".team`");
        }
        if (namespace.equals("context")) {
            return new ConditionKey(Scope.CONTEXT, name);
        }
        return name.equals("id") ? new ConditionKey(Scope.PRINCIPAL_ID, "id") : new ConditionKey(Scope.PRINCIPAL_ATTRIBUTE, name);
    }

    /** Whether {@code name} is {@code [A-Za-z_][A-Za-z0-9_.-]*}. */
    static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            boolean other = c >= '0' && c <= '9' || c == '.' || c == '-';
            if (!(letter || i > 0 && other)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key as written: {@code principal.id}, {@code principal.team}, {@code context.ip}.
     *
     * @return the namespace, a dot and the name
     */
    public String text() {
        return (scope == Scope.CONTEXT ? "context." : "principal.") + name;
    }

    @Override
    public int compareTo(ConditionKey o) {
        return text().compareTo(o.text());
    }

    @Override
    public String toString() {
        return text();
    }
}
