package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden fmt --write} on copies of the golden inputs: what is rewritten, what is not, and the exit codes. */
class FmtCommandTest {
    private static final Path INPUTS = GoldenTest.DIR.resolve("inputs");

    @TempDir
    Path dir;

    private Path copy(String from, String name) throws IOException {
        Path to = dir.resolve(name);
        Files.copy(INPUTS.resolve(from), to);
        return to;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void write_rewritesOnlyUnformattedFiles_andCheckThenPasses() throws IOException {
        Path messy = copy("fmt/messy.policy", "messy.policy");
        Path tidy = copy("fmt/tidy.policy", "tidy.policy");
        FileTime tidyTime = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(tidy, tidyTime);
        String expected = CliRun.of("fmt", messy.toString()).out();

        CliRun before = CliRun.of("fmt", "--check", dir.toString());
        assertThat(before.exitCode()).isEqualTo(ExitCode.FINDING);
        assertThat(before.out()).isEqualTo(messy + "\n");

        CliRun write = CliRun.of("fmt", "--write", dir.toString());
        assertThat(write.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(write.out()).isEqualTo(messy + "\n");
        assertThat(write.err()).isEmpty();
        assertThat(read(messy)).isEqualTo(expected);
        assertThat(Files.getLastModifiedTime(tidy)).as("a formatted file is not touched").isEqualTo(tidyTime);

        CliRun after = CliRun.of("fmt", "--check", dir.toString());
        assertThat(after.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(after.out()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .as("no temporary file left behind").containsExactly("messy.policy", "tidy.policy");
        }
    }

    @Test
    void write_keepsTheFilesPermissions() throws IOException {
        Path messy = copy("fmt/messy.policy", "messy.policy");
        if (Files.getFileStore(messy).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(messy, PosixFilePermissions.fromString("rw-r-----"));
            assertThat(CliRun.of("fmt", "--write", messy.toString()).exitCode()).isEqualTo(ExitCode.OK);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(messy))).isEqualTo("rw-r-----");
        }
    }

    @Test
    void write_withAnErrorInAnyFile_writesNothingAndExits2() throws IOException {
        Path messy = copy("fmt/messy.policy", "a-messy.policy");
        copy("fmt-bad/bad.policy", "b-bad.policy");
        String original = read(messy);

        CliRun r = CliRun.of("fmt", "--write", dir.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error[E001]: expected `,` or `on`").contains("b-bad.policy:2:16");
        assertThat(read(messy)).isEqualTo(original);
    }

    @Test
    void fmt_isIdempotentThroughTheCommand() throws IOException {
        Path messy = copy("fmt/messy.policy", "messy.policy");
        String once = CliRun.of("fmt", messy.toString()).out();
        Path formatted = dir.resolve("formatted.policy");
        Files.writeString(formatted, once, StandardCharsets.UTF_8);
        assertThat(CliRun.of("fmt", formatted.toString()).out()).isEqualTo(once);
        assertThat(CliRun.of("fmt", "--check", formatted.toString()).exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void fmt_severalFiles_printsEachInTurn() throws IOException {
        Path a = copy("fmt/tidy.policy", "a.policy");
        Path b = copy("fmt/tidy.policy", "b.policy");
        CliRun r = CliRun.of("fmt", a.toString(), b.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo(read(a) + read(b));
        assertThat(List.of(r.err())).containsExactly("");
    }
}
