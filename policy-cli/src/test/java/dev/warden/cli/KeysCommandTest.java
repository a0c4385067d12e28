package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.AccessKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code warden keys hash}: attributes no path segment can equal, and short keys. */
class KeysCommandTest {
    static final String KEY = "wk_cli_secret_5b1d0c9e8f7a";

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a\\b", "a;b", "a%41", "a?b", "a#b", "a\tb", "w\u00e9"})
    void attributeNoRequestSegmentCanEqual_isRefused_withExit2_andNothingPrinted(String value) {
        CliRun r = CliRun.withInput(KEY + "\n", "keys", "hash", "--id", "ak_1", "--attribute", "workspace=" + value);
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: attribute `workspace` ").contains("no request path segment can equal it")
                .contains("`${principal.workspace}` counts as missing").doesNotContain(KEY).doesNotContain("\t");
    }

    @Test
    void emptyAttribute_saysSo() {
        CliRun r = CliRun.withInput(KEY + "\n", "keys", "hash", "--id", "ak_1", "--attribute", "workspace=");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("error: attribute `workspace` is empty: no request path segment can equal it");
    }

    @Test
    void shortKey_isHashed_withAWarningOnStderr() {
        CliRun r = CliRun.withInput("password\n", "keys", "hash");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(AccessKeys.hash("password") + "\n");
        assertThat(r.err()).isEqualTo("warning: the key is short: about 48 bits of randomness at most (8 characters), "
                + "under 128; make a longer random key, e.g. openssl rand -base64 32 | tr '+/' '-_' | tr -d '='\n");
    }

    @Test
    void longKey_hasNoWarning() {
        CliRun hex = CliRun.withInput("0123456789abcdef0123456789abcdef\n", "keys", "hash");
        assertThat(hex.exitCode()).isZero();
        assertThat(hex.err()).isEmpty();
        CliRun b64 = CliRun.withInput(KEY + "\n", "keys", "hash", "--id", "ak_1", "--attribute", "workspace=w1");
        assertThat(b64.exitCode()).isZero();
        assertThat(b64.err()).isEmpty();
    }

    @Test
    void check_ofAGoodFile_countsItsKeys_andExits0(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k") + "\"}]}");
        CliRun r = CliRun.of("keys", "check", keys.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo("1 key in `" + keys + "`\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void check_ofABadFile_printsEachErrorWithCodePlaceAndCaret_andExits2(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"hash\": 7}\n]}");
        CliRun r = CliRun.of("keys", "check", keys.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error[K104]: a key needs a `hash` (`warden keys hash` prints it)\n"
                + " --> " + keys + ":2:3\n"
                + "  |\n"
                + "2 |   {\"id\": \"a\"},\n"
                + "  |   ^\n"
                + "\n"
                + "error[K102]: `hash` must be a string, not a number\n"
                + " --> " + keys + ":3:23\n"
                + "  |\n"
                + "3 |   {\"id\": \"b\", \"hash\": 7}\n"
                + "  |                       ^\n"
                + "\n");
    }

    @Test
    void check_ofAFileWithAnUnmatchableAttribute_warnsWithACaret_andExits0(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "{\"keys\": [{\"id\": \"a\", \"hash\": \"" + AccessKeys.hash("k")
                + "\", \"attributes\": {\"workspace\": \"a/b\"}}]}");
        CliRun r = CliRun.of("keys", "check", keys.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).startsWith("warning[K201]: attribute `workspace` is `a/b`: no request path segment can equal it")
                .contains(" --> " + keys + ":1:").contains("1 | {\"keys\"");
    }
}
