package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/warden}, the real script, run as a subprocess during {@code ./mvnw test}, where the
 * shaded jar is not built yet: the script is copied into a scratch repository layout with a
 * stand-in {@code policy-cli/target/warden.jar} (a manifest-only jar: Main-Class and a Class-Path
 * of this module's classes and dependencies). The script itself is what is tested: finding the jar
 * through symlinks from any directory, JAVA_HOME, JAVA_OPTS, exit codes, the message when the jar
 * is missing. {@code LauncherIT} runs it against the real shaded jar in {@code verify}.
 */
class LauncherTest {
    private static final Path SCRIPT = Path.of("..", "bin", "warden");

    @TempDir
    static Path tmp;

    static Path repo;
    static Path work;
    static Path link;

    @BeforeAll
    static void layout() throws IOException {
        repo = tmp.resolve("repo");
        Path bin = Files.createDirectories(repo.resolve("bin"));
        Files.copy(SCRIPT, bin.resolve("warden"));
        executable(bin.resolve("warden"));
        standInJar(Files.createDirectories(repo.resolve("policy-cli/target")).resolve("warden.jar"));
        // a relative symlink in another directory, run from a third one
        Path links = Files.createDirectories(tmp.resolve("links"));
        link = links.resolve("warden");
        Files.createSymbolicLink(link, links.relativize(bin.resolve("warden")));
        work = Files.createDirectories(tmp.resolve("work dir"));
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void standInJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        StringBuilder cp = new StringBuilder();
        for (String entry : Subprocess.testClasspath().split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            cp.append(p.toUri()).append(' ');
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().strip());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
    }

    private static Subprocess warden(Path script, Map<String, String> env, String stdin, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(script.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return Subprocess.run(work, env, stdin, command);
    }

    private static Map<String, String> javaHome() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "");
    }

    @Test
    void symlinkFromAnotherDirectory_findsTheJar() {
        Subprocess r = warden(link, javaHome(), "", "--version");

        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("warden " + Version.version() + "\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void relativePolicyPaths_resolveAgainstTheCurrentDirectory() throws IOException {
        Files.writeString(work.resolve("read.policy"), "policy read { allow view on /workspaces/*/channels }\n");
        String request = "{\"principal\": {\"id\": \"ak_1\", \"policies\": [\"read\"]}, \"method\": \"GET\", "
                + "\"path\": \"/workspaces/w1/channels\"}\n";

        Subprocess r = warden(link, javaHome(), request, "eval", "--policies", "read.policy");

        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("{\"decision\": \"allow\", \"reason\": \"allowed\", \"matched\": "
                + "[{\"policy\": \"read\", \"effect\": \"allow\", \"source\": \"read.policy:1:15\"}]}\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void exitCode_isWardensOwn() {
        Subprocess r = warden(link, javaHome(), "", "eval");

        assertThat(r.err()).startsWith("error: missing the policies: ");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void javaOpts_reachTheJvm() {
        Subprocess r = warden(link, Map.of("JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS", "-Dwarden.probe=yes -XshowSettings:properties"), "", "--version");

        assertThat(r.err()).contains("warden.probe = yes");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void javaHome_choosesTheJava() throws IOException {
        Path fakeHome = Files.createDirectories(tmp.resolve("fake-jdk/bin")).getParent();
        Path fakeJava = fakeHome.resolve("bin/java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"fake java $*\"\nexit 7\n");
        executable(fakeJava);

        Subprocess r = warden(link, Map.of("JAVA_HOME", fakeHome.toString(), "JAVA_OPTS", "-Da=1 -Db=*"), "", "check");

        assertThat(r.out()).isEqualTo("fake java -Da=1 -Db=* -jar "
                + repo.toRealPath().resolve("policy-cli/target/warden.jar") + " check\n");
        assertThat(r.exitCode()).isEqualTo(7);
    }

    @Test
    void missingJar_saysHowToBuildIt() throws IOException {
        Path bare = Files.createDirectories(tmp.resolve("bare/bin"));
        Files.copy(SCRIPT, bare.resolve("warden"));
        executable(bare.resolve("warden"));

        Subprocess r = warden(bare.resolve("warden"), javaHome(), "", "--version");

        Path root = bare.getParent().toRealPath();
        assertThat(r.err()).isEqualTo("warden: " + root.resolve("policy-cli/target/warden.jar") + " is not built\n"
                + "build it first: (cd \"" + root + "\" && ./mvnw -B -q package -DskipTests)\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(2);
    }
}
