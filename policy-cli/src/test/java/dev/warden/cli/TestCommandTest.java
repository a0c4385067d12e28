package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code warden test --junit}: the XML written for a failing suite is {@code golden/test-junit.xml}
 * (regenerate with {@code -Dgolden.update=true}) and is well-formed XML with one testcase per test.
 */
class TestCommandTest {
    private static final Path FAILING = GoldenTest.DIR.resolve("inputs/test/failing");
    private static final Path GOLDEN = GoldenTest.DIR.resolve("test-junit.xml");

    @TempDir
    Path dir;

    @Test
    void junit_failingSuite_writesTheGoldenXml() throws Exception {
        Path xml = dir.resolve("report.xml");
        CliRun r = CliRun.of("test", "--junit", xml.toString(), FAILING.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.FINDING);
        String actual = Files.readString(xml, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    }

    @Test
    void junit_passingSuite_hasNoFailureAndExits0() throws Exception {
        Path xml = dir.resolve("ok.xml");
        CliRun r = CliRun.of("test", "--junit", xml.toString(), "../examples/tests");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(6);
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void junit_fileInAMissingDirectory_createsTheDirectory() {
        Path xml = dir.resolve("no/such/dir/x.xml");
        CliRun r = CliRun.of("test", "--junit", xml.toString(), "../examples/tests");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(xml).exists();
    }

    @Test
    void junit_unwritableFile_exits2WithOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        CliRun r = CliRun.of("test", "--junit", file.resolve("x.xml").toString(), "../examples/tests");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("error: cannot write `").doesNotContain("Exception");
    }

    @Test
    void test_defaultPolicies_areTheTestFilesDirectory() throws IOException {
        Files.writeString(dir.resolve("p.policy"), "policy p { allow view on /a }\nrole r { policies p }\n");
        Files.writeString(dir.resolve("p.wtest"), "test \"t\" {\n    principal x roles r\n    expect allow view /a\n"
                + "    expect deny GET /b\n}\n");
        CliRun r = CliRun.of("test", dir.resolve("p.wtest").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).endsWith("1 passed, 0 failed\n");
    }
}
