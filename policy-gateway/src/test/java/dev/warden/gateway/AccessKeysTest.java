package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeysTest {
    @Test
    void hash_isSha256HexOfTheUtf8Bytes() {
        // sha256("password"), a published test vector
        assertThat(AccessKeys.hash("password"))
                .isEqualTo("sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
    }

    @Test
    void resolve_findsTheKeyByItsHash_withItsPrincipal() throws Exception {
        AccessKeys keys = Fixtures.keys();
        var admin = keys.resolve(Fixtures.ADMIN_KEY).orElseThrow();
        assertThat(admin.id()).isEqualTo("ak_admin");
        assertThat(admin.principal().policies()).containsExactly("everything", "no-connectors");
        assertThat(admin.principal().attributes()).containsEntry("team", "ops");
        assertThat(keys.resolve(Fixtures.SUPPORT_KEY).orElseThrow().principal().roles()).containsExactly("support");
        // the same principal object each time: the authorizer remembers its role resolution in it
        assertThat(keys.resolve(Fixtures.ADMIN_KEY).orElseThrow().principal()).isSameAs(admin.principal());
    }

    @Test
    void resolve_unknownEmptyOrHugeKey_isEmpty() throws Exception {
        AccessKeys keys = Fixtures.keys();
        assertThat(keys.resolve(Fixtures.UNKNOWN_KEY)).isEmpty();
        assertThat(keys.resolve("")).isEmpty();
        assertThat(keys.resolve(null)).isEmpty();
        assertThat(keys.resolve(Fixtures.ADMIN_KEY + "x")).isEmpty();
        assertThat(keys.resolve("x".repeat(AccessKeys.MAX_KEY_LENGTH + 1))).isEmpty();
        // the stored hash is not a key
        assertThat(keys.resolve(AccessKeys.hash(Fixtures.ADMIN_KEY))).isEmpty();
    }

    @Test
    void comparison_isConstantTime_inTheSource() throws Exception {
        // the design pins MessageDigest.isEqual: a plain equals on the digests would be a timing oracle
        String source = Files.readString(Path.of("src/main/java/dev/warden/gateway/AccessKeys.java"));
        assertThat(source).contains("MessageDigest.isEqual(e.hash, digest)");
        assertThat(source).doesNotContain("Arrays.equals(");
    }

    @Test
    void load_readsAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("keys.json");
        Files.writeString(f, "\uFEFF" + Fixtures.keysJson());
        AccessKeys keys = AccessKeys.load(f);
        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.ids()).containsExactly("ak_admin", "ak_ghost", "ak_support");
        assertThat(keys.toString()).doesNotContain("sha256");
    }

    @Test
    void load_missingFile_namesIt(@TempDir Path dir) {
        Path f = dir.resolve("nope.json");
        assertThatThrownBy(() -> AccessKeys.load(f))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("cannot find keys file `" + f + "`");
        assertThatThrownBy(() -> AccessKeys.load(dir)).hasMessageContaining("it is a directory");
    }

    /** A keys file's start with four keys in error on lines 2 to 5: a bad hash, an unknown field, no id, roles not an array. */
    private static final String FOUR_BAD_KEYS = "{\"keys\": [\n"
            + "  {\"id\": \"a\", \"hash\": \"sha256:abc\"},\n"
            + "  {\"id\": \"b\", \"hash\": \"" + AccessKeys.hash("k") + "\", \"rolse\": [\"x\"]},\n"
            + "  {\"hash\": \"" + AccessKeys.hash("k2") + "\"},\n"
            + "  {\"id\": \"c\", \"hash\": \"" + AccessKeys.hash("k3") + "\", \"roles\": \"admin\"}";

    @Test
    void errors_nameFileLineAndColumn_andAreAllReported() {
        String text = FOUR_BAD_KEYS + "\n]}";
        assertThatThrownBy(() -> AccessKeys.parse("keys.json", text))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(String.join("\n",
                        "keys.json:2:23: `hash` must be `sha256:` followed by 64 hex digits (`warden keys hash` prints it)",
                        "keys.json:3:98: unknown field `rolse`: a key has `id`, `hash`, `roles`, `policies` and `attributes`",
                        "keys.json:4:3: a key needs an `id`",
                        "keys.json:5:107: `roles` must be an array of strings, not a string"));
    }

    @Test
    void errors_areDiagnostics_withCodesAndPlaces_andTheTextTheyPointInto() {
        String text = FOUR_BAD_KEYS + ",\n"
                + "  {\"id\": \"d\", \"hash\": \"" + AccessKeys.hash("k4") + "\"},\n"
                + "  {\"id\": \"d\", \"hash\": \"" + AccessKeys.hash("k5") + "\"},\n"
                + "  {\"id\": \"e\", \"hash\": \"" + AccessKeys.hash("k4") + "\"}\n"
                + "]}";
        ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> AccessKeys.parse("keys.json", text));
        assertThat(e.diagnostics()).extracting(d -> d.code() + " " + d.location().orElseThrow())
                .containsExactly("K105 keys.json:2:23", "K103 keys.json:3:98", "K104 keys.json:4:3",
                        "K102 keys.json:5:107", "K106 keys.json:7:3", "K107 keys.json:8:23");
        assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.severity())
                .isEqualTo(dev.warden.core.diagnostic.Severity.ERROR));
        assertThat(e.texts()).containsEntry("keys.json", text);
    }

    @Test
    void fileProblems_areDiagnosticsAboutTheWholeFile(@TempDir Path dir) throws Exception {
        ConfigurationException missing = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> AccessKeys.load(dir.resolve("none.json")));
        assertThat(missing.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("K001");
            assertThat(d.excerpt()).isFalse();
        });
        ConfigurationException directory = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> AccessKeys.load(dir));
        assertThat(directory.diagnostics()).extracting(d -> d.code()).containsExactly("K002");
        Path latin1 = dir.resolve("k.json");
        Files.write(latin1, new byte[] {'{', (byte) 0xE9, '}'});
        ConfigurationException notUtf8 = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> AccessKeys.load(latin1));
        assertThat(notUtf8.diagnostics()).extracting(d -> d.code()).containsExactly("K004");
    }

    @Test
    void everyKeysCode_isDocumentedInTheCodesTableAndTheCli() throws Exception {
        String language = Files.readString(Path.of("../docs/language.md"));
        String cli = Files.readString(Path.of("../docs/cli.md"));
        int codes = 0;
        for (java.lang.reflect.Field f : AccessKeys.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                f.setAccessible(true);
                String value = (String) f.get(null);
                if (value.matches("K[0-9]{3}")) {
                    codes++;
                    assertThat(language).as(f.getName()).contains("| `" + value + "` |");
                    assertThat(cli).as(f.getName()).contains("| `" + value + "` |");
                }
            }
        }
        assertThat(codes).isEqualTo(12);
    }

    @Test
    void duplicateIdOrHash_isAnError() {
        String dupId = "{\"keys\": [{\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k1") + "\"},\n"
                + "{\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k2") + "\"}]}";
        assertThatThrownBy(() -> AccessKeys.parse("k.json", dupId))
                .hasMessage("k.json:2:1: key id `a` is also defined at k.json:1:11");
        String dupHash = "{\"keys\": [{\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k1") + "\"},\n"
                + "{\"id\": \"b\", \"hash\": \"" + AccessKeys.hash("k1") + "\"}]}";
        assertThatThrownBy(() -> AccessKeys.parse("k.json", dupHash))
                .hasMessageContaining("k.json:2:21: key `b` has the same hash as key `a`");
    }

    @Test
    void badJson_andBadShapes_areErrorsWithLocations() {
        assertThatThrownBy(() -> AccessKeys.parse("k.json", "")).hasMessage("k.json:1:1: the keys file is empty: expected {\"keys\": [...]}");
        assertThatThrownBy(() -> AccessKeys.parse("k.json", "[]")).hasMessage("k.json:1:1: expected a JSON object {\"keys\": [...]}, not an array");
        assertThatThrownBy(() -> AccessKeys.parse("k.json", "{}")).hasMessage("k.json:1:2: missing `keys`");
        assertThatThrownBy(() -> AccessKeys.parse("k.json", "{\"keys\": {}}"))
                .hasMessage("k.json:1:10: `keys` must be an array of key objects, not an object");
        assertThatThrownBy(() -> AccessKeys.parse("k.json", "{\"keys\": [], \"keys\": []}"))
                .hasMessageStartingWith("k.json:1:").hasMessageContaining("invalid JSON: Duplicate field");
        assertThatThrownBy(() -> AccessKeys.parse("k.json", "{\"keys\": [\n  {\"id\": \"a\", \"hash\": sha256:x}]}"))
                .hasMessageStartingWith("k.json:2:").hasMessageContaining("invalid JSON");
    }

    @Test
    void aKeyPastedWhereItsHashBelongs_isNotRepeatedInTheMessage() {
        String secret = "wk_PASTED_secret_0123456789";
        assertThatThrownBy(() -> AccessKeys.parse("k.json", "{\"keys\": [{\"id\": \"a\", \"hash\": \"" + secret + "\"}]}"))
                .message().doesNotContain(secret).contains("`hash` must be `sha256:`");
        assertThatThrownBy(() -> AccessKeys.parse("k.json", "{\"keys\": [{\"id\": \"a\", \"hash\": " + secret + "}]}"))
                .message().doesNotContain(secret).contains("invalid JSON");
    }

    @Test
    void unknownReferences_nameEachKeyAndName_rolesThenPolicies_byKeyId() throws Exception {
        AccessKeys keys = AccessKeys.parse("k.json", "{\"keys\": [\n"
                + "{\"id\": \"b\", \"hash\": \"" + AccessKeys.hash("k1") + "\", \"roles\": [\"support\", \"gone\"], \"policies\": [\"x\"]},\n"
                + "{\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k2") + "\", \"policies\": [\"channels-read\", \"y\"]}]}");
        var set = dev.warden.dsl.PolicyLoader.loadTexts(java.util.Map.of("main.policy", Fixtures.POLICIES)).orElseThrow();
        assertThat(keys.unknownReferences(set)).containsExactly(
                "key `a` names policy `y`, which is not loaded",
                "key `b` names role `gone`, which is not loaded",
                "key `b` names policy `x`, which is not loaded");
        assertThat(Fixtures.keys().unknownReferences(set)).containsExactly("key `ak_ghost` names policy `missing`, which is not loaded");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", ".", "..", "a/b", "/", "a\\b", "a;b", "a%2Fb", "%", "a?b", "a#b",
        "a\tb", "a\u007fb", "w\u00e9", "\u202ew1"})
    void attributeThatNoSegmentCanEqual_isAWarning_withItsPlace_notAnError(String value) throws Exception {
        String json = "{\"keys\": [\n  {\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k1")
                + "\", \"attributes\": {\"workspace\": \"" + value.replace("\\", "\\\\").replace("\t", "\\t") + "\"}}]}";
        AccessKeys keys = AccessKeys.parse("k.json", json);
        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.warnings()).hasSize(1);
        var warning = keys.warnings().get(0);
        assertThat(warning.severity()).isEqualTo(dev.warden.core.diagnostic.Severity.WARNING);
        assertThat(warning.code()).isEqualTo("K201");
        assertThat(warning.location().orElseThrow().toString()).startsWith("k.json:2:");
        assertThat(warning.message()).contains("attribute `workspace` ")
                .contains("no request path segment can equal it").contains("`${principal.workspace}` counts as missing");
        assertThat(warning.message()).doesNotContain("\t").doesNotContain("\u007f").doesNotContain("\u202e");
        assertThat(AccessKeys.canMatchSegment(value)).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"w1", "a@example.com", "+31612345678", "a.b", "...", "x=y", "${x}", "a b"})
    void attributeThatASegmentCanEqual_isNoWarning(String value) throws Exception {
        AccessKeys keys = AccessKeys.parse("k.json", "{\"keys\": [{\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k1")
                + "\", \"attributes\": {\"workspace\": \"" + value + "\"}}]}");
        assertThat(keys.warnings()).isEmpty();
        assertThat(AccessKeys.canMatchSegment(value)).isTrue();
    }

    @Test
    void load_logsTheWarnings(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("keys.json");
        Files.writeString(f, "{\"keys\": [{\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k1")
                + "\", \"attributes\": {\"workspace\": \"\"}}]}");
        try (LogCapture logs = new LogCapture()) {
            AccessKeys.load(f);
            assertThat(logs.text()).contains("WARNING " + f + ":1:").contains("attribute `workspace` is empty");
        }
    }

    @Test
    void estimatedBits_isLengthTimesTheSmallestAlphabet() {
        assertThat(AccessKeys.estimatedBits("0123456789abcdef0123456789ABCDEF")).isEqualTo(128); // hex
        assertThat(AccessKeys.estimatedBits("0123456789abcdef0123456789abcde")).isEqualTo(124);
        assertThat(AccessKeys.estimatedBits("wk_example_do_not_use_7Qm2")).isEqualTo(156); // base64url
        assertThat(AccessKeys.estimatedBits("ab+/cd==")).isEqualTo(48); // base64
        assertThat(AccessKeys.estimatedBits("password")).isEqualTo(48);
        assertThat(AccessKeys.estimatedBits("a+b-c")).isEqualTo(32); // both kinds of base64: printable ASCII, 6.57 bits
        assertThat(AccessKeys.estimatedBits("!!!!!!!!!!!!!!!!!!!!")).isEqualTo(131);
        assertThat(AccessKeys.estimatedBits("")).isZero();
    }
}
