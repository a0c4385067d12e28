package dev.warden.dsl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.warden.core.AccessRequest;
import dev.warden.core.Explanation;
import dev.warden.core.Explanation.PatternReport;
import dev.warden.core.Explanation.PolicyReport;
import dev.warden.core.Explanation.RoleReport;
import dev.warden.core.Explanation.StatementReport;
import dev.warden.core.Principal;
import dev.warden.core.SourceLocation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link Explanation} as one JSON document, what {@code warden explain --format json} prints.
 *
 * <pre>{@code
 * {"request": {"principal": {...}, "action": "view", "resource": "/workspaces/w1"},
 *  "action": "view", "action_known": true,
 *  "path": {"well_formed": true, "canonical": "/workspaces/w1", "problem": ""},
 *  "principal": {"id": "ak_1", "roles": [{"name": "reader", "loaded": true, "policies": ["read"]}],
 *                "policies": [{"name": "audit", "loaded": false}], "attributes": {}},
 *  "effective_policies": ["read"],
 *  "statements": [{"policy": "read", "index": 0, "source": "read.policy:2:5", "statement": "allow view on /a",
 *                  "effect": "allow", "actions": ["view"], "outcome": "no_match",
 *                  "patterns": [{"pattern": "/a", "matches": false, "stopped_at": 0, "why": "..."}]}],
 *  "decision": {"decision": "deny", "reason": "no_match", "matched": []},
 *  "consistent": true}
 * }</pre>
 *
 * <p>{@code request} is in the batch input shape of {@code warden eval} ({@code method} and {@code
 * path} for an HTTP request, else {@code action} and {@code resource}: the canonical path for an
 * {@link AccessRequest.OnPath}). {@code outcome} is {@code matches}, {@code no_match}, {@code
 * other_action} or {@code not_evaluated}; {@code patterns} is empty unless the statement covers the
 * action. {@code decision} is the decision line of the batch format ({@link BatchFormat#write(com.fasterxml.jackson.core.JsonGenerator, dev.warden.core.Decision)}).
 */
public final class ExplanationJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ExplanationJson() {}

    /**
     * The explanation as a pretty-printed JSON document, ending with a line feed.
     *
     * @param e the explanation
     * @return the document, in the shape above
     */
    public static String render(Explanation e) {
        StringWriter out = new StringWriter();
        try {
            write(out, e);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toString();
    }

    private static void write(StringWriter out, Explanation e) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeFieldName("request");
            request(json, e.request());
            json.writeStringField("action", e.action());
            json.writeBooleanField("action_known", e.actionKnown());
            json.writeObjectFieldStart("path");
            json.writeBooleanField("well_formed", e.path().isWellFormed());
            json.writeStringField("canonical", e.path().isWellFormed() ? e.path().canonical() : "");
            json.writeStringField("problem", e.path().problem());
            json.writeEndObject();
            principal(json, e);
            strings(json, "effective_policies", e.effectivePolicies());
            json.writeArrayFieldStart("statements");
            for (StatementReport s : e.statements()) {
                statement(json, s);
            }
            json.writeEndArray();
            json.writeFieldName("decision");
            BatchFormat.write(json, e.decision());
            json.writeBooleanField("consistent", e.consistent());
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** The request in the batch input shape of {@code warden eval}. */
    private static void request(JsonGenerator json, AccessRequest r) throws IOException {
        Principal p = r.principal();
        json.writeStartObject();
        json.writeObjectFieldStart("principal");
        json.writeStringField("id", p.id());
        strings(json, "roles", p.roles());
        strings(json, "policies", p.policies());
        attributes(json, p);
        json.writeEndObject();
        if (r instanceof AccessRequest.Http h) {
            json.writeStringField("method", h.method());
            json.writeStringField("path", h.target());
        } else {
            json.writeStringField("action", r.verb());
            json.writeStringField("resource", r.target());
        }
        if (!r.context().isEmpty()) {
            json.writeObjectFieldStart("context");
            for (Map.Entry<String, String> c : new TreeMap<>(r.context()).entrySet()) {
                json.writeStringField(c.getKey(), c.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void principal(JsonGenerator json, Explanation e) throws IOException {
        Principal p = e.request().principal();
        json.writeObjectFieldStart("principal");
        json.writeStringField("id", p.id());
        json.writeArrayFieldStart("roles");
        for (RoleReport r : e.roles()) {
            json.writeStartObject();
            json.writeStringField("name", r.name());
            json.writeBooleanField("loaded", r.loaded());
            strings(json, "policies", r.policies());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("policies");
        for (PolicyReport d : e.directPolicies()) {
            json.writeStartObject();
            json.writeStringField("name", d.name());
            json.writeBooleanField("loaded", d.loaded());
            json.writeEndObject();
        }
        json.writeEndArray();
        attributes(json, p);
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, Iterable<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    /** The principal's attributes as an object, sorted by key. */
    private static void attributes(JsonGenerator json, Principal p) throws IOException {
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> a : new TreeMap<>(p.attributes()).entrySet()) {
            json.writeStringField(a.getKey(), a.getValue());
        }
        json.writeEndObject();
    }

    private static void statement(JsonGenerator json, StatementReport s) throws IOException {
        json.writeStartObject();
        json.writeStringField("policy", s.policy());
        json.writeNumberField("index", s.index());
        json.writeStringField("source", s.source().map(SourceLocation::toString).orElse(""));
        json.writeStringField("statement", StatementText.of(s.statement()));
        json.writeStringField("effect", s.statement().effect().word());
        strings(json, "actions", s.statement().actions());
        json.writeStringField("outcome", s.outcome().code());
        json.writeArrayFieldStart("patterns");
        for (PatternReport p : s.patterns()) {
            json.writeStartObject();
            json.writeStringField("pattern", p.pattern());
            json.writeBooleanField("matches", p.matches());
            json.writeNumberField("stopped_at", p.stoppedAt());
            json.writeStringField("why", p.why());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (s.condition().isPresent()) {
            Explanation.ConditionReport c = s.condition().get();
            json.writeObjectFieldStart("condition");
            json.writeStringField("result", c.result().word());
            json.writeArrayFieldStart("clauses");
            for (Explanation.ClauseReport r : c.clauses()) {
                json.writeStartObject();
                json.writeNumberField("conjunction", r.conjunction());
                json.writeStringField("clause", PolicyWriter.clause(r.clause()));
                if (r.value().isPresent()) {
                    json.writeStringField("value", r.value().get());
                } else {
                    json.writeNullField("value");
                }
                json.writeStringField("result", r.result().word());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
