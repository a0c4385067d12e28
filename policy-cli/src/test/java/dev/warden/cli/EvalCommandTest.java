package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dsl.BatchFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    private static final String REQUEST = "{\"principal\": {\"id\": \"ak_1\", \"roles\": [\"channel-reader\"], "
            + "\"attributes\": {\"workspace\": \"w1\"}}, \"action\": \"view\", \"resource\": \"/workspaces/w1/channels\"}\n";

    @TempDir
    Path tmp;

    @Test
    void outputOption_writesDecisionsToTheFile() throws IOException {
        Path out = tmp.resolve("decisions.jsonl");

        CliRun r = CliRun.withInput(REQUEST + "\n", "eval", "-p", "../examples/policies", "--output", out.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).hasSize(2)
                .first().asString().startsWith("{\"decision\": \"allow\"");
    }

    @Test
    void byteOrderMark_beforeTheFirstLine_isSkipped() {
        CliRun r = CliRun.withInput("\uFEFF" + REQUEST + "\uFEFF" + REQUEST, "eval", "-p", "../examples/policies");

        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("{\"decision\": \"allow\"");
        assertThat(r.out().lines().skip(1).findFirst().orElseThrow()).contains("invalid_request");
    }

    @Test
    void overlongLine_isInvalid_andTheNextLineIsStillDecided() {
        String huge = "{\"principal\": {\"id\": \"" + "k".repeat(BatchFormat.MAX_LINE) + "\"}}\n";

        CliRun r = CliRun.withInput(huge + REQUEST, "eval", "-p", "../examples/policies");

        assertThat(r.out()).isEqualTo("{\"decision\": \"deny\", \"reason\": \"invalid_request\", "
                + "\"error\": \"line is longer than 1048576 characters\"}\n"
                + "{\"decision\": \"allow\", \"reason\": \"allowed\", \"matched\": [{\"policy\": \"channels-read\", "
                + "\"effect\": \"allow\", \"source\": \"../examples/policies/channels.policy:11:5\"}]}\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void dashInput_isStandardInput() {
        CliRun r = CliRun.withInput(REQUEST, "eval", "-p", "../examples/policies", "--input", "-");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("{\"decision\": \"allow\"").hasLineCount(1);
    }

    @Test
    void directoryAsInput_isAUsageError() {
        CliRun r = CliRun.of("eval", "-p", "../examples/policies", "--input", tmp.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("error: cannot read `" + tmp + "`: it is a directory\n");
    }

    @Test
    void outputThatFails_exits3WithoutAStackTrace() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(REQUEST.getBytes(StandardCharsets.UTF_8)), broken, err);

        int code = Main.run(io, "eval", "-p", "../examples/policies");

        assertThat(code).isEqualTo(ExitCode.INTERNAL);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: input or output failed: broken pipe\n");
    }

    @Test
    void bug_exits3WithTheStackTrace() {
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("simulated bug");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new Io(failing, out, err), "eval", "-p", "../examples/policies");

        assertThat(code).isEqualTo(ExitCode.INTERNAL);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("internal error: java.lang.IllegalStateException: simulated bug\n")
                .contains("\tat dev.warden.cli.")
                .endsWith("this is a bug in warden; please report it with the command line that caused it\n");
    }
}
