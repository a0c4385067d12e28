package dev.warden.dsl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.warden.core.SourceLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON read into a small tree that remembers where each value was written (line, and column in
 * code points as {@link SourceText} counts them), so that whoever maps the tree can point every
 * diagnostic at its place. It knows nothing of what the JSON means: {@link BirdJsonReader} maps
 * the tree to policies and roles. Jackson streams the text; a key written twice in one object, a
 * value nested deeper than {@link Limits#MAX_JSON_DEPTH} levels, one over Jackson's read limits
 * (a number of more than 1,000 digits, say) and any other invalid JSON are reported ({@code E201},
 * {@code E307}) in Jackson's words made the project's, and give no tree. How large a file may be
 * is checked before it is read ({@code E301}).
 */
final class LocatedJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Limits.MAX_JSON_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final SourceText src;

    private LocatedJson(SourceText src) {
        this.src = src;
    }

    /** A JSON value and where it starts; {@code column} counts code points from 1. */
    sealed interface Node {
        SourceLocation at();

        /** Whether this is {@code null}. */
        default boolean isNull() {
            return this instanceof Scalar s && s.kind() == Scalar.Kind.NULL;
        }
    }

    /** An object: its members by key, in the order written (no key twice: a duplicate is a read error). */
    record Obj(Map<String, Member> members, SourceLocation at) implements Node {
        Optional<Member> get(String key) {
            return Optional.ofNullable(members.get(key));
        }
    }

    /** One member of an object: its key, where the key is (its opening quote), and its value. */
    record Member(String key, SourceLocation keyAt, Node value) {}

    record Arr(List<Node> items, SourceLocation at) implements Node {}

    /**
     * A string: {@code at} is its first character (after the quote), {@code width} its length as
     * written (escapes as written), {@code raw} the literal as written, quotes included.
     */
    record Str(String value, SourceLocation at, int width, String raw) implements Node {
        /** Where the opening quote is. */
        SourceLocation quote() {
            return new SourceLocation(at.file(), at.line(), Math.max(1, at.column() - 1));
        }
    }

    /** A number, {@code true}, {@code false} or {@code null}. */
    record Scalar(Kind kind, SourceLocation at) implements Node {
        enum Kind { NUMBER, TRUE, FALSE, NULL }
    }

    /**
     * The one JSON value of {@code text}, or empty after reporting into {@code src} why there is
     * none; {@code emptyHint} is the hint when the text holds no value at all (what to write).
     */
    static Optional<Node> read(SourceText src, String text, String emptyHint) {
        return new LocatedJson(src).parse(text, emptyHint);
    }

    private Optional<Node> parse(String text, String emptyHint) {
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                src.error(Codes.BAD_JSON, src.at(1, 1), 1, "the file holds no JSON value", emptyHint);
                return Optional.empty();
            }
            Node root = value(p);
            if (p.nextToken() != null) {
                SourceLocation at = at(p.currentTokenLocation());
                src.error(Codes.BAD_JSON, at, 1, "invalid JSON: more than one value in the file",
                        "wrap several values in an array `[...]`");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (StreamConstraintsException e) {
            // the exception carries no location: the parser's is where the limit was crossed
            SourceLocation at = e.getLocation() != null || parser == null ? location(e) : at(parser.currentTokenLocation());
            if (String.valueOf(e.getOriginalMessage()).contains("nesting depth")) {
                src.error(Codes.JSON_TOO_DEEP, at, 1, "JSON nested deeper than " + Limits.MAX_JSON_DEPTH + " levels");
            } else { // a number of more than 1,000 digits, a key of more than 50,000 characters...
                src.error(Codes.BAD_JSON, at, 1, "invalid JSON: " + constraint(e.getOriginalMessage()));
            }
        } catch (JsonProcessingException e) {
            src.error(Codes.BAD_JSON, location(e), 1, "invalid JSON: " + jacksonMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            src.error(Codes.BAD_JSON, src.at(1, 1), 1, "invalid JSON: " + jacksonMessage(String.valueOf(e.getMessage())));
        }
        return Optional.empty();
    }

    private Node value(JsonParser p) throws IOException {
        SourceLocation at = at(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Member> members = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                SourceLocation keyAt = at(p.currentTokenLocation());
                p.nextToken();
                members.put(key, new Member(key, keyAt, value(p)));
            }
            return new Obj(members, at);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(value(p));
            }
            return new Arr(items, at);
        }
        if (t == JsonToken.VALUE_STRING) {
            String raw = rawString(at);
            SourceLocation content = new SourceLocation(at.file(), at.line(), at.column() + 1);
            return new Str(p.getText(), content, Math.max(1, raw.codePointCount(0, raw.length()) - 2), raw);
        }
        return new Scalar(switch (t) {
            case VALUE_TRUE -> Scalar.Kind.TRUE;
            case VALUE_FALSE -> Scalar.Kind.FALSE;
            case VALUE_NULL -> Scalar.Kind.NULL;
            default -> Scalar.Kind.NUMBER;
        }, at);
    }

    private SourceLocation at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return src.at(1, 1);
        }
        String line = src.line(loc.getLineNr());
        int chars = Math.max(0, Math.min(line.length(), loc.getColumnNr() - 1));
        return src.at(loc.getLineNr(), line.codePointCount(0, chars) + 1);
    }

    private SourceLocation location(JsonProcessingException e) {
        return at(e.getLocation());
    }

    /**
     * Jackson's message for a value over one of its read limits, without the name of its
     * configuration method: {@code number value length (1001) exceeds the maximum allowed (1000)}.
     */
    static String constraint(String message) {
        String m = String.valueOf(message);
        int from = m.indexOf(", from `");
        if (from >= 0) {
            int close = m.indexOf(')', from);
            m = m.substring(0, from) + (close >= 0 ? m.substring(close) : ")");
        }
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** Jackson's message in the project's words: lower case, characters in backticks, no source dump. */
    static String jacksonMessage(String m) {
        String s = m.replaceAll("\\('(.)' \\(code \\d+\\)\\)", "`$1`")
                .replaceAll("\\(CTRL-CHAR, code (\\d+)\\)", "control character $1")
                .replaceAll("\\s*\\(start marker at \\[Source: [^]]*; line: (\\d+), column: (\\d+)\\]\\)",
                        " (opened at line $1, column $2)")
                .replaceAll("\\s*at \\[Source: [^]]*\\]", "")
                .replace("Duplicate field '", "duplicate field `")
                .replaceAll("`([^`]*)'", "`$1`");
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl);
        }
        s = s.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The JSON string literal starting at {@code at}, quotes included, as written. */
    private String rawString(SourceLocation at) {
        String line = src.line(at.line());
        int start = Math.min(line.length(), line.offsetByCodePoints(0, Math.min(at.column() - 1,
                line.codePointCount(0, line.length()))));
        if (start >= line.length() || line.charAt(start) != '"') {
            return "\"";
        }
        int end = StringLiteral.end(line, start);
        return line.substring(start, end < 0 ? line.length() : end);
    }
}
