package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an application embeds stays small: policy-gateway's main classes import no server
 * (Jetty), no metrics (Micrometer), no policy parser (ANTLR, policy-dsl) and nothing of
 * policy-server. Its tests may use Jetty and the DSL, so the check reads the sources; the pom's
 * enforcer rule checks the compile and runtime dependencies the same way.
 */
class GatewayDependenciesTest {
    static final List<String> BANNED = List.of("import org.eclipse.jetty", "import io.micrometer", "import org.antlr",
            "import dev.warden.dsl", "import dev.warden.server");

    @Test
    void mainSources_importNoServerMetricsOrParser() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(main)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path f : sources) {
            for (String line : Files.readAllLines(f)) {
                String l = line.strip();
                for (String banned : BANNED) {
                    if (l.startsWith(banned) || l.startsWith(banned.replace("import ", "import static "))) {
                        found.add(main.relativize(f) + ": " + l);
                    }
                }
            }
        }
        assertThat(sources).extracting(f -> f.getFileName().toString()).contains("WardenFilter.java", "Gate.java");
        assertThat(found).isEmpty();
    }
}
