package dev.warden.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What this build of {@code warden} is: the project version, the git commit it was built from and
 * when, written into {@code warden-version.properties} by the build (a value the build could not
 * know, such as the commit outside a git checkout, reads {@code unknown}), and the JVM running it.
 * {@code --version} prints the first line of {@code warden version}.
 */
final class Version implements IVersionProvider {
    private static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        return new String[] {lines().get(0)};
    }

    /** The project version. */
    static String version() {
        return property("version");
    }

    /** The lines {@code warden version} prints: the version, the commit, the build date and the JVM. */
    static List<String> lines() {
        String jvm = System.getProperty("java.vm.name", UNKNOWN) + " " + System.getProperty("java.runtime.version", UNKNOWN)
                + " (" + System.getProperty("java.vendor", UNKNOWN) + "), " + System.getProperty("java.home", UNKNOWN);
        return List.of("warden " + version(), "commit: " + property("commit"), "built: " + property("built"), "jvm: " + jvm);
    }

    /** A property of the build, or {@code unknown} when it is missing, empty or still the build's placeholder. */
    private static String property(String key) {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("warden-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty(key, "").strip();
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }
}
