package dev.warden.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Action names: the built-in ones, the word for "every action", the HTTP method mapping, and the
 * rules for names a policy file may declare.
 */
public final class Actions {
    /** The built-in action {@code view}; {@code GET}, {@code HEAD} and {@code OPTIONS} map to it. */
    public static final String VIEW = "view";
    /** The built-in action {@code create}; {@code POST} maps to it. */
    public static final String CREATE = "create";
    /** The built-in action {@code update}; {@code PUT} and {@code PATCH} map to it. */
    public static final String UPDATE = "update";
    /** The built-in action {@code delete}; {@code DELETE} maps to it. */
    public static final String DELETE = "delete";
    /** In a statement, every action, declared ones included. Also written {@code *}. */
    public static final String ANY = "any";

    /** The built-in actions, in their canonical order. */
    public static final List<String> BUILT_IN = List.of(VIEW, CREATE, UPDATE, DELETE);

    private Actions() {}

    /**
     * The canonical form of an action name as written in a statement: lower case, with {@code *}
     * read as {@link #ANY}.
     *
     * @param name an action name as written, any case, or {@code *}
     * @return the name in lower case, or {@link #ANY} for {@code *}
     * @throws IllegalArgumentException if the name is not a valid action name
     */
    public static String normalize(String name) {
        if ("*".equals(name)) {
            return ANY;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!isValidName(lower)) {
            throw new IllegalArgumentException(
                    "`" + name + "` is not a valid action name (letters, digits, `_` and `-`, starting with a letter)");
        }
        return lower;
    }

    /**
     * Whether a name, as {@link #normalize} returns it, is a built-in action or {@link #ANY}: a
     * policy file cannot declare it.
     *
     * @param name a normalised action name
     * @return true for {@code view}, {@code create}, {@code update}, {@code delete} and {@code any}
     */
    public static boolean isBuiltIn(String name) {
        return name.equals(ANY) || BUILT_IN.contains(name);
    }

    /** Whether a (lower-case) name has the shape of an action: {@code [a-z][a-z0-9_-]*}. */
    static boolean isValidName(String lower) {
        if (lower.isEmpty() || lower.length() > 64) {
            return false;
        }
        char first = lower.charAt(0);
        if (first < 'a' || first > 'z') {
            return false;
        }
        for (int i = 1; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The action an HTTP method stands for (RFC 9110 methods are case-sensitive): {@code GET},
     * {@code HEAD}, {@code OPTIONS} to {@code view}; {@code POST} to {@code create}; {@code PUT},
     * {@code PATCH} to {@code update}; {@code DELETE} to {@code delete}. Any other method, {@code
     * get} included, has none.
     *
     * @param method the HTTP method, case-sensitive
     * @return the built-in action it maps to, or empty
     */
    public static Optional<String> forHttpMethod(String method) {
        return Optional.ofNullable(httpAction(method));
    }

    /** {@link #forHttpMethod} without the Optional, for the hot path; null when unmapped. */
    static String httpAction(String method) {
        switch (method) {
            case "GET":
            case "HEAD":
            case "OPTIONS":
                return VIEW;
            case "POST":
                return CREATE;
            case "PUT":
            case "PATCH":
                return UPDATE;
            case "DELETE":
                return DELETE;
            default:
                return null;
        }
    }
}
