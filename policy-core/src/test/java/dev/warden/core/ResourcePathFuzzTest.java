package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes request canonicalisation (docs/semantics.md), both forms, on any string: it never
 * throws, agrees with the literal reading of the rules in {@link ReferenceMatcher#canonicalize},
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

        int query = s.indexOf('?');
        if (s.indexOf('#') >= 0) {
            // A `#` anywhere, the query included, is malformed in both forms.
            assertThat(resource.isWellFormed()).as("a resource with a `#`: `%s`", s).isFalse();
            assertThat(http.isWellFormed()).as("an HTTP target with a `#`: `%s`", s).isFalse();
        } else if (query < 0) {
            // Without a query the two forms are the same reading.
            assertThat(http).as("both forms of `%s`", s).isEqualTo(resource);
        } else {
            assertThat(resource.isWellFormed()).as("a resource with a query: `%s`", s).isFalse();
            assertThat(http).as("the HTTP form drops the query: `%s`", s)
                    .isEqualTo(ResourcePath.ofResource(s.substring(0, query)));
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
                assertThat(c >= 0x20 && c <= 0x7E && c != '/' && c != '\\' && c != ';' && c != '%' && c != '?' && c != '#')
                        .as("character U+%04X in segment `%s` of `%s`", (int) c, seg, input).isTrue();
            }
        }

        // A fixed point: the canonical text holds no escape and no `?` or `#` (a decoded one is
        // malformed), so reading it again, in either form, gives the same path.
        ResourcePath again = ResourcePath.ofResource(canonical);
        assertThat(again).as("canonicalising `%s` again", canonical).isEqualTo(p);
        assertThat(again.canonical()).isSameAs(canonical);
        assertThat(ResourcePath.ofHttpPath(canonical)).as("`%s` again as an HTTP target", canonical).isEqualTo(p);
    }
}
