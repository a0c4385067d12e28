package dev.warden.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = ReportTest.class.getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void chart_isValidSvg_withOneLinePerEngine() throws Exception {
        Report.write(resource("sample-results.json"), resource("sample-run.json"), dir.resolve("docs"));
        Path svg = dir.resolve("docs").resolve(Report.CHART);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        // FLOOR, FLOOR_ZIPF, WARDEN, WARDEN_CACHED, SPRING_PATH_PATTERN, CEDAR_CACHED
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(6);
        assertThat(Files.readString(svg)).contains("Warden, uncached").contains("1,000");
    }

    @Test
    void markdown_hasEveryTable_readFromTheJson() throws Exception {
        Report.write(resource("sample-results.json"), resource("sample-run.json"), dir.resolve("docs"));
        String md = Files.readString(dir.resolve("docs").resolve("benchmarks.md"));
        assertThat(md).contains("benchmarks/run.sh --quick")
                .contains("### 1,000 policies")
                .contains("| **Warden, uncached** | 165 |")
                .contains("## Two threads")
                .contains("## Compiling and reloading")
                .contains("## Heap per pattern")
                .contains("Cedar 4.10.0, PolicySet not cached, not at 1,000 policies")
                .contains("![mean ns per decision");
        assertThat(md).contains("| uncached decision within 3x the floor, at every scale | at most 2.50x");
    }
}
