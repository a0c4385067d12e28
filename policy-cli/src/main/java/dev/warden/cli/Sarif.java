package dev.warden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * A SARIF 2.1.0 log with one run of warden, as GitHub code scanning reads it: the tool's rules
 * (id, name, descriptions, default level) and results with physical locations.
 */
final class Sarif {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode log = JSON.createObjectNode();
    private final ArrayNode rules;
    private final ArrayNode results;

    Sarif() {
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "warden");
        driver.put("semanticVersion", Version.version());
        rules = driver.putArray("rules");
        results = run.putArray("results");
    }

    /** SARIF's level for a severity word: {@code error}, {@code warning}, or {@code note} for info. */
    static String level(String severity) {
        return severity.equals("info") ? "note" : severity;
    }

    void rule(String id, String name, String description, String severity) {
        ObjectNode r = rules.addObject();
        r.put("id", id);
        r.put("name", name);
        r.putObject("shortDescription").put("text", description);
        r.putObject("fullDescription").put("text", description);
        r.putObject("defaultConfiguration").put("level", level(severity));
        r.putObject("help").put("text", description + " (see docs/ci.md, " + id + ")");
    }

    void result(String ruleId, String severity, String message, String file, int line, int column) {
        ObjectNode r = results.addObject();
        r.put("ruleId", ruleId);
        r.put("level", level(severity));
        r.putObject("message").put("text", message);
        ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", file.replace('\\', '/'));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", Math.max(1, line));
        region.put("startColumn", Math.max(1, column));
    }

    void print(PrintWriter out) throws IOException {
        out.println(JSON.writeValueAsString(log));
        out.flush();
    }
}
