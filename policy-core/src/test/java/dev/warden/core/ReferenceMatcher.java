package dev.warden.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain, slow reference for the decision semantics, written directly from docs/semantics.md
 * and sharing no code with the trie: its own canonicaliser, its own pattern reading (from the
 * pattern text), a linear scan over every statement. Property tests compare the authorizer with it.
 */
final class ReferenceMatcher {
    private final PolicySet set;

    ReferenceMatcher(PolicySet set) {
        this.set = set;
    }

    /** The expected reason and the expected matched statements for an action request. */
    Expected decide(Principal principal, String action, String resource) {
        List<String> segments = canonicalize(resource, false);
        if (segments == null) {
            return new Expected(Reason.MALFORMED_REQUEST, List.of());
        }
        String lower = action.toLowerCase(Locale.ROOT);
        if (!set.actions().contains(lower)) {
            return new Expected(Reason.UNKNOWN_ACTION, List.of());
        }
        return decideCanonical(principal, lower, segments);
    }

    /** The same for an HTTP request. */
    Expected decideHttp(Principal principal, String method, String path) {
        List<String> segments = canonicalize(path, true);
        if (segments == null) {
            return new Expected(Reason.MALFORMED_REQUEST, List.of());
        }
        String action;
        switch (method) {
            case "GET", "HEAD", "OPTIONS" -> action = "view";
            case "POST" -> action = "create";
            case "PUT", "PATCH" -> action = "update";
            case "DELETE" -> action = "delete";
            default -> {
                return new Expected(Reason.UNKNOWN_ACTION, List.of());
            }
        }
        return decideCanonical(principal, action, segments);
    }

    private Expected decideCanonical(Principal principal, String action, List<String> segments) {
        Set<String> effective = new LinkedHashSet<>();
        for (String p : principal.policies()) {
            if (set.policy(p).isEmpty()) {
                return new Expected(Reason.UNKNOWN_POLICY, List.of());
            }
            effective.add(p);
        }
        for (String r : principal.roles()) {
            if (set.role(r).isEmpty()) {
                return new Expected(Reason.UNKNOWN_POLICY, List.of());
            }
            effective.addAll(set.role(r).get().policies());
        }
        List<MatchedStatement> denies = new ArrayList<>();
        List<MatchedStatement> allows = new ArrayList<>();
        for (Policy policy : set.policies()) { // set order: the order decisions list statements in
            if (!effective.contains(policy.name())) {
                continue;
            }
            for (int i = 0; i < policy.statements().size(); i++) {
                Statement s = policy.statements().get(i);
                if (!s.actions().contains("any") && !s.actions().contains(action)) {
                    continue;
                }
                boolean matches = false;
                for (ResourcePattern pattern : s.resources()) {
                    matches |= patternMatches(pattern.text(), segments, principal, s.effect());
                }
                if (matches) {
                    MatchedStatement m = new MatchedStatement(policy.name(), s.effect(), i,
                            set.sources().statement(policy.name(), i));
                    (s.effect() == Effect.DENY ? denies : allows).add(m);
                }
            }
        }
        if (!denies.isEmpty()) {
            return new Expected(Reason.EXPLICIT_DENY, denies);
        }
        if (!allows.isEmpty()) {
            return new Expected(Reason.ALLOWED, allows);
        }
        return new Expected(Reason.NO_MATCH, List.of());
    }

    static boolean patternMatches(String pattern, List<String> path, Principal principal, Effect effect) {
        String[] parts = pattern.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("**")) {
                return path.size() - i >= 1;
            }
            if (i >= path.size()) {
                return false;
            }
            String seg = path.get(i);
            if (part.equals("*")) {
                continue;
            }
            if (part.startsWith("${principal.")) {
                String name = part.substring("${principal.".length(), part.length() - 1);
                String value = name.equals("id") ? principal.id() : principal.attributes().get(name);
                if (value != null && !List.of(value).equals(canonicalize("/" + value, false))) {
                    value = null; // a value no well-formed segment can equal counts as missing
                }
                if (value == null) {
                    if (effect == Effect.ALLOW) {
                        return false;
                    }
                    continue; // a deny treats a missing variable as `*`
                }
                if (!value.equals(seg)) {
                    return false;
                }
                continue;
            }
            if (part.contains("*")) {
                String regex = Arrays.stream(part.split("\\*", -1)).map(Pattern::quote)
                        .collect(Collectors.joining(".*"));
                if (!seg.matches(regex)) {
                    return false;
                }
                continue;
            }
            if (!part.equals(seg)) {
                return false;
            }
        }
        return parts.length == path.size();
    }

    /** docs/semantics.md's rules for malformed requests, read literally; null when malformed. */
    static List<String> canonicalize(String input, boolean http) {
        String path = input;
        if (path.contains("#")) {
            return null;
        }
        int q = path.indexOf('?');
        if (q >= 0) {
            if (!http) {
                return null;
            }
            path = path.substring(0, q);
        }
        if (path.length() > 4096 || !path.startsWith("/")) {
            return null;
        }
        if (path.equals("/")) {
            return List.of();
        }
        String[] raw = path.substring(1).split("/", -1);
        if (raw.length > 128) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            if (r.isEmpty()) {
                return null;
            }
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                char c = r.charAt(i);
                if (c == '%') {
                    if (i + 2 >= r.length()) {
                        return null;
                    }
                    String hex = r.substring(i + 1, i + 3);
                    if (!hex.matches("[0-9A-Fa-f]{2}")) {
                        return null;
                    }
                    d.append((char) Integer.parseInt(hex, 16));
                    i += 2;
                } else {
                    d.append(c);
                }
            }
            String seg = d.toString();
            if (seg.equals(".") || seg.equals("..")) {
                return null;
            }
            for (char c : seg.toCharArray()) {
                if (c < 0x20 || c > 0x7E || c == '/' || c == '\\' || c == ';' || c == '%' || c == '?' || c == '#') {
                    return null;
                }
            }
            out.add(seg);
        }
        return out;
    }

    record Expected(Reason reason, List<MatchedStatement> matched) {}
}
