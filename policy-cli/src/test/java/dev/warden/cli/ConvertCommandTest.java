package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dsl.LoadResult;
import dev.warden.dsl.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static final Path CONDITIONS = Path.of("..", "conformance", "10-conditions");

    @Test
    void theLanguageToBirdJsonAndBack_keepsTheSet(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("export/bird.json");
        CliRun toJson = CliRun.of("convert", "--to", "json", "-o", json.toString(), "../examples/policies");
        assertThat(toJson.exitCode()).as(toJson.err()).isZero();
        assertThat(toJson.out()).isEmpty();
        LoadResult original = PolicyLoader.load(List.of(Path.of("../examples/policies")));
        LoadResult fromJson = PolicyLoader.load(List.of(json));
        assertThat(fromJson.diagnostics()).isEmpty();
        assertThat(fromJson.orElseThrow()).isEqualTo(original.orElseThrow());

        CliRun back = CliRun.of("convert", "--to", "policy", json.toString());
        assertThat(back.exitCode()).isZero();
        assertThat(PolicyLoader.loadTexts(Map.of("back.policy", back.out())).orElseThrow()).isEqualTo(original.orElseThrow());
    }

    @Test
    void check_passesOnTheConversion_andFailsOnAnyOtherText(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bird.json");
        assertThat(CliRun.of("convert", "--to", "json", "-o", json.toString(), CONDITIONS.toString()).exitCode()).isZero();
        assertThat(CliRun.of("convert", "--to", "json", "-o", json.toString(), "--check", CONDITIONS.toString()).exitCode())
                .isZero();
        Files.writeString(json, Files.readString(json).replace("10.0.0.0/8", "10.0.0.0/9"));
        CliRun stale = CliRun.of("convert", "--to", "json", "-o", json.toString(), "--check", CONDITIONS.toString());
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("not the conversion of the given policies");
        CliRun missing = CliRun.of("convert", "--to", "json", "-o", dir.resolve("none.json").toString(), "--check",
                CONDITIONS.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("none.json"))).isFalse();
    }

    @Test
    void aSetThatDoesNotLoad_writesNothing_andExits2(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.policy"), "policy p { allow view on /a when request.ip in 10.0.0.0/8 }\n");
        Path out = dir.resolve("out.json");
        CliRun r = CliRun.of("convert", "--to", "json", "-o", out.toString(), bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error[E120]");
        assertThat(Files.exists(out)).isFalse();
        assertThat(CliRun.of("convert", "--to", "yaml", bad.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("convert", "--to", "json", "--check", bad.toString()).exitCode()).isEqualTo(2);
    }
}
