package dev.warden.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SectionsTest {
    @Test
    void putAppendsThenReplacesInPlace() {
        String doc = Sections.put("# Benchmarks\n\nbody\n", "ci-timing", "first");
        assertThat(doc).isEqualTo("# Benchmarks\n\nbody\n\n<!-- ci-timing:begin -->\nfirst\n<!-- ci-timing:end -->\n");
        doc = Sections.put(doc + "tail\n", "ci-timing", "second\n");
        assertThat(doc).isEqualTo("# Benchmarks\n\nbody\n\n<!-- ci-timing:begin -->\nsecond\n<!-- ci-timing:end -->\ntail\n");
    }

    @Test
    void aRenderedReportKeepsTheBlocksOfOtherCommands() {
        String old = Sections.put(Sections.put("# old report\n", "ci-timing", "lint 3 s"), "gateway-load", "wrk 10k rps");
        String kept = Sections.keep(old, "# new report\n");
        assertThat(kept).startsWith("# new report\n")
                .contains("<!-- ci-timing:begin -->\nlint 3 s\n<!-- ci-timing:end -->\n")
                .contains("<!-- gateway-load:begin -->\nwrk 10k rps\n<!-- gateway-load:end -->\n")
                .doesNotContain("# old report");
    }
}
