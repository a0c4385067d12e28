package dev.warden.analysis;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.core.SourceLocation;
import dev.warden.core.diagnostic.Diagnostic;
import dev.warden.dsl.DiagnosticRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A baseline file ({@code warden lint --baseline FILE}): the findings a project has accepted, each
 * kept by its rule's code, its file and a fingerprint of the text it points at (not its line), so
 * that edits elsewhere in the file do not invalidate it. Written by {@link #write} ({@code
 * --write-baseline}), one entry per line:
 *
 * <pre>
 * {"warden_baseline": 1, "findings": [
 *   {"code": "W004", "file": "policies/admin.policy", "fingerprint": "3f1c...", "justification": "..."}
 * ]}
 * </pre>
 *
 * @param file the baseline file as the user named it, for the places of its entries
 */
public record Baseline(String file, List<Entry> entries) {
    /** No baseline: nothing is suppressed. */
    public static final Baseline NONE = new Baseline("", List.of());
    /** The justification {@link #write} gives each entry. */
    static final String ACCEPTED = "accepted in the baseline";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One accepted finding.
     *
     * @param file the finding's file, normalised ({@code /} separators, no {@code ./})
     * @param fingerprint {@link #fingerprint} of the finding
     * @param at where the entry is written in the baseline file
     */
    public record Entry(String code, String file, String fingerprint, String justification, Optional<SourceLocation> at) {
        public Entry {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(justification, "justification");
            Objects.requireNonNull(at, "at");
        }

        boolean matches(Diagnostic d, Map<String, String> texts) {
            return d.code().equals(code) && d.location().isPresent() && normalised(d.location().get().file()).equals(file)
                    && Baseline.fingerprint(d, texts).equals(fingerprint);
        }
    }

    public Baseline {
        Objects.requireNonNull(file, "file");
        entries = List.copyOf(entries);
    }

    /**
     * Reads a baseline file's text.
     *
     * @throws IllegalArgumentException when it is not a baseline, with {@code file:line:col} and what is wrong
     */
    public static Baseline read(String file, String text) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            expect(p, p.nextToken() == JsonToken.START_OBJECT, file, "a baseline is a JSON object with `findings`");
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!name.equals("findings")) {
                    p.skipChildren();
                    continue;
                }
                found = true;
                expect(p, p.currentToken() == JsonToken.START_ARRAY, file, "`findings` is an array");
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonLocation l = p.currentTokenLocation();
                    SourceLocation at = new SourceLocation(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
                    JsonNode entry = JSON.readTree(p);
                    entries.add(new Entry(field(entry, "code", at), normalised(field(entry, "file", at)),
                            field(entry, "fingerprint", at),
                            entry.path("justification").isTextual() ? entry.get("justification").asText() : ACCEPTED,
                            Optional.of(at)));
                }
                expect(p, p.currentToken() == JsonToken.END_ARRAY, file, "each entry of `findings` is an object");
            }
            expect(p, found, file, "a baseline is a JSON object with `findings`");
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new IllegalArgumentException((l == null ? file : file + ":" + l.getLineNr() + ":" + l.getColumnNr())
                    + ": `" + file + "` is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read baseline `" + file + "`: " + e.getMessage(), e);
        }
        return new Baseline(file, entries);
    }

    private static void expect(JsonParser p, boolean holds, String file, String what) {
        if (!holds) {
            JsonLocation l = p.currentTokenLocation();
            throw new IllegalArgumentException(file + ":" + l.getLineNr() + ":" + l.getColumnNr() + ": `" + file
                    + "` is not a warden baseline: " + what);
        }
    }

    private static String field(JsonNode entry, String name, SourceLocation at) {
        JsonNode v = entry.get(name);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(at + ": a baseline entry needs `" + name + "`, a string");
        }
        return v.asText();
    }

    /**
     * A baseline that accepts every finding given (lint's findings, not load errors), as the text of
     * a baseline file: sorted, one entry per line, each finding once.
     */
    public static String write(List<Diagnostic> findings, Map<String, String> texts) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : findings) {
            if (Rule.of(d).isEmpty() || d.location().isEmpty()) {
                continue;
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("code", d.code());
            o.put("file", normalised(d.location().get().file()));
            o.put("fingerprint", fingerprint(d, texts));
            o.put("justification", ACCEPTED);
            try {
                String line = "  " + JSON.writeValueAsString(o);
                if (!lines.contains(line)) {
                    lines.add(line);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a baseline entry", e);
            }
        }
        lines.sort(null);
        return "{\"warden_baseline\": 1, \"findings\": [\n" + String.join(",\n", lines) + (lines.isEmpty() ? "" : "\n")
                + "]}\n";
    }

    /**
     * The fingerprint of a finding: a hash of its code and of the text its location points at (its
     * line from the column on, with the comment and the spacing left out, so that a suppression
     * comment added to it or a re-indentation does not change it), or of its message when the text
     * was not loaded.
     */
    static String fingerprint(Diagnostic d, Map<String, String> texts) {
        String what = d.message();
        if (d.location().isPresent()) {
            SourceLocation at = d.location().get();
            String text = texts.get(at.file());
            if (text != null) {
                List<String> lines = DiagnosticRenderer.lines(text);
                if (at.line() <= lines.size()) {
                    String line = lines.get(at.line() - 1);
                    int from = Math.min(line.length(), line.offsetByCodePoints(0, Math.min(at.column() - 1,
                            line.codePointCount(0, line.length()))));
                    String code = Suppressions.codeOf(line);
                    what = code.substring(Math.min(from, code.length())).strip().replaceAll("\\s+", " ");
                }
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((d.code() + "\n" + what).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** A file name as the baseline keeps it: {@code /} separators, {@code .} and {@code ..} resolved. */
    static String normalised(String file) {
        return Path.of(file.replace('\\', '/')).normalize().toString().replace('\\', '/');
    }
}
