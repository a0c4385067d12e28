package dev.warden.analysis;

import dev.warden.core.Actions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One operation of an API: an HTTP method and a path template with {@code {param}} segments, as in
 * OpenAPI ({@code GET /workspaces/{workspaceId}/channels}).
 *
 * @param source where it was written ({@code file:line}), for messages
 */
public record Operation(String method, String path, String source) {
    public Operation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
        if (Actions.forHttpMethod(method).isEmpty()) {
            throw new IllegalArgumentException("`" + method + "` is not an HTTP method Warden maps to an action");
        }
        if (!path.startsWith("/") || path.length() < 2 || path.contains("//") || path.endsWith("/")) {
            throw new IllegalArgumentException("`" + path + "` is not an absolute path template with segments");
        }
    }

    /** The action the method maps to. */
    public String action() {
        return Actions.forHttpMethod(method).orElseThrow();
    }

    /** The template as a Warden pattern: each {@code {param}} segment becomes {@code *}. */
    String asPattern() {
        List<String> out = new ArrayList<>();
        for (String seg : PathLanguages.segments(path)) {
            out.add(seg.startsWith("{") && seg.endsWith("}") ? "*" : seg);
        }
        return "/" + String.join("/", out);
    }

    /**
     * Reads the plain schema format: one {@code METHOD /path/{param}} per line; blank lines and
     * {@code #} comments are skipped.
     *
     * @throws IllegalArgumentException naming {@code file:line} of a bad line
     */
    public static List<Operation> parseList(String file, String text) {
        List<Operation> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int hash = line.indexOf(" #");
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            String[] parts = line.split("\\s+");
            String where = file + ":" + (i + 1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + ": expected `METHOD /path`, found `" + line + "`");
            }
            try {
                out.add(new Operation(parts[0], parts[1], where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
