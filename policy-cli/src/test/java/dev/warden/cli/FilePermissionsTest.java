package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePermissionsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        Assumptions.assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX permissions");
    }

    static void mode(Path p, String mode) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    @Test
    void worldWritable_findsFilesAndDirectoriesOthersMayWrite_underAGivenDirectory() throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Path sub = Files.createDirectories(policies.resolve("team"));
        Path a = Files.writeString(policies.resolve("a.policy"), "");
        Path b = Files.writeString(sub.resolve("b.policy"), "");
        Path keys = Files.writeString(dir.resolve("keys.json"), "");
        mode(policies, "rwxr-xr-x");
        mode(sub, "rwxrwxrwx");
        mode(a, "rw-r--r--");
        mode(b, "rw-rw-rw-");
        mode(keys, "rw-------");
        assertThat(FilePermissions.worldWritable(List.of(keys, policies))).containsExactlyInAnyOrder(sub, b);
        mode(keys, "rw-r---w-");
        mode(policies, "rwxr-xrwx");
        assertThat(FilePermissions.worldWritable(List.of(keys, policies))).startsWith(keys, policies).contains(sub, b)
                .hasSize(4);
    }

    @Test
    void worldWritable_groupWritableOrMissing_isNotReported() throws Exception {
        Path p = Files.writeString(dir.resolve("p.policy"), "");
        mode(p, "rw-rw-r--");
        assertThat(FilePermissions.worldWritable(List.of(p, dir.resolve("missing.policy")))).isEmpty();
    }
}
