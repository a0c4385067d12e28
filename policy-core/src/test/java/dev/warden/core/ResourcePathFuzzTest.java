package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes request canonicalisation (DESIGN.md section 3), both forms, on any string: it never
 * throws, agrees with the literal reading of section 3 in {@link ReferenceMatcher#canonicalize},
 * and a well-formed result has only what the section allows (no empty, {@code .} or {@code ..}
 * segment, no {@code /} smuggled into a segment as {@code %2F}, no {@code %}, {@code \}, {@code ;},
 * control or non-ASCII character), splits back into exactly its segments, and is a fixed point.
 *
 * <p>The default test run replays {@code src/test/resources/dev/warden/core/ResourcePathFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/reliability.md, "Fuzzing").
 */
class ResourcePathFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void canonicalise(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        ResourcePath resource = ResourcePath.ofResource(s);
        ResourcePath http = ResourcePath.ofHttpPath(s);
        check(resource, s, false);
        check(http, s, true);

        int cut = firstQueryOrFragment(s);
        if (cut < 0) {
            // Without a query or fragment the two forms are the same reading.
            assertThat(http).as("both forms of `%s`", s).isEqualTo(resource);
        } else {
            assertThat(resource.isWellFormed()).as("a resource with a query: `%s`", s).isFalse();
            assertThat(http).as("the HTTP form drops the query: `%s`", s)
                    .isEqualTo(ResourcePath.ofResource(s.substring(0, cut)));
        }
    }

    private static void check(ResourcePath p, String input, boolean httpForm) {
        List<String> expected = ReferenceMatcher.canonicalize(input, httpForm);
        String form = httpForm ? "HTTP path" : "resource";
        assertThat(p.isWellFormed()).as("%s `%s` well formed (reference: %s)", form, input, expected)
                .isEqualTo(expected != null);
        if (!p.isWellFormed()) {
            assertThat(p.problem()).as("a malformed path says why").isNotEmpty();
            assertThat(p.segmentCount()).isZero();
            return;
        }
        assertThat(p.problem()).isEmpty();
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < p.segmentCount(); i++) {
            segments.add(p.segment(i));
        }
        assertThat(segments).as("%s `%s` segments", form, input).isEqualTo(expected);

        String canonical = p.canonical();
        assertThat(canonical).startsWith("/");
        assertThat(canonical.length()).isLessThanOrEqualTo(ResourcePath.MAX_BYTES);
        assertThat(p.segmentCount()).isLessThanOrEqualTo(ResourcePath.MAX_SEGMENTS);
        if (segments.isEmpty()) {
            assertThat(canonical).isEqualTo("/");
        } else {
            // The canonical text splits back into exactly the segments: nothing decoded to a `/`,
            // so the decision cache, keyed by this text, cannot confuse two paths.
            assertThat(canonical).isEqualTo("/" + String.join("/", segments));
            assertThat(canonical).doesNotContain("//").doesNotEndWith("/");
        }
        for (String seg : segments) {
            assertThat(seg).as("segment of `%s`", input).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
            for (int i = 0; i < seg.length(); i++) {
                char c = seg.charAt(i);
                assertThat(c >= 0x20 && c <= 0x7E && c != '/' && c != '\\' && c != ';' && c != '%')
                        .as("character U+%04X in segment `%s` of `%s`", (int) c, seg, input).isTrue();
            }
        }

        // A fixed point: the canonical text holds no escape, so reading it again gives the same
        // path. A decoded `?` or `#` (from %3F, %23) is an ordinary segment character; read
        // again as a resource it is a query, which is refused, never read as another resource.
        ResourcePath again = ResourcePath.ofResource(canonical);
        if (firstQueryOrFragment(canonical) < 0) {
            assertThat(again).as("canonicalising `%s` again", canonical).isEqualTo(p);
            assertThat(again.canonical()).isSameAs(canonical);
        } else {
            assertThat(again.isWellFormed()).as("`%s` read again as a resource", canonical).isFalse();
        }
    }

    private static int firstQueryOrFragment(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '?' || s.charAt(i) == '#') {
                return i;
            }
        }
        return -1;
    }
}
