package dev.warden.analysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.core.Actions;
import dev.warden.core.SourceLocation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.DeserializationUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the operations of an OpenAPI 3 document (YAML or JSON) with swagger-parser: every path
 * item's {@code get}, {@code put}, {@code post}, {@code delete}, {@code options}, {@code head},
 * {@code patch} that Warden maps to an action ({@code trace} is not mapped, and skipped). Paths are
 * taken as written: a {@code servers} URL's path is not prefixed. References are not followed, but
 * for a path item that names one of the document's own {@code components/pathItems}.
 *
 * <p>Each operation's source is {@code file:line:col} of its method key in the document (found
 * with Jackson's streaming parser, since swagger-parser keeps no positions).
 */
final class OpenApiReader {
    /** A top-level {@code openapi:} or {@code swagger:} key, to tell a broken document from a list. */
    private static final Pattern DOCUMENT_KEY =
            Pattern.compile("(?m)^\\s*\\{?\\s*[\"']?(openapi|swagger)[\"']?\\s*:");
    /** What swagger-parser 2.1 reads. */
    private static final Pattern READ_VERSIONS = Pattern.compile("3\\.[01]\\.[0-9]+(-.+)?");
    /** Jackson's JSON messages name the source they hide: say where the object began instead. */
    private static final Pattern START_MARKER =
            Pattern.compile("\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
    private static final String COMPONENT_PATH_ITEMS = "#/components/pathItems/";

    private OpenApiReader() {}

    /** Whether {@code text} is an OpenAPI or Swagger document (a broken one too) rather than a list. */
    static boolean isDocument(String text) {
        String t = stripBom(text);
        try {
            JsonNode root = mapper(t).readTree(t);
            if (root != null && root.isObject()) {
                return root.has("openapi") || root.has("swagger");
            }
        } catch (IOException | RuntimeException e) {
            // not YAML or JSON: a list, unless it names itself a document
        }
        return DOCUMENT_KEY.matcher(t).find();
    }

    /**
     * The operations of the document, in the document's order of paths and, per path, of methods.
     *
     * @throws IllegalArgumentException naming the file: a Swagger 2 document, another OpenAPI version,
     *     a document swagger-parser reports problems in, or a path Warden cannot read
     */
    static List<Operation> read(String file, String text) {
        String t = stripBom(text);
        JsonNode root;
        try {
            root = mapper(t).readTree(t);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? file : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new IllegalArgumentException(where + ": `" + file + "` is not valid "
                    + (isJson(t) ? "JSON" : "YAML") + ": " + firstLines(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new IllegalArgumentException("`" + file + "` cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("`" + file + "` is not an OpenAPI document: it is not a "
                    + (isJson(t) ? "JSON" : "YAML") + " object");
        }
        JsonNode version = root.get("openapi");
        if (version == null) {
            throw new IllegalArgumentException("`" + file + "` is a Swagger " + root.path("swagger").asText("?")
                    + " document; only OpenAPI 3 documents are read: convert it to OpenAPI 3 first");
        }
        if (!version.isTextual() || !READ_VERSIONS.matcher(version.asText()).matches()) {
            throw new IllegalArgumentException("`" + file + "` declares `openapi: " + version.asText()
                    + "`; the OpenAPI parser reads OpenAPI 3.0.x and 3.1.x documents");
        }

        // swagger-parser refuses YAML over 3 Mi code points by default; large APIs' documents are bigger
        DeserializationUtils.Options limits = DeserializationUtils.getOptions();
        if (limits.getMaxYamlCodePoints() == null || limits.getMaxYamlCodePoints() < MAX_CODE_POINTS) {
            limits.setMaxYamlCodePoints(MAX_CODE_POINTS);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(t, null, options);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null || !messages.isEmpty()) {
            StringBuilder m = new StringBuilder("`" + file + "` is not a valid OpenAPI " + version.asText()
                    + " document; the OpenAPI parser reports:");
            if (messages.isEmpty()) {
                m.append("\n  - the document could not be read");
            }
            for (String message : messages) {
                m.append("\n  - ").append(message);
            }
            throw new IllegalArgumentException(m.toString());
        }
        return operations(file, result.getOpenAPI(), locations(t));
    }

    private static List<Operation> operations(String file, OpenAPI api, Map<String, JsonLocation> at) {
        List<Operation> out = new ArrayList<>();
        if (api.getPaths() == null) {
            return out;
        }
        for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
            String path = e.getKey();
            PathItem item = pathItem(file, api, path, e.getValue(), at);
            List<String> methods = new ArrayList<>();
            for (PathItem.HttpMethod m : item.readOperationsMap().keySet()) {
                methods.add(m.name());
            }
            // in the document's order (the parser's is fixed: get, put, post, delete, patch, ...)
            methods.sort(Comparator.comparingLong(m -> line(at, path, m)));
            for (String method : methods) {
                if (Actions.forHttpMethod(method).isEmpty()) {
                    continue;
                }
                Optional<SourceLocation> position = position(file, at, path, method.toLowerCase(Locale.ROOT));
                try {
                    // with no position, line 1 of the readable locator: printed as is, never read back
                    out.add(new Operation(method, path,
                            position.orElseGet(() -> new SourceLocation(locator(file, path, method), 1, 1))));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(where(file, at, path, method) + ": " + bad.getMessage() + "; lint cannot compare "
                            + "it with patterns (no pattern matches `/`, and a path with an empty segment or a "
                            + "trailing `/` is malformed): leave it out of the schema", bad);
                }
            }
        }
        return out;
    }

    private static PathItem pathItem(String file, OpenAPI api, String path, PathItem item, Map<String, JsonLocation> at) {
        String ref = item.get$ref();
        if (ref == null) {
            return item;
        }
        if (ref.startsWith(COMPONENT_PATH_ITEMS) && api.getComponents() != null
                && api.getComponents().getPathItems() != null) {
            PathItem target = api.getComponents().getPathItems().get(ref.substring(COMPONENT_PATH_ITEMS.length()));
            if (target != null && target.get$ref() == null) {
                return target;
            }
        }
        throw new IllegalArgumentException(where(file, at, path, null) + ": path `" + path + "` is a reference to `"
                + ref + "`, which is not read: only path items written in the document, or in its own "
                + "`components/pathItems`, are read");
    }

    private static long line(Map<String, JsonLocation> at, String path, String method) {
        JsonLocation loc = at.get(path + "\n" + method.toLowerCase(Locale.ROOT));
        return loc == null ? Long.MAX_VALUE : loc.getLineNr() * 100_000L + loc.getColumnNr();
    }

    /**
     * A parser's message without its excerpts of the text: the lines that say what is wrong
     * (SnakeYAML adds ` in 'reader', line 5, column 10:`, the line and a caret after each).
     */
    private static String firstLines(String message) {
        List<String> kept = new ArrayList<>();
        for (String line : (message == null ? "" : message).split("\r?\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                kept.add(line.strip());
            }
        }
        String joined = kept.isEmpty() ? "cannot be parsed" : String.join("; ", kept);
        return START_MARKER.matcher(joined).replaceAll(" (opened at line $1, column $2)");
    }

    /** {@code file:line:col} of the method key, else of the path key, else a readable locator, for messages. */
    private static String where(String file, Map<String, JsonLocation> at, String path, String method) {
        return position(file, at, path, method == null ? null : method.toLowerCase(Locale.ROOT))
                .map(SourceLocation::toString)
                .orElseGet(() -> locator(file, path, method));
    }

    /** {@code file: METHOD /path}, or {@code file: /path} without a method. */
    private static String locator(String file, String path, String method) {
        return file + ": " + (method == null ? "" : method.toUpperCase(Locale.ROOT) + " ") + path;
    }

    /** Where the method key is (lower case), else the path key; empty when the document gives neither. */
    private static Optional<SourceLocation> position(String file, Map<String, JsonLocation> at, String path,
            String method) {
        JsonLocation loc = method == null ? null : at.get(path + "\n" + method);
        if (loc == null) {
            loc = at.get(path);
        }
        if (loc == null || loc.getLineNr() < 1) {
            return Optional.empty();
        }
        return Optional.of(new SourceLocation(file, loc.getLineNr(), Math.max(1, loc.getColumnNr())));
    }

    /**
     * Where each key under {@code paths} is, and each key under each of them: {@code "/path"} and
     * {@code "/path\nget"}.
     */
    private static Map<String, JsonLocation> locations(String text) {
        Map<String, JsonLocation> out = new HashMap<>();
        try (JsonParser p = factory(text).createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("paths") || value != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String path = p.currentName();
                    out.putIfAbsent(path, p.currentTokenLocation());
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        out.putIfAbsent(path + "\n" + p.currentName(), p.currentTokenLocation());
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // positions are a convenience: the operations were read; sources fall back to locators
        }
        return out;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static boolean isJson(String text) {
        return text.stripLeading().startsWith("{");
    }

    private static JsonFactory factory(String text) {
        if (isJson(text)) {
            return new JsonFactory();
        }
        LoaderOptions limits = new LoaderOptions();
        limits.setCodePointLimit(MAX_CODE_POINTS);
        return YAMLFactory.builder().loaderOptions(limits).build();
    }

    private static ObjectMapper mapper(String text) {
        return new ObjectMapper(factory(text));
    }
}
