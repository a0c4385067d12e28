package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcePathTest {

    @Nested
    class WellFormed {
        @Test
        void segments_splitOnSlash() {
            ResourcePath p = ResourcePath.ofResource("/workspaces/w1/channels");
            assertThat(p.isWellFormed()).isTrue();
            assertThat(p.problem()).isEmpty();
            assertThat(p.segmentCount()).isEqualTo(3);
            assertThat(p.segment(0)).isEqualTo("workspaces");
            assertThat(p.segment(2)).isEqualTo("channels");
            assertThat(p.canonical()).isEqualTo("/workspaces/w1/channels");
        }

        @Test
        void root_hasNoSegments() {
            ResourcePath p = ResourcePath.ofResource("/");
            assertThat(p.isWellFormed()).isTrue();
            assertThat(p.segmentCount()).isZero();
        }

        @Test
        void percentEscape_decodedExactlyOnce() {
            ResourcePath p = ResourcePath.ofResource("/workspaces/w%31");
            assertThat(p.isWellFormed()).isTrue();
            assertThat(p.segment(1)).isEqualTo("w1");
            assertThat(p.canonical()).isEqualTo("/workspaces/w1");
        }

        @Test
        void escapesInSeveralSegments_keepSegmentBounds() {
            ResourcePath p = ResourcePath.ofResource("/a%41/b/%7Ec");
            assertThat(p.canonical()).isEqualTo("/aA/b/~c");
            assertThat(p.segment(0)).isEqualTo("aA");
            assertThat(p.segment(1)).isEqualTo("b");
            assertThat(p.segment(2)).isEqualTo("~c");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/workspaces/a@example.com", "/workspaces/+31612345678", "/workspaces/x.y~z:1=2",
            "/a/$x/{y}/_-", "/a/b c", "/a/%20", "/a/%3D", "/a/..."})
        void ordinaryCharacters_areWellFormed(String path) {
            assertThat(ResourcePath.ofResource(path).isWellFormed()).as(path).isTrue();
        }

        @Test
        void httpForm_dropsTheQuery() {
            assertThat(ResourcePath.ofHttpPath("/workspaces/w1/channels?limit=5").canonical())
                    .isEqualTo("/workspaces/w1/channels");
            assertThat(ResourcePath.ofHttpPath("/a?next=/../admin").isWellFormed()).isTrue();
            assertThat(ResourcePath.ofHttpPath("/a?next=%23").canonical()).isEqualTo("/a");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/workspaces/w1#top", "/workspaces/w1/channels#/../admin", "/a?x=1#frag", "/a#", "#", "/a?#"})
        void httpForm_withARawHash_isMalformed(String target) {
            ResourcePath p = ResourcePath.ofHttpPath(target);
            assertThat(p.isWellFormed()).as(target).isFalse();
            assertThat(p.problem()).contains("`#`");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/files/payroll.csv%3F.pdf", "/a/%3f", "/a/%23", "/workspaces/w1/channels%23x"})
        void aDecodedQueryOrFragmentDelimiter_isMalformed_inBothForms(String path) {
            assertThat(ResourcePath.ofResource(path).isWellFormed()).as(path).isFalse();
            assertThat(ResourcePath.ofHttpPath(path).isWellFormed()).as(path).isFalse();
            assertThat(ResourcePath.ofResource(path).problem()).contains("which a segment must not hold");
        }

        @Test
        void httpForm_stillRejectsMalformedPathBeforeQuery() {
            assertThat(ResourcePath.ofHttpPath("/a/../b?x=1").isWellFormed()).isFalse();
            assertThat(ResourcePath.ofHttpPath("?x=1").isWellFormed()).isFalse();
        }

        @Test
        void exactlyTheLimits_areWellFormed() {
            String path = "/s".repeat(ResourcePath.MAX_SEGMENTS);
            assertThat(ResourcePath.ofResource(path).isWellFormed()).isTrue();
            String longPath = "/" + "x".repeat(ResourcePath.MAX_BYTES - 1);
            assertThat(ResourcePath.ofResource(longPath).isWellFormed()).isTrue();
        }
    }

    @Nested
    class Malformed {
        @ParameterizedTest
        @ValueSource(strings = {
            "workspaces/w1", "", "w1/", // not absolute
            "/workspaces/w1/", "/workspaces//w1", "//", // empty segment
            "/workspaces/./w1", "/workspaces/w1/..", "/.", "/..", "/workspaces/%2e%2e/w1", "/%2E", "/.%2e",
            "/workspaces/w1%2Fx", "/workspaces/w1%2fx", // encoded slash
            "/workspaces/w1%5Cx", "/workspaces/w1\\x", // backslash
            "/workspaces/w1;jsessionid=x", "/workspaces/w1%3Bx", "/workspaces/..;/admin", // semicolon
            "/workspaces/w1%25", "/workspaces/w1%252F", // percent after decoding
            "/workspaces/w1%0A", "/workspaces/w1%00", "/a\tb", "/a\u0000", "/a%7F", "/a\u007f", "/a%1F", // control
            "/workspaces/w\u00e91", "/workspaces/w1%C3%A9", "/a%80", "/a%FF", "/\u2028", // non-ASCII
            "/workspaces/w1%zz", "/workspaces/w1%4", "/a%", "/a%G0", "/a%0g", "/a%%41" // bad escape
        })
        void resourceForm_isMalformed(String path) {
            ResourcePath p = ResourcePath.ofResource(path);
            assertThat(p.isWellFormed()).as(path).isFalse();
            assertThat(p.problem()).as(path).isNotEmpty();
            assertThat(p.segmentCount()).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"/workspaces/w1?x", "/workspaces/w1#x", "/a?", "/a#"})
        void resourceForm_rejectsQueryAndFragment(String path) {
            ResourcePath p = ResourcePath.ofResource(path);
            assertThat(p.isWellFormed()).isFalse();
            assertThat(p.problem()).contains("query or fragment");
        }

        @Test
        void tooManySegments_isMalformed() {
            ResourcePath p = ResourcePath.ofResource("/s".repeat(ResourcePath.MAX_SEGMENTS + 1));
            assertThat(p.isWellFormed()).isFalse();
            assertThat(p.problem()).contains("128 segments");
        }

        @Test
        void tooLong_isMalformed() {
            ResourcePath p = ResourcePath.ofResource("/" + "x".repeat(ResourcePath.MAX_BYTES));
            assertThat(p.isWellFormed()).isFalse();
            assertThat(p.problem()).contains("4096 bytes");
        }

        @Test
        void tooLong_countedAfterTheQueryIsDropped() {
            String path = "/" + "x".repeat(ResourcePath.MAX_BYTES - 1);
            assertThat(ResourcePath.ofHttpPath(path + "?" + "q".repeat(5000)).isWellFormed()).isTrue();
        }

        @Test
        void problem_namesTheFault() {
            assertThat(ResourcePath.ofResource("/a//b").problem()).isEqualTo("empty segment at offset 3");
            assertThat(ResourcePath.ofResource("/a/%2e%2e").problem()).isEqualTo("dot segment `..` at offset 3");
            assertThat(ResourcePath.ofResource("/a%2F").problem())
                    .isEqualTo("percent-escape `%2F` decodes to `/`, which a segment must not hold (offset 2)");
            assertThat(ResourcePath.ofResource("/a%4").problem()).isEqualTo("truncated percent-escape at offset 2");
            assertThat(ResourcePath.ofResource("a").problem()).isEqualTo("path must start with `/`");
            assertThat(ResourcePath.ofResource("/a\u0007").problem())
                    .isEqualTo("control character U+0007 at offset 2 is not allowed in a path segment");
        }
    }

    @Nested
    class Decoding {
        @Test
        void pathWithoutEscapes_keepsItsOwnString() {
            String plain = "/workspaces/w1/channels";
            assertThat(ResourcePath.ofResource(plain).canonical()).isSameAs(plain);
            String escaped = "/workspaces/w%31";
            assertThat(ResourcePath.ofResource(escaped).canonical()).isEqualTo("/workspaces/w1");
        }

        @Test
        void hexDigits_atTheEndsOfEachRange_decode() {
            assertThat(ResourcePath.ofResource("/x%30%39%3a%3d%3A%3D/%7e").canonical()).isEqualTo("/x09:=:=/~");
        }

        @ParameterizedTest
        @ValueSource(strings = {"%:0", "%`0", "%g0", "%@0", "%G0", "%0:", "%0`", "%0g", "%0@", "%0G", "%zz"})
        void nonHexDigits_nextToTheRanges_areNotHexadecimal(String escape) {
            assertThat(ResourcePath.ofResource("/a" + escape + "b").problem())
                    .isEqualTo("percent-escape `" + escape + "` is not hexadecimal (offset 2)");
        }

        @Test
        void escapes_decodingToForbiddenCharacters_sayWhatTheyDecodeTo() {
            assertThat(ResourcePath.ofResource("/a%0A").problem())
                    .isEqualTo("percent-escape `%0A` decodes to control character U+000A, which a segment must not hold (offset 2)");
            assertThat(ResourcePath.ofResource("/a%a0").problem())
                    .isEqualTo("percent-escape `%a0` decodes to non-ASCII character U+00A0, which a segment must not hold (offset 2)");
            assertThat(ResourcePath.ofResource("/a/b%F0").problem())
                    .isEqualTo("percent-escape `%F0` decodes to non-ASCII character U+00F0, which a segment must not hold (offset 4)");
        }

        @Test
        void truncatedEscape_beforeTheNextSegment_isTruncated() {
            assertThat(ResourcePath.ofResource("/a%4/b").problem()).isEqualTo("truncated percent-escape at offset 2");
            assertThat(ResourcePath.ofResource("/%/b").problem()).isEqualTo("truncated percent-escape at offset 1");
        }

        @Test
        void forbiddenRawCharacter_inAPathWithEscapes_isNamed() {
            assertThat(ResourcePath.ofResource("/a%41/b\\c").problem())
                    .isEqualTo("`\\` at offset 7 is not allowed in a path segment");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/.a", "/a.", "/x/..a", "/x/a..", "/%2Ea", "/a%2E", "/.../x"})
        void segmentsThatOnlyLookLikeDots_areWellFormed(String path) {
            assertThat(ResourcePath.ofResource(path).isWellFormed()).as(path).isTrue();
        }

        @Test
        void queryAtTheVeryStart_isAQueryInTheResourceForm() {
            assertThat(ResourcePath.ofResource("?a").problem())
                    .isEqualTo("a resource must not have a query or fragment (`?` at offset 0)");
            assertThat(ResourcePath.ofResource("#a").problem())
                    .isEqualTo("a resource must not have a query or fragment (`#` at offset 0)");
        }
    }

    @Nested
    class Identity {
        @Test
        void sameCanonicalForm_isTheSamePath() {
            ResourcePath escaped = ResourcePath.ofResource("/a/%62");
            ResourcePath plain = ResourcePath.ofResource("/a/b");
            assertThat(escaped).isEqualTo(plain).hasSameHashCodeAs(plain);
            assertThat(escaped).isNotEqualTo(ResourcePath.ofResource("/a/c"));
            assertThat(escaped).isNotEqualTo(ResourcePath.ofResource("/a/b/c"));
            assertThat(escaped).isNotEqualTo("/a/b");
            assertThat(ResourcePath.ofResource("/a//b")).isEqualTo(ResourcePath.ofResource("/a//b"))
                    .isNotEqualTo(ResourcePath.ofResource("/a/b"));
        }

        @Test
        void toString_showsThePath_orWhyItIsMalformed() {
            assertThat(ResourcePath.ofResource("/a/%62")).hasToString("/a/b");
            assertThat(ResourcePath.ofResource("/a//b")).hasToString("malformed path `/a//b`: empty segment at offset 3");
        }
    }
}
