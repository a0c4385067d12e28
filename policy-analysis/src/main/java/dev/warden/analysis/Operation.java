package dev.warden.analysis;

import dev.warden.core.Actions;
import dev.warden.core.InvalidPatternException;
import dev.warden.core.ResourcePattern;
import dev.warden.core.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of an API: an HTTP method and a path template with {@code {param}} segments, as in
 * OpenAPI ({@code GET /workspaces/{workspaceId}/channels}).
 *
 * @param method the HTTP method, one Warden maps to an action ({@code GET}, {@code POST}...)
 * @param path the path template as written, absolute, {@code {param}} segments included
 * @param source where it was written, for messages and findings
 */
public record Operation(String method, String path, SourceLocation source) {
    /**
     * Requires each part and checks the method and the template's shape.
     *
     * @param method the HTTP method
     * @param path the path template
     * @param source where it was written
     * @throws IllegalArgumentException when the method maps to no action, or the path is not absolute, has
     *     an empty segment or ends with {@code /}
     */
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

    /**
     * The action the method maps to.
     *
     * @return the built-in action, as {@link Actions#forHttpMethod} maps the method
     */
    public String action() {
        return Actions.forHttpMethod(method).orElseThrow();
    }

    /**
     * The template as a Warden pattern: each {@code {param}} becomes {@code *}, a whole segment
     * ({@code {id}}) or part of one ({@code {id}.pdf} becomes {@code *.pdf}).
     */
    String asPattern() {
        List<String> out = new ArrayList<>();
        for (String seg : PathLanguages.pathSegments(path)) {
            out.add(templateSegment(seg));
        }
        return "/" + String.join("/", out);
    }

    /**
     * {@link #asPattern} parsed, or empty when it is not a valid pattern: a segment holds a
     * character no request path may (such as {@code ;} or {@code %}), is {@code .} or {@code ..},
     * or has a form a pattern may not. No policy pattern matches a path with such a segment, so the
     * lint compares such an operation with none.
     */
    Optional<ResourcePattern> pattern() {
        try {
            return Optional.of(ResourcePattern.parse(asPattern()));
        } catch (InvalidPatternException e) {
            return Optional.empty();
        }
    }

    private static String templateSegment(String seg) {
        if (seg.indexOf('{') < 0) {
            return seg;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < seg.length()) {
            char c = seg.charAt(i);
            int close = c == '{' ? seg.indexOf('}', i + 1) : -1;
            if (close > i + 1) {
                // one `*` for adjacent parameters too: `**` would mean every path below
                if (b.length() == 0 || b.charAt(b.length() - 1) != '*') {
                    b.append('*');
                }
                i = close + 1;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /**
     * Reads a schema file in either form: an OpenAPI 3 document (YAML or JSON, read with
     * swagger-parser; a document is what declares {@code openapi:} or {@code swagger:} at its top),
     * else the plain list of {@link #parseList}. From a document, every path item's operation whose
     * method Warden maps to an action ({@code TRACE} is skipped), its path as written (a {@code
     * servers} URL is not prefixed), its source the method key (else the path key; when the document gives no position, a
     * location at line 1 whose file is a readable locator, {@code file: METHOD /path}).
     *
     * @throws IllegalArgumentException naming the file: a Swagger 2 document, a document the OpenAPI
     *     parser reports problems in (the parser's messages follow), a path Warden cannot read, or a
     *     bad line of a list
     *
     * @param file the file as the user named it, for sources and messages
     * @param text the file's text
     * @return the operations, in the order written
     */
    public static List<Operation> read(String file, String text) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        return OpenApiReader.isDocument(text) ? OpenApiReader.read(file, text) : parseList(file, text);
    }

    /**
     * Reads the plain schema format: one {@code METHOD /path/{param}} per line; blank lines and
     * {@code #} comments are skipped.
     *
     * @param file the file as the user named it, for sources and messages
     * @param text the list's text
     * @return the operations, in the order written
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
            SourceLocation at = new SourceLocation(file, i + 1, 1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + ": expected `METHOD /path`, found `" + line + "`");
            }
            try {
                out.add(new Operation(parts[0], parts[1], at));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
