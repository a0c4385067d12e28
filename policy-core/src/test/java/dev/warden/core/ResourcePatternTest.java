package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcePatternTest {

    private static InvalidPatternException invalid(String pattern) {
        try {
            ResourcePattern.parse(pattern);
        } catch (InvalidPatternException e) {
            return e;
        }
        throw new AssertionError("expected `" + pattern + "` to be rejected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/workspaces/*/channels", "/workspaces/*/channels/**", "/**", "/a/sms-*", "/a/*-eu",
        "/a/a*b", "/a/*a*b*", "/a/${principal.id}", "/a/${principal.workspace}/b", "/a/+316", "/a/x@y.z",
        "/a/$b", "/a/{b}", "/a/...", "/a/~:=_-"})
    void validPatterns_parse(String text) {
        ResourcePattern p = ResourcePattern.parse(text);
        assertThat(p.text()).isEqualTo(text);
        assertThat(p).isEqualTo(ResourcePattern.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "workspaces/*                | 0  | a pattern must be absolute (start with `/`)",
        "''                          | 0  | a pattern must be absolute (start with `/`)",
        "/                           | 0  | the pattern `/` has no segments and would match nothing",
        "/workspaces//channels       | 12 | empty segment (`//`)",
        "/workspaces/                | 12 | a pattern must not end with `/`",
        "/workspaces/./x             | 12 | dot segment `.` is not allowed",
        "/workspaces/../x            | 12 | dot segment `..` is not allowed",
        "/workspaces/**/channels     | 12 | `**` must be the last segment",
        "/**/x                       | 1  | `**` must be the last segment",
        "/workspaces/a**             | 13 | `**` must be a whole segment, not part of `a**`",
        "/workspaces/**b             | 12 | `**` must be a whole segment, not part of `**b`",
        "/workspaces/${resource.id}  | 14 | unknown variable namespace `resource`; variables are `${principal.id}` and `${principal.ATTRIBUTE}`",
        "/workspaces/x${principal.id} | 13 | a variable must be a whole segment, as in `${principal.id}`",
        "/workspaces/${principal.id}x | 12 | a variable must be a whole segment, as in `${principal.id}`",
        "/w/${principal.}            | 3  | `${principal.}` does not name an attribute: write `${principal.NAME}` with NAME of letters, digits, `_` or `-`",
        "/w/${principal}             | 3  | `${principal}` does not name an attribute: write `${principal.NAME}` with NAME of letters, digits, `_` or `-`",
        "/w/a\\b                     | 4  | `\\` is not allowed in a pattern",
        "/w/a;b                      | 4  | `;` is not allowed in a pattern",
        "/w/a%2F                     | 4  | `%` is not allowed in a pattern",
        "/w/a?b                      | 4  | `?` is not allowed in a pattern",
        "/w/a#b                      | 4  | `#` is not allowed in a pattern",
    })
    void invalidPatterns_areRejectedWithOffsetAndReason(String text, int offset, String reason) {
        InvalidPatternException e = invalid(text);
        assertThat(e.pattern()).isEqualTo(text);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.getMessage()).contains(text).contains(reason);
    }

    @Test
    void controlAndNonAscii_areRejected() {
        assertThat(invalid("/w/a\tb").reason()).isEqualTo("control character U+0009 is not allowed in a pattern");
        assertThat(invalid("/w/\u00e9").reason()).isEqualTo("non-ASCII character U+00E9 is not allowed in a pattern");
        assertThat(invalid("/w/\u007f").reason()).isEqualTo("control character U+007F is not allowed in a pattern");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "workspaces/*                | NOT_ABSOLUTE",
        "/                           | NO_SEGMENTS",
        "/workspaces//channels       | EMPTY_SEGMENT",
        "/workspaces/                | TRAILING_SLASH",
        "/workspaces/../x            | DOT_SEGMENT",
        "/w/a;b                      | BAD_CHARACTER",
        "/workspaces/**/channels     | DOUBLE_STAR_NOT_LAST",
        "/workspaces/a**             | DOUBLE_STAR_IN_SEGMENT",
        "/workspaces/x${principal.id} | VARIABLE_NOT_WHOLE_SEGMENT",
        "/workspaces/${resource.id}  | UNKNOWN_VARIABLE_NAMESPACE",
        "/w/${principal.}            | NOT_AN_ATTRIBUTE",
    })
    void invalidPatterns_sayWhatIsWrongAsAKind(String text, InvalidPatternException.Kind kind) {
        assertThat(invalid(text).kind()).isEqualTo(kind);
    }

    @Test
    void everyKind_isProduced() {
        java.util.Set<InvalidPatternException.Kind> seen = java.util.EnumSet.noneOf(InvalidPatternException.Kind.class);
        for (String text : java.util.List.of("/" + "x".repeat(ResourcePattern.MAX_LENGTH), "w", "/", "/s".repeat(129),
                "/a/", "/a//b", "/a/.", "/a/%", "/**/a", "/a**", "/a${principal.id}", "/${x.y}", "/${principal}")) {
            seen.add(invalid(text).kind());
        }
        assertThat(seen).containsExactlyInAnyOrder(InvalidPatternException.Kind.values());
    }

    @Test
    void tooManySegments_isReportedBeforeABadSegment_atTheFirstSegmentTooMany() {
        String text = "/a//b" + "/s".repeat(130);
        InvalidPatternException e = invalid(text);
        assertThat(e.kind()).isEqualTo(InvalidPatternException.Kind.TOO_MANY_SEGMENTS);
        assertThat(e.reason()).isEqualTo("a pattern has at most 128 segments");
        int slash = 0;
        for (int i = 0, n = 0; i < text.length(); i++) {
            if (text.charAt(i) == '/' && ++n == 129) {
                slash = i;
                break;
            }
        }
        assertThat(e.offset()).isEqualTo(slash + 1);
        assertThat(invalid("/s".repeat(128) + "/").kind()).isEqualTo(InvalidPatternException.Kind.TOO_MANY_SEGMENTS);
        assertThat(invalid("/s".repeat(127) + "/").kind()).isEqualTo(InvalidPatternException.Kind.TRAILING_SLASH);
    }

    @Test
    void limits_areEnforced() {
        assertThat(ResourcePattern.parse("/s".repeat(128)).segmentCount()).isEqualTo(128);
        assertThat(invalid("/s".repeat(129)).reason()).isEqualTo("a pattern has at most 128 segments");
        assertThat(invalid("/" + "x".repeat(4096)).reason()).isEqualTo("pattern is longer than 4096 characters");
    }

    @Test
    void match_explainsWhereItStopped() {
        Principal p = Principal.builder("ak_1").attribute("workspace", "w1").build();
        ResourcePattern pattern = ResourcePattern.parse("/workspaces/${principal.workspace}/channels/*");
        assertThat(pattern.match(ResourcePath.ofResource("/workspaces/w1/channels/c1"), p, Effect.ALLOW).matches())
                .isTrue();
        ResourcePattern.Match m = pattern.match(ResourcePath.ofResource("/workspaces/w2/channels/c1"), p, Effect.ALLOW);
        assertThat(m.matches()).isFalse();
        assertThat(m.stoppedAt()).isEqualTo(1);
        assertThat(m.why()).isEqualTo("segment 2 `w2` is not `${principal.workspace}` (= `w1`)");
        ResourcePattern.Match children = pattern.match(
                ResourcePath.ofResource("/workspaces/w1/channels/c1/messages"), p, Effect.ALLOW);
        assertThat(children.matches()).isFalse();
        assertThat(children.why()).contains("a pattern does not cover its children");
    }

    @Test
    void match_missingVariable_failsClosed() {
        Principal noAttr = Principal.of("ak_2");
        ResourcePattern pattern = ResourcePattern.parse("/workspaces/${principal.workspace}/**");
        ResourcePath path = ResourcePath.ofResource("/workspaces/w9/x");
        assertThat(pattern.match(path, noAttr, Effect.ALLOW).matches()).isFalse();
        assertThat(pattern.match(path, noAttr, Effect.DENY).matches()).isTrue();
    }

    @Test
    void doubleStar_needsAtLeastOneSegment() {
        ResourcePattern pattern = ResourcePattern.parse("/workspaces/*/channels/**");
        Principal p = Principal.of("x");
        assertThat(pattern.match(ResourcePath.ofResource("/workspaces/w/channels"), p, Effect.ALLOW).matches()).isFalse();
        assertThat(pattern.match(ResourcePath.ofResource("/workspaces/w/channels/c"), p, Effect.ALLOW).matches()).isTrue();
        assertThat(pattern.match(ResourcePath.ofResource("/workspaces/w/channels/c/d/e"), p, Effect.ALLOW).matches())
                .isTrue();
    }

    @Test
    void invalid_isAnIllegalArgumentException() {
        assertThatThrownBy(() -> ResourcePattern.parse("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactlyTheLongestPattern_parses() {
        assertThat(ResourcePattern.parse("/" + "x".repeat(ResourcePattern.MAX_LENGTH - 1)).segmentCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "z", "A", "Z", "_", "az_AZ", "_09", "a-", "z9", "Z-9_x", "workspace", "team-id"})
    void attributeNames_ofLettersDigitsUnderscoreAndDash_parse(String name) {
        ResourcePattern p = ResourcePattern.parse("/w/${principal." + name + "}");
        Principal with = Principal.builder("ak").attribute(name, "v").build();
        assertThat(p.match(ResourcePath.ofResource("/w/v"), with, Effect.ALLOW).matches()).isTrue();
        assertThat(p.match(ResourcePath.ofResource("/w/u"), with, Effect.ALLOW).matches()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9a", "0", "-a", "a@", "a[", "a`", "a{", "a:", "a.", "a,", "a^", "a b", "a.b", "@a", "[a", "`a"})
    void attributeNames_withOtherCharacters_orStartingWithADigitOrDash_areRejected(String name) {
        String seg = "${principal." + name + "}";
        assertThat(invalid("/w/" + seg).reason()).isEqualTo("`" + seg
                + "` does not name an attribute: write `${principal.NAME}` with NAME of letters, digits, `_` or `-`");
    }

    @Test
    void variableWithoutANamespace_namesTheEmptyNamespace() {
        InvalidPatternException e = invalid("/w/${.id}");
        assertThat(e.reason()).startsWith("unknown variable namespace ``;");
        assertThat(e.offset()).isEqualTo(5);
    }

    @Test
    void shape_isReported() {
        ResourcePattern p = ResourcePattern.parse("/workspaces/${principal.workspace}/channels/**");
        assertThat(p.segmentCount()).isEqualTo(4);
        assertThat(p.endsWithDoubleStar()).isTrue();
        assertThat(p.hasVariables()).isTrue();
        ResourcePattern q = ResourcePattern.parse("/workspaces/*/sms-*/c1");
        assertThat(q.endsWithDoubleStar()).isFalse();
        assertThat(q.hasVariables()).isFalse();
        assertThat(ResourcePattern.parse("/**").endsWithDoubleStar()).isTrue();
        assertThat(ResourcePattern.parse("/${principal.id}").hasVariables()).isTrue();
    }

    @Test
    void equality_isByText() {
        ResourcePattern p = ResourcePattern.parse("/a/*");
        assertThat(p).isEqualTo(ResourcePattern.parse("/a/*")).hasSameHashCodeAs(ResourcePattern.parse("/a/*"));
        assertThat(p).isNotEqualTo(ResourcePattern.parse("/a/b")).isNotEqualTo("/a/*");
        assertThat(p).hasToString("/a/*");
        // Statements keep distinct patterns, even when their String hashes collide.
        assertThat(Statement.of(Effect.ALLOW, java.util.List.of("view"), java.util.List.of("/Aa", "/BB", "/Aa"))
                .resources()).extracting(ResourcePattern::text).containsExactly("/Aa", "/BB");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // pattern                  | path          | matches | stoppedAt | why
        "/a/b/c                     | /a/b          | false | 2 | the path ends before segment 3 (`c`)",
        "/a/*                       | /a            | false | 1 | the path ends before segment 2 (`*`)",
        "/a/s*                      | /a            | false | 1 | the path ends before segment 2 (`s*`)",
        "/a/${principal.id}         | /a            | false | 1 | the path ends before segment 2 (`${principal.id}`)",
        "/a/**                      | /a            | false | 1 | `**` needs at least one more segment after `/a`",
        "/**                        | /a/b          | true  | 2 | ''",
        "/a/b                       | /a/c          | false | 1 | segment 2 `c` is not `b`",
        "/a/b                       | /a/b          | true  | 2 | ''",
        "/a/s*                      | /a/x          | false | 1 | segment 2 `x` does not match `s*`",
        "/a/s*                      | /a/sms        | true  | 2 | ''",
        "/a/${principal.id}         | /a/ak_1       | true  | 2 | ''",
        "/a/${principal.id}         | /a/ak_2       | false | 1 | segment 2 `ak_2` is not `${principal.id}` (= `ak_1`)",
        "/a/${principal.team}/x     | /a/t/x        | false | 1 | the principal has no value for `${principal.team}`, so this allow cannot match",
        "/a                         | /a/b          | false | 1 | the path goes on past the pattern's last segment (`b`); a pattern does not cover its children",
        "/a/b                       | /a//b         | false | 0 | the path is malformed: empty segment at offset 3",
    })
    void match_saysWhereAndWhyItStopped(String pattern, String path, boolean matches, int stoppedAt, String why) {
        ResourcePattern.Match m = ResourcePattern.parse(pattern)
                .match(ResourcePath.ofResource(path), Principal.of("ak_1"), Effect.ALLOW);
        assertThat(m).isEqualTo(new ResourcePattern.Match(matches, stoppedAt, why));
    }
}
