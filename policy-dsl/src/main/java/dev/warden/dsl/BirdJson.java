package dev.warden.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.Statement;
import dev.warden.core.diagnostic.Diagnostic;
import java.util.List;

/**
 * Writes a policy set as Bird JSON, in the shape of a Bird list response:
 *
 * <pre>{@code
 * {
 *   "actions" : [ "approve" ],
 *   "results" : [
 *     { "name" : "read", "description" : "",
 *       "definitions" : [ { "effect" : "allow", "actions" : [ "view" ], "resources" : [ "/w/*" ] } ] },
 *     { "name" : "reader", "description" : "", "policies" : [ { "name" : "read" } ] }
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code results} holds the policies, then the roles, whose policies are {@code {"name": ...}}
 * references. {@code actions}, Warden's declared actions, is there only when the set declares
 * some: Bird JSON has no declarations of its own. Reading the output back ({@link
 * PolicyLoader#loadTexts}, a {@code .json} file) gives an {@link PolicySet#equals equal} set.
 */
public final class BirdJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BirdJson() {}

    /**
     * The set as Bird JSON, ending with a newline.
     *
     * @param set the set to write; a policy read from Bird JSON keeps its Bird {@code id}
     * @return the set's {@code results} document, indented
     */
    public static String write(PolicySet set) {
        ObjectNode root = MAPPER.createObjectNode();
        if (!set.declaredActions().isEmpty()) {
            ArrayNode actions = root.putArray("actions");
            set.declaredActions().forEach(actions::add);
        }
        ArrayNode results = root.putArray("results");
        for (Policy p : set.policies()) {
            // a policy read from Bird JSON keeps its Bird id, first as Bird lists it
            ObjectNode o = set.sources().externalId(p.name())
                    .map(id -> MAPPER.createObjectNode().put("id", id))
                    .orElseGet(MAPPER::createObjectNode);
            o.setAll(policy(p));
            results.add(o);
        }
        for (Role r : set.roles()) {
            ObjectNode o = results.addObject();
            o.put("name", r.name());
            o.put("description", r.description());
            ArrayNode refs = o.putArray("policies");
            for (String name : r.policies()) {
                refs.addObject().put("name", name);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the policy set as JSON", e);
        }
    }

    /** One policy as a Bird policy object. */
    static ObjectNode policy(Policy p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", p.name());
        o.put("description", p.description());
        ArrayNode definitions = o.putArray("definitions");
        for (Statement s : p.statements()) {
            ObjectNode d = MAPPER.createObjectNode();
            d.put("effect", s.effect().word());
            ArrayNode actions = d.putArray("actions");
            s.actions().forEach(actions::add);
            ArrayNode resources = d.putArray("resources");
            for (ResourcePattern r : s.resources()) {
                resources.add(r.text());
            }
            if (s.condition().isPresent()) {
                BirdConditions.write(s.condition().get(), d).forEach(definitions::add);
            } else {
                definitions.add(d);
            }
        }
        return o;
    }

    /**
     * Loads one Bird JSON text on its own, naming it {@code file} in diagnostics and statement
     * sources, whatever its extension.
     *
     * @param file the name the text goes by in diagnostics and sources
     * @param json the Bird JSON text
     * @return the set and its diagnostics, as {@link PolicyLoader#loadTexts} gives them for one file
     */
    public static LoadResult read(String file, String json) {
        List<Diagnostic> tooLarge = new java.util.ArrayList<>();
        if (PolicyLoader.tooLarge(file, json, Limits.MAX_JSON_FILE_BYTES, tooLarge)) {
            return PolicyLoader.merge(List.of(), tooLarge);
        }
        return PolicyLoader.merge(List.of(BirdJsonReader.read(file, json)), List.of());
    }
}
