package dev.warden.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.diagnostic.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit of a load ({@link Limits}, docs/language.md "Limits"), in both formats: an input
 * exactly at the limit loads, one just past it is rejected with the documented code at the
 * documented place, and nothing is loaded.
 */
class LimitsTest {

    /** Loads one in-memory file. */
    private static LoadResult load(String name, String text) {
        return PolicyLoader.loadTexts(Map.of(name, text));
    }

    private static void assertLoads(LoadResult r) {
        assertThat(r.diagnostics()).as("diagnostics at the limit").isEmpty();
        assertThat(r.ok()).isTrue();
    }

    /** Exactly one error, with this code, at {@code file:line:col}; nothing loaded. */
    private static void assertRejected(LoadResult r, String code, String location) {
        assertThat(r.ok()).as("nothing loads past a limit").isFalse();
        assertThat(r.policySet()).isEmpty();
        assertThat(r.errors()).extracting(Diagnostic::code).containsExactly(code);
        assertThat(r.errors().get(0).location().orElseThrow()).hasToString(location);
    }

    private static String list(int n, IntFunction<String> item) {
        return IntStream.range(0, n).mapToObj(item).collect(Collectors.joining(", "));
    }

    // ---- Bird JSON helpers

    private static String jsonPolicy(String name, String definitions) {
        return "{\"name\": \"" + name + "\", \"definitions\": [" + definitions + "]}";
    }

    private static String jsonDefinition(String actions, String resources) {
        return "{\"effect\": \"allow\", \"actions\": [" + actions + "], \"resources\": [" + resources + "]}";
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    @Nested
    class FileSize {
        @TempDir
        Path dir;

        private LoadResult loadFile(String name, String text) throws IOException {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
            return PolicyLoader.load(dir, List.of(name));
        }

        /** A valid file of exactly {@code bytes} bytes: a small policy, padded with a comment or blanks. */
        private String policyOfSize(long bytes) {
            String head = "policy p {\n    allow view on /a\n}\n#";
            return head + "x".repeat((int) (bytes - head.length()));
        }

        private String jsonOfSize(long bytes) {
            String head = jsonPolicy("p", jsonDefinition("\"view\"", "\"/a\""));
            return head + " ".repeat((int) (bytes - head.length()));
        }

        @Test
        void policyFile_atTheLimit_loads_onePast_isE301() throws IOException {
            assertLoads(loadFile("a.policy", policyOfSize(Limits.MAX_FILE_BYTES)));
            assertLoads(load("a.policy", policyOfSize(Limits.MAX_FILE_BYTES)));
            assertRejected(loadFile("b.policy", policyOfSize(Limits.MAX_FILE_BYTES + 1)), "E301", "b.policy:1:1");
            assertRejected(load("b.policy", policyOfSize(Limits.MAX_FILE_BYTES + 1)), "E301", "b.policy:1:1");
        }

        @Test
        void jsonFile_atTheLimit_loads_onePast_isE301() throws IOException {
            assertLoads(loadFile("a.json", jsonOfSize(Limits.MAX_JSON_FILE_BYTES)));
            assertRejected(loadFile("b.json", jsonOfSize(Limits.MAX_JSON_FILE_BYTES + 1)), "E301", "b.json:1:1");
            assertRejected(load("b.json", jsonOfSize(Limits.MAX_JSON_FILE_BYTES + 1)), "E301", "b.json:1:1");
            assertRejected(BirdJson.read("b.json", jsonOfSize(Limits.MAX_JSON_FILE_BYTES + 1)), "E301", "b.json:1:1");
        }

        @Test
        void inMemorySize_isCountedInUtf8Bytes() {
            // `é` is two bytes in UTF-8. (Only a few: the lexer is slow on long runs of non-ASCII
            // characters, see docs/security.md.)
            String head = "policy p {}\n#" + "é".repeat(1000);
            String atLimit = head + "x".repeat((int) (Limits.MAX_FILE_BYTES - head.length() - 1000));
            assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize((int) Limits.MAX_FILE_BYTES);
            assertLoads(load("a.policy", atLimit));
            assertRejected(load("b.policy", atLimit + "x"), "E301", "b.policy:1:1");
            assertRejected(load("c.policy", atLimit.replaceFirst("x", "é")), "E301", "c.policy:1:1");
        }
    }

    @Nested
    class FileCount {
        @TempDir
        Path dir;

        private Map<String, String> files(int n) {
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                files.put(String.format("f%05d.policy", i), "policy p" + i + " {}\n");
            }
            return files;
        }

        @Test
        void inMemory_atTheLimit_loads_onePast_isE309() {
            assertLoads(PolicyLoader.loadTexts(files(Limits.MAX_FILES)));
            LoadResult r = PolicyLoader.loadTexts(files(Limits.MAX_FILES + 1));
            assertRejected(r, "E309", "f10000.policy:1:1");
            assertThat(r.errors().get(0).message()).isEqualTo("a load names more than 10000 files; nothing was read");
        }

        @Test
        void onDisk_everyFileNamedCounts_onePastIsE309_andNothingIsRead() throws IOException {
            // files that do not exist count too (they are named): at the limit, each is its own E401
            // (a file named twice counts once: two more names, no more files)
            List<String> names = new ArrayList<>(files(Limits.MAX_FILES).keySet());
            List<String> twice = new ArrayList<>(names);
            twice.add(names.get(0));
            twice.add("./" + names.get(1));
            LoadResult atLimit = PolicyLoader.load(dir, twice);
            assertThat(atLimit.errors()).extracting(Diagnostic::code).containsOnly("E401").doesNotContain("E309");
            // one more, through a directory that holds a file that is not UTF-8: E309 alone shows that nothing was read
            Files.createDirectory(dir.resolve("d"));
            Files.write(dir.resolve("d/bad.policy"), new byte[] {(byte) 0xFF});
            names.add("d");
            assertRejected(PolicyLoader.load(dir, names), "E309", "d/bad.policy:1:1");
        }

        @Test
        void throughADirectory_theFirstFileOverTheLimitIsNamed() throws IOException {
            Files.createDirectory(dir.resolve("d"));
            for (String f : List.of("a.policy", "b.policy", "c.policy")) {
                Files.writeString(dir.resolve("d").resolve(f), "");
            }
            List<String> names = new ArrayList<>(files(Limits.MAX_FILES - 1).keySet());
            names.add("d");
            assertRejected(PolicyLoader.load(dir, names), "E309", "d/b.policy:1:1");
        }
    }

    @Nested
    class StatementsPerPolicy {
        @Test
        void language_atTheLimit_loads_onePast_isE302() {
            assertLoads(load("a.policy", "policy p {\n" + "allow view on /a\n".repeat(Limits.MAX_STATEMENTS) + "}\n"));
            // line 1 is `policy p {`: statement 10,001 is on line 10,002
            assertRejected(load("b.policy", "policy p {\n" + "allow view on /a\n".repeat(Limits.MAX_STATEMENTS + 1) + "}\n"),
                    "E302", "b.policy:10002:1");
        }

        @Test
        void json_atTheLimit_loads_onePast_isE302() {
            String def = jsonDefinition("\"view\"", "\"/a\"");
            assertLoads(load("a.json", jsonPolicy("p", list(Limits.MAX_STATEMENTS, i -> def))));
            String over = jsonPolicy("p", list(Limits.MAX_STATEMENTS + 1, i -> def).replace("}, {", "},\n{"));
            assertRejected(load("b.json", over), "E302", "b.json:10001:1");
        }
    }

    @Nested
    class PatternsPerStatement {
        @Test
        void language_atTheLimit_loads_onePast_isE303() {
            assertLoads(load("a.policy", "policy p {\n allow view on " + list(Limits.MAX_PATTERNS, i -> "/a" + i) + "\n}\n"));
            String over = "policy p {\n allow view on " + list(Limits.MAX_PATTERNS + 1, i -> "/a" + i) + "\n}\n";
            int col = over.indexOf("/a1000") - over.indexOf('\n') ;
            assertRejected(load("b.policy", over), "E303", "b.policy:2:" + col);
        }

        @Test
        void json_atTheLimit_loads_onePast_isE303() {
            assertLoads(load("a.json", jsonPolicy("p", jsonDefinition("\"view\"",
                    list(Limits.MAX_PATTERNS, i -> quoted("/a" + i))))));
            String over = jsonPolicy("p", jsonDefinition("\"view\"", list(Limits.MAX_PATTERNS + 1, i -> quoted("/a" + i))));
            assertRejected(load("b.json", over), "E303", "b.json:1:" + (over.indexOf("\"/a1000\"") + 2));
        }
    }

    @Nested
    class ActionsPerStatement {
        @Test
        void language_atTheLimit_loads_onePast_isE308() {
            assertLoads(load("a.policy", "policy p {\n allow " + list(Limits.MAX_ACTIONS, i -> "view") + " on /a\n}\n"));
            String over = "policy p {\n allow " + list(Limits.MAX_ACTIONS + 1, i -> i == Limits.MAX_ACTIONS ? "last" : "view")
                    + " on /a\n}\n";
            int col = over.indexOf("last") - over.indexOf('\n');
            assertRejected(load("b.policy", over), "E308", "b.policy:2:" + col);
        }

        @Test
        void json_atTheLimit_loads_onePast_isE308() {
            assertLoads(load("a.json", jsonPolicy("p", jsonDefinition(list(Limits.MAX_ACTIONS, i -> "\"view\""), "\"/a\""))));
            String over = jsonPolicy("p", jsonDefinition(
                    list(Limits.MAX_ACTIONS + 1, i -> i == Limits.MAX_ACTIONS ? "\"last\"" : "\"view\""), "\"/a\""));
            assertRejected(load("b.json", over), "E308", "b.json:1:" + (over.indexOf("\"last\"") + 2));
        }
    }

    @Nested
    class PatternLength {
        private final String atLimit = "/" + "x".repeat(dev.warden.core.Limits.MAX_PATH_LENGTH - 1);

        @Test
        void language_atTheLimit_loads_onePast_isE304() {
            assertLoads(load("a.policy", "policy p {\n allow view on " + atLimit + "\n}\n"));
            assertRejected(load("b.policy", "policy p {\n allow view on " + atLimit + "x\n}\n"), "E304", "b.policy:2:16");
        }

        @Test
        void json_atTheLimit_loads_onePast_isE304() {
            assertLoads(load("a.json", jsonPolicy("p", jsonDefinition("\"view\"", quoted(atLimit)))));
            String over = jsonPolicy("p", jsonDefinition("\"view\"", quoted(atLimit + "x")));
            assertRejected(load("b.json", over), "E304", "b.json:1:" + (over.indexOf("\"/xx") + 2));
        }
    }

    @Nested
    class PatternSegments {
        private final String atLimit = "/s".repeat(dev.warden.core.Limits.MAX_PATH_SEGMENTS);

        @Test
        void language_atTheLimit_loads_onePast_isE305_atTheFirstSegmentTooMany() {
            assertLoads(load("a.policy", "policy p {\n allow view on " + atLimit + "\n}\n"));
            // the caret is on the `/` that starts segment 129: column 16 + 2 * 128
            assertRejected(load("b.policy", "policy p {\n allow view on " + atLimit + "/s\n}\n"), "E305",
                    "b.policy:2:" + (16 + 2 * 128));
        }

        @Test
        void json_atTheLimit_loads_onePast_isE305() {
            assertLoads(load("a.json", jsonPolicy("p", jsonDefinition("\"view\"", quoted(atLimit)))));
            String over = jsonPolicy("p", jsonDefinition("\"view\"", quoted(atLimit + "/s")));
            assertRejected(load("b.json", over), "E305", "b.json:1:" + (over.indexOf("\"/s") + 2 + 2 * 128));
        }
    }

    @Nested
    class NameLength {
        private final String atLimit = "n".repeat(dev.warden.core.Limits.MAX_NAME_LENGTH);

        @Test
        void language_atTheLimit_loads_onePast_isE306() {
            assertLoads(load("a.policy", "policy " + atLimit + " {}\nrole " + atLimit + " { policies " + atLimit + " }\n"));
            assertRejected(load("b.policy", "policy " + atLimit + "n {}\n"), "E306", "b.policy:1:8");
            assertRejected(load("c.policy", "role " + atLimit + "n {}\n"), "E306", "c.policy:1:6");
            assertRejected(load("d.policy", "policy \"" + atLimit + "n\" {}\n"), "E306", "d.policy:1:8");
        }

        @Test
        void json_atTheLimit_loads_onePast_isE306() {
            assertLoads(load("a.json", "[" + jsonPolicy(atLimit, "") + ", {\"name\": \"" + atLimit
                    + "\", \"policies\": [{\"name\": \"" + atLimit + "\"}]}]"));
            assertRejected(load("b.json", jsonPolicy(atLimit + "n", "")), "E306", "b.json:1:11");
            assertRejected(load("c.json", "{\"name\": \"" + atLimit + "n\", \"policies\": []}"), "E306", "c.json:1:11");
        }
    }

    @Nested
    class JsonNesting {
        /** A policy whose ignored field {@code x} nests arrays so that the document is {@code depth} deep. */
        private String nested(int depth) {
            int arrays = depth - 1; // the policy object is level 1
            return "{\"name\": \"p\", \"definitions\": [],\n\"x\": " + "[".repeat(arrays) + "]".repeat(arrays) + "}";
        }

        @Test
        void atTheLimit_loads_onePast_isE307() {
            assertLoads(load("a.json", nested(Limits.MAX_JSON_DEPTH)));
            LoadResult r = load("b.json", nested(Limits.MAX_JSON_DEPTH + 1));
            // the caret is on the `[` that opens level 65
            assertRejected(r, "E307", "b.json:2:" + (5 + Limits.MAX_JSON_DEPTH));
            assertThat(r.errors().get(0).message()).isEqualTo("JSON nested deeper than 64 levels");
        }

        @Test
        void otherJacksonLimits_areInvalidJson_notNesting() {
            String longNumber = "{\"name\": \"p\", \"definitions\": [], \"x\": " + "1".repeat(1001) + "}";
            LoadResult r = load("a.json", longNumber);
            assertThat(r.ok()).isFalse();
            assertThat(r.errors()).extracting(Diagnostic::code).containsExactly("E201");
            assertThat(r.errors().get(0).message()).startsWith("invalid JSON: number value length (1001) exceeds")
                    .doesNotContain("StreamReadConstraints");
        }
    }

    @Nested
    class DeclaredActions {
        private String declarations(int n) {
            return "actions " + list(n, i -> "act" + i) + "\n";
        }

        @Test
        void language_atTheLimit_loads_onePast_isE310() {
            assertLoads(load("a.policy", declarations(Limits.MAX_DECLARED_ACTIONS)
                    + "policy p {\n allow act255 on /a\n}\n"));
            String over = declarations(Limits.MAX_DECLARED_ACTIONS + 1);
            assertRejected(load("b.policy", over), "E310", "b.policy:1:" + (over.indexOf("act256") + 1));
        }

        @Test
        void acrossFilesAndFormats_theyAddUp_andRepeatsCountOnce() {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("a.policy", "actions " + list(200, i -> "act" + i) + "\n");
            files.put("b.json", "{\"actions\": [" + list(56, i -> quoted("act" + (150 + i)) + ", " + quoted("x" + i))
                    + "], \"results\": []}");
            // 200 + 50 new (act200..act205 and x0..x55 minus the 6 repeats... counted below)
            long distinct = IntStream.range(0, 200).count() + 6 + 56;
            assertThat(distinct).isGreaterThan(Limits.MAX_DECLARED_ACTIONS);
            LoadResult r = PolicyLoader.loadTexts(files);
            assertThat(r.ok()).isFalse();
            assertThat(r.errors()).extracting(Diagnostic::code).containsExactly("E310");

            files.put("b.json", "{\"actions\": [" + list(56, i -> quoted("x" + i)) + "], \"results\": []}");
            assertLoads(PolicyLoader.loadTexts(files));
        }
    }
}
