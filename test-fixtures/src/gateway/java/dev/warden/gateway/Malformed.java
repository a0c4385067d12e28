package dev.warden.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every malformed request target the tests send through the mapping, the gate, the filter and the
 * server: the shapes of docs/semantics.md ("Requests: what is malformed") written out, and every
 * request of conformance/06-malformed that is malformed in the HTTP form (a resource malformed only
 * because of a query is not: HTTP drops the query).
 */
public final class Malformed {
    public static final List<String> SHAPES = List.of(
            "/workspaces/w1/",                      // trailing /
            "/workspaces//w1",                      // empty segment
            "//workspaces/w1",
            "workspaces/w1",                        // not absolute
            "http://evil.example/workspaces/w1",    // absolute-form
            "*",                                    // asterisk-form
            "",
            "/workspaces/./w1",
            "/workspaces/../w1",
            "/workspaces/w1/..",
            "/workspaces/w1/..;/admin",             // ..; (Tomcat's path parameter trick)
            "/workspaces/..;/admin",
            "/workspaces/w1;jsessionid=x",
            "/workspaces/%2e%2e/w1",
            "/workspaces/%2E%2E/w1",
            "/workspaces/%2e/w1",
            "/workspaces/.%2e/w1",
            "/workspaces/w1%2Fx",
            "/workspaces/w1%2fx",
            "/workspaces/w1%5Cx",
            "/workspaces/w1\\x",
            "/workspaces/w1%3Bx",
            "/workspaces/w1%25",
            "/workspaces/w1%252F",
            "/workspaces/w1%0A",
            "/workspaces/w1%0D",
            "/workspaces/w1%00",
            "/workspaces/w1%7F",
            "/workspaces/w1%09",
            "/workspaces/w\u00e91",
            "/workspaces/w1%C3%A9",
            "/workspaces/w1%zz",
            "/workspaces/w1%4",
            "/workspaces/w1%",
            "/workspaces/" + "a".repeat(4100),     // longer than 4096 bytes
            "/workspaces" + "/s".repeat(128),      // more than 128 segments
            "/workspaces/w1//?x=1",
            "/workspaces/%2e%2e%2fadmin?x=/workspaces/w1",
            "/workspaces/w1/channels#/../admin",    // a raw `#`: a backend may read what follows as path
            "/workspaces/w1/channels?x=1#frag",     // a `#` in the query too
            "/workspaces/w1#",
            "/files/payroll.csv%3F.pdf",            // a decoded `?` turns into a query one hop later
            "/workspaces/w1/channels%23x",          // a decoded `#`
            "/workspaces/w1%3f");

    private Malformed() {}

    /** SHAPES and the conformance requests, each a target that must never be allowed. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(SHAPES);
        all.addAll(conformance());
        return all;
    }

    /**
     * The targets of conformance/06-malformed expected malformed whose HTTP form is malformed too:
     * every {@code path}, and every {@code resource} without a query.
     */
    public static List<String> conformance() {
        Path dir = Path.of("..", "conformance", "06-malformed");
        ObjectMapper json = new ObjectMapper();
        try {
            List<String> requests = Files.readAllLines(dir.resolve("requests.jsonl"));
            List<String> expected = Files.readAllLines(dir.resolve("expected.jsonl"));
            List<String> out = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                if (requests.get(i).isBlank()) {
                    continue;
                }
                JsonNode e = json.readTree(expected.get(i));
                JsonNode request = json.readTree(requests.get(i));
                if (!e.get("reason").textValue().equals("malformed_request")) {
                    continue;
                }
                if (request.has("path")) {
                    out.add(request.get("path").textValue());
                } else {
                    String resource = request.get("resource").textValue();
                    if (resource.indexOf('?') < 0) {
                        out.add(resource);
                    }
                }
            }
            if (out.size() < 20) {
                throw new IllegalStateException("conformance/06-malformed has fewer cases than expected: " + out.size());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
