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
import java.util.HashMap;
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
        /**
         * Requires each part.
         *
         * @param code the finding's rule code
         * @param file the finding's file, normalised
         * @param fingerprint the finding's fingerprint
         * @param justification why it is accepted
         * @param at where the entry is written, or empty
         */
        public Entry {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(justification, "justification");
            Objects.requireNonNull(at, "at");
        }

        /** What a finding must have to match: its code, file and fingerprint. */
        String key() {
            return code + "\n" + file + "\n" + fingerprint;
        }
    }

    /**
     * Copies the entries.
     *
     * @param file the baseline file as the user named it
     * @param entries the accepted findings
     */
    public Baseline {
        Objects.requireNonNull(file, "file");
        entries = List.copyOf(entries);
    }

    /**
     * Reads a baseline file's text.
     *
     * @param file the file's name as the user gave it, for the places of its entries and errors
     * @param text the file's text
     * @return the baseline
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
     *
     * @param findings the findings to accept
     * @param texts every file's text as loaded, by name, where the fingerprints are taken
     * @return the baseline file's text
     */
    public static String write(List<Diagnostic> findings, Map<String, String> texts) {
        Fingerprints fingerprints = new Fingerprints(texts);
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : findings) {
            if (Rule.of(d).isEmpty() || d.location().isEmpty()) {
                continue;
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("code", d.code());
            o.put("file", normalised(d.location().get().file()));
            o.put("fingerprint", fingerprints.of(d));
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
     * The fingerprints of findings over the loaded texts, each text split into lines once: a hash of
     * a finding's code and of the text its location points at (its line from the column on, with
     * the comment and the spacing left out, so that a suppression comment added to it or a
     * re-indentation does not change it), or of its message when the text was not loaded.
     */
    static final class Fingerprints {
        private final Map<String, String> texts;
        private final Map<String, List<String>> lines = new HashMap<>();
        private final MessageDigest sha256;

        Fingerprints(Map<String, String> texts) {
            this.texts = texts;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing", e);
            }
        }

        /** The fingerprint of a finding. */
        String of(Diagnostic d) {
            String what = d.message();
            if (d.location().isPresent()) {
                SourceLocation at = d.location().get();
                String text = texts.get(at.file());
                List<String> all = text == null ? List.of() : lines.computeIfAbsent(at.file(), f -> DiagnosticRenderer.lines(text));
                if (at.line() <= all.size()) {
                    String code = Suppressions.codeOf(all.get(at.line() - 1));
                    int from = code.offsetByCodePoints(0, Math.min(at.column() - 1, code.codePointCount(0, code.length())));
                    what = code.substring(from).strip().replaceAll("\\s+", " ");
                }
            }
            byte[] hash = sha256.digest((d.code() + "\n" + what).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        }

        /** The key a baseline entry must have to match the finding ({@link Entry#key()}), or empty without a place. */
        Optional<String> key(Diagnostic d) {
            return d.location().map(at -> d.code() + "\n" + normalised(at.file()) + "\n" + of(d));
        }
    }

    /** A file name as the baseline keeps it: {@code /} separators, {@code .} and {@code ..} resolved. */
    static String normalised(String file) {
        return Path.of(file.replace('\\', '/')).normalize().toString().replace('\\', '/');
    }
}
