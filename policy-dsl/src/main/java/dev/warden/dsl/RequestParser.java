package dev.warden.dsl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warden.core.AccessRequest;
import dev.warden.core.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one line of batch input (docs/cli.md) into a {@link BatchFormat.Line}:
 *
 * <pre>{@code
 * {"principal": {"id": "ak_1", "roles": ["support"], "policies": [], "attributes": {"workspace": "w1"}},
 *  "action": "view", "resource": "/workspaces/w1/channels/c1"}
 * {"principal": {"id": "ak_1"}, "method": "GET", "path": "/workspaces/w1/channels?limit=5"}
 * }</pre>
 *
 * <p>The reading is strict, because a request that is read loosely may be decided for something
 * its writer did not mean: the line must be one JSON object and nothing after it, without
 * duplicate keys and without fields beyond those above ({@code rolse} is an error, not an empty
 * role list); {@code principal.id} is a non-empty string; {@code roles} and {@code policies} are
 * arrays of strings, {@code attributes} an object of strings, each of the three may be left out;
 * the request has {@code action} and {@code resource}, or {@code method} and {@code path}, all
 * strings; {@code context}, which may be left out, is an object of strings (the values conditions
 * read as {@code context.NAME}). Anything else is {@link BatchFormat.Line.Invalid} with a message
 * saying what is wrong.
 * Whether the action is known and the path well formed is for the authorizer to decide.
 */
final class RequestParser {
    private static final Set<String> REQUEST_FIELDS = Set.of("principal", "action", "resource", "method", "path", "context");
    private static final Set<String> PRINCIPAL_FIELDS = Set.of("id", "roles", "policies", "attributes");

    private final JsonMapper mapper = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(BatchFormat.MAX_JSON_DEPTH)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads one line (without its line terminator). */
    BatchFormat.Line parse(String line) {
        if (line.isBlank()) {
            return new BatchFormat.Line.Invalid("blank line: expected a JSON object");
        }
        JsonNode root;
        JsonParser open = null;
        try (JsonParser parser = mapper.createParser(line)) {
            open = parser;
            root = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                return new BatchFormat.Line.Invalid("invalid JSON at column " + parser.currentTokenLocation().getColumnNr()
                        + ": unexpected content after the request object");
            }
        } catch (StreamConstraintsException e) {
            // carries no location: the parser's is where the limit was crossed
            int column = open == null ? 1 : Math.max(1, open.currentTokenLocation().getColumnNr());
            String m = String.valueOf(e.getOriginalMessage());
            return new BatchFormat.Line.Invalid("invalid JSON at column " + column + ": " + (m.contains("nesting depth")
                    ? "nested deeper than " + BatchFormat.MAX_JSON_DEPTH + " levels"
                    : lowerFirst(m.replaceAll(", from `[^`]*`", ""))));
        } catch (JsonProcessingException e) {
            return new BatchFormat.Line.Invalid("invalid JSON at column " + column(e) + ": " + jsonProblem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
        try {
            return new BatchFormat.Line.Valid(request(root));
        } catch (BadRequest e) {
            return new BatchFormat.Line.Invalid(e.getMessage());
        }
    }

    private static AccessRequest request(JsonNode root) {
        if (!root.isObject()) {
            throw new BadRequest("a request must be a JSON object, not " + kind(root));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!REQUEST_FIELDS.contains(name)) {
                throw new BadRequest("unknown field `" + name + "`: a request has `principal`, and `action` and "
                        + "`resource` or `method` and `path`, and may have `context`");
            }
        }
        JsonNode p = root.get("principal");
        if (p == null) {
            throw new BadRequest("missing `principal`");
        }
        Principal principal = principal(p);
        boolean action = root.has("action");
        boolean resource = root.has("resource");
        boolean method = root.has("method");
        boolean path = root.has("path");
        if ((action || resource) && (method || path)) {
            throw new BadRequest("a request has `action` and `resource`, or `method` and `path`, not a mix of both");
        }
        Map<String, String> context = context(root.get("context"));
        if (action || resource) {
            return new AccessRequest.OnResource(principal, string(root, "action", "action"), string(root, "resource", "resource"),
                    context);
        }
        if (method || path) {
            return new AccessRequest.Http(principal, string(root, "method", "method"), string(root, "path", "path"), context);
        }
        throw new BadRequest("missing `action` and `resource` (or `method` and `path`)");
    }

    private static Principal principal(JsonNode p) {
        if (!p.isObject()) {
            throw new BadRequest("`principal` must be an object, not " + kind(p));
        }
        for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PRINCIPAL_FIELDS.contains(name)) {
                throw new BadRequest("unknown field `principal." + name
                        + "`: a principal has `id`, `roles`, `policies` and `attributes`");
            }
        }
        String id = string(p, "id", "principal.id");
        if (id.isEmpty()) {
            throw new BadRequest("`principal.id` must not be empty");
        }
        Principal.Builder b = Principal.builder(id);
        names(p, "roles").forEach(b::role);
        names(p, "policies").forEach(b::policy);
        JsonNode attributes = p.get("attributes");
        if (attributes != null) {
            if (!attributes.isObject()) {
                throw new BadRequest("`principal.attributes` must be an object of strings, not " + kind(attributes));
            }
            if (attributes.size() > BatchFormat.MAX_ATTRIBUTES) {
                throw new BadRequest("`principal.attributes` has " + attributes.size() + " attributes, more than "
                        + BatchFormat.MAX_ATTRIBUTES);
            }
            for (Map.Entry<String, JsonNode> e : attributes.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new BadRequest("`principal.attributes." + e.getKey() + "` must be a string, not "
                            + kind(e.getValue()));
                }
                b.attribute(e.getKey(), e.getValue().textValue());
            }
        }
        return b.build();
    }

    /** The request's context: an object of string values (a repeated key is refused with the line), or none. */
    private static Map<String, String> context(JsonNode context) {
        if (context == null) {
            return Map.of();
        }
        if (!context.isObject()) {
            throw new BadRequest("`context` must be an object of strings, not " + kind(context));
        }
        if (context.size() > dev.warden.core.Limits.MAX_CONTEXT_ENTRIES) {
            throw new BadRequest("`context` has " + context.size() + " values, more than " + dev.warden.core.Limits.MAX_CONTEXT_ENTRIES);
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : context.properties()) {
            if (!e.getValue().isTextual()) {
                throw new BadRequest("`context." + e.getKey() + "` must be a string, not " + kind(e.getValue()));
            }
            values.put(e.getKey(), e.getValue().textValue());
        }
        String problem = dev.warden.core.Limits.contextProblem(values);
        if (problem != null) {
            throw new BadRequest(problem);
        }
        return values;
    }

    private static List<String> names(JsonNode p, String field) {
        JsonNode array = p.get(field);
        if (array == null) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new BadRequest("`principal." + field + "` must be an array of strings, not " + kind(array));
        }
        int max = field.equals("roles") ? BatchFormat.MAX_ROLES : BatchFormat.MAX_POLICIES;
        if (array.size() > max) {
            throw new BadRequest("`principal." + field + "` has " + array.size() + " items, more than " + max);
        }
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            if (!n.isTextual()) {
                throw new BadRequest("`principal." + field + "[" + i + "]` must be a string, not " + kind(n));
            }
            out.add(n.textValue());
        }
        return out;
    }

    private static String string(JsonNode node, String field, String qualified) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new BadRequest("missing `" + qualified + "`");
        }
        if (!v.isTextual()) {
            throw new BadRequest("`" + qualified + "` must be a string, not " + kind(v));
        }
        return v.textValue();
    }

    /** {@code a string}, {@code an array}...: how a JSON value is named in messages. */
    private static String kind(JsonNode n) {
        switch (n.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return n.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }

    private static int column(JsonProcessingException e) {
        return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
    }

    /**
     * Jackson's description of a syntax error, without the location it appends (the column is
     * given separately) and starting lower case.
     */
    private static String jsonProblem(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        // "(start marker at [Source: REDACTED (...); line: 1, column: 1])" -> "(start marker at column 1)"
        int source = m.indexOf("[Source:");
        if (source >= 0) {
            int col = m.indexOf("column: ", source);
            int close = m.indexOf(']', source);
            if (col >= 0 && close > col) {
                m = m.substring(0, source) + "column " + m.substring(col + "column: ".length(), close)
                        + m.substring(close + 1);
            }
        }
        return lowerFirst(m.strip());
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    /** A line that is JSON but not a request. Control flow inside the parser only. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
