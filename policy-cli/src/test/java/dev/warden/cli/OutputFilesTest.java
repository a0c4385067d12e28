package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every output file option creates missing directories, and an unwritable one is exit 2 with the file named. */
class OutputFilesTest {
    private static final String INPUTS = "src/test/resources/golden/inputs/";
    private static final String POLICIES = "../examples/policies";

    @TempDir
    Path dir;

    @Test
    void outputOptions_createMissingParentDirectories() throws IOException {
        Path eval = dir.resolve("a/b/decisions.jsonl");
        assertThat(CliRun.withInput("", "eval", "-o", eval.toString(), POLICIES).exitCode()).isEqualTo(ExitCode.OK);
        Path junit = dir.resolve("c/d/tests.xml");
        assertThat(CliRun.of("test", "--junit", junit.toString(), "../examples/tests").exitCode()).isEqualTo(ExitCode.OK);
        Path converted = dir.resolve("e/f/set.json");
        assertThat(CliRun.of("convert", "--to", "json", "-o", converted.toString(), POLICIES).exitCode())
                .isEqualTo(ExitCode.OK);
        Path baseline = dir.resolve("g/h/baseline.json");
        assertThat(CliRun.of("lint", "--write-baseline", baseline.toString(), INPUTS + "lint/W004-yes.policy").exitCode())
                .isEqualTo(ExitCode.OK);
        assertThat(eval).exists();
        assertThat(junit).exists();
        assertThat(converted).exists();
        assertThat(baseline).exists();
    }

    @Test
    void unwritableOutput_isAUsageError_namingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        String under = file.resolve("out").toString();
        String[][] runs = {
            {"eval", "-o", under, POLICIES},
            {"test", "--junit", under, "../examples/tests"},
            {"convert", "--to", "json", "-o", under, POLICIES},
            {"lint", "--write-baseline", under, INPUTS + "lint/W004-yes.policy"},
        };
        for (String[] args : runs) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(String.join(" ", args)).contains("error: cannot write `" + under + "`: `plain` is not a directory");
        }
    }

    @Test
    void unifiedDiff_keepsThreeLinesOfContext_andSplitsDistantChanges() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
        String after = before.replace("b\n", "B\n").replace("l\n", "L\n");
        assertThat(UnifiedDiff.of("f", before, after)).isEqualTo("""
                --- a/f
                +++ b/f
                @@ -1,5 +1,5 @@
                 a
                -b
                +B
                 c
                 d
                 e
                @@ -9,5 +9,5 @@
                 i
                 j
                 k
                -l
                +L
                 m
                """);
        assertThat(UnifiedDiff.of("f", before, before)).isEmpty();
    }
}
