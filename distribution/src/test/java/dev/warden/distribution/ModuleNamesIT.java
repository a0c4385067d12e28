package dev.warden.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every published library jar has a stable module name: a {@code module-info.class} of that name,
 * or an {@code Automatic-Module-Name} in its manifest, so that a modular application can require
 * it by a name that does not change with the jar's file name.
 */
class ModuleNamesIT {
    /** The library modules, by directory: artifact id and module name. */
    private static final Map<String, String[]> LIBRARIES = Map.of(
            "policy-core", new String[] {"warden-core", "dev.warden.core"},
            "policy-dsl", new String[] {"warden-dsl", "dev.warden.dsl"},
            "policy-analysis", new String[] {"warden-analysis", "dev.warden.analysis"},
            "policy-gateway", new String[] {"warden-gateway", "dev.warden.gateway"},
            "policy-server", new String[] {"warden-server", "dev.warden.server"},
            "policy-cli", new String[] {"warden-cli", "dev.warden.cli"},
            "policy-spring-security", new String[] {"warden-spring-security", "dev.warden.spring"},
            "policy-spring-boot-starter", new String[] {"warden-spring-boot-starter", "dev.warden.spring.boot"});

    @Test
    void everyLibraryJar_namesItsModule() throws Exception {
        for (Map.Entry<String, String[]> m : LIBRARIES.entrySet()) {
            Path jar = Dist.ROOT.resolve(m.getKey()).resolve("target")
                    .resolve(m.getValue()[0] + "-" + Dist.VERSION + ".jar");
            assertThat(jar).as(m.getKey()).isRegularFile();
            try (JarFile j = new JarFile(jar.toFile())) {
                String automatic = j.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                if (j.getEntry("module-info.class") != null) {
                    assertThat(automatic).as(jar + ": a module-info and an automatic name").isNull();
                    String info = new String(j.getInputStream(j.getEntry("module-info.class")).readAllBytes(),
                            java.nio.charset.StandardCharsets.ISO_8859_1);
                    assertThat(info).as(jar + ": module-info.class").contains(m.getValue()[1]);
                } else {
                    assertThat(automatic).as(jar + ": Automatic-Module-Name").isEqualTo(m.getValue()[1]);
                }
            }
        }
    }
}
