package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Effect;
import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import dev.warden.core.ResourcePattern;
import dev.warden.core.Role;
import dev.warden.core.SegmentAlphabet;
import dev.warden.core.SourceLocation;
import dev.warden.core.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The automata share the core's segment alphabet and read patterns through their segments. */
class PathLanguagesTest {
    private static final SourceLocation AT = new SourceLocation("s", 1, 1);


    @Test
    void segmentChar_acceptsExactlyTheCoresAlphabet() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            String one = String.valueOf((char) c);
            assertThat(PathLanguages.SEGMENT_CHAR.run(one)).as("U+%04X", c).isEqualTo(SegmentAlphabet.allows((char) c));
        }
    }

    @ParameterizedTest
    @CsvSource({"a, true", "., false", "'..', false", "..., true", "a;b, false", "'a b', true", "~@+:=$, true"})
    void anySegment_isTheWellFormedSegments(String value, boolean wellFormed) {
        assertThat(PathLanguages.ANY_SEGMENT.run(value)).isEqualTo(wellFormed);
        assertThat(SegmentAlphabet.isWellFormedSegment(value)).isEqualTo(wellFormed);
    }

    @Test
    void pattern_ofItsSegments_matchesWhatTheAuthorizerWould() {
        ResourcePattern p = ResourcePattern.parse("/w/${principal.workspace}/sms-*/**");
        assertThat(PathLanguages.pattern(p, Map.of("workspace", "w1"), false).run("/w/w1/sms-eu/x")).isTrue();
        assertThat(PathLanguages.pattern(p, Map.of("workspace", "w1"), false).run("/w/w2/sms-eu/x")).isFalse();
        assertThat(PathLanguages.pattern(p, Map.of("workspace", "w1"), false).run("/w/w1/sms-eu")).isFalse();
        // a missing variable: an allow never matches, a deny matches as if it were `*`
        assertThat(PathLanguages.pattern(p, Map.of(), false).isEmpty()).isTrue();
        assertThat(PathLanguages.pattern(p, Map.of(), true).run("/w/any/sms-/x")).isTrue();
        // a value that no segment can equal counts as missing
        assertThat(PathLanguages.pattern(p, Map.of("workspace", "a/b"), false).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "/w/{id},            /w/*",
        "/w/{id}.pdf,        /w/*.pdf",
        "/w/{}/x,            /w/{}/x",
    })
    void operation_withAPatternTemplate_hasThatPattern(String template, String pattern) {
        assertThat(new Operation("GET", template, AT).pattern()).contains(ResourcePattern.parse(pattern));
    }

    @ParameterizedTest
    @CsvSource({"/files/{id};v1", "/files/a%20b", "/files/../x", "/files/caf\u00e9"})
    void operation_whoseTemplateIsNoPattern_hasNone_andNoRoleReachesIt(String template) {
        Operation op = new Operation("GET", template, new SourceLocation("api.txt", 1, 1));
        assertThat(op.pattern()).isEmpty();
        PolicySet set = PolicySet.builder()
                .add(new Policy("p", List.of(Statement.of(Effect.ALLOW, List.of("view"), List.of("/**")))))
                .add(new Role("r", List.of("p")))
                .build();
        assertThat(Lint.analyze(set, List.of(op))).extracting(LintTest::rule)
                .contains(Rule.UNREACHABLE_OPERATION);
    }
}
