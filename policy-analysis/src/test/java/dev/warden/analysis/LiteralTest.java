package dev.warden.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The segment-by-segment tests agree with the automata they stand in for. */
class LiteralTest {
    private static final String[] SEGMENTS = {"a", "b", "ab", "ba", "*", "a*", "*b", "a*b", "*a*", "b*a", "ab*", "*-*"};
    private static final String[] PATH_SEGMENTS = {"a", "b", "ab", "ba", "aab", "abb", "a-b", "x", "-"};

    private static String pattern(Random r) {
        int n = 1 + r.nextInt(3);
        List<String> segs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            segs.add(SEGMENTS[r.nextInt(SEGMENTS.length)]);
        }
        if (r.nextInt(3) == 0) {
            segs.add("**");
        }
        return "/" + String.join("/", segs);
    }

    private static String path(Random r) {
        int n = 1 + r.nextInt(4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append('/').append(PATH_SEGMENTS[r.nextInt(PATH_SEGMENTS.length)]);
        }
        return b.toString();
    }

    @Test
    void intersectAgreesWithAutomata() {
        Random r = new Random(20261125L);
        int meets = 0;
        for (int k = 0; k < 5_000; k++) {
            String a = pattern(r);
            String b = pattern(r);
            boolean exact = !PathLanguages.pattern(a, Map.of(), false)
                    .intersection(PathLanguages.pattern(b, Map.of(), false)).isEmpty();
            assertThat(Literal.intersect(a, b)).as("%s meets %s", a, b).isEqualTo(exact);
            meets += exact ? 1 : 0;
        }
        // both outcomes are exercised
        assertThat(meets).isBetween(500, 4_500);
    }

    @Test
    void matchesAgreesWithAutomata() {
        Random r = new Random(7L);
        int hits = 0;
        for (int k = 0; k < 5_000; k++) {
            String p = pattern(r);
            String path = path(r);
            boolean exact = PathLanguages.pattern(p, Map.of(), false).run(path);
            assertThat(Literal.matches(p, path)).as("%s matches %s", p, path).isEqualTo(exact);
            hits += exact ? 1 : 0;
        }
        assertThat(hits).isBetween(200, 4_800);
    }

    @Test
    void globsMatchPiecesInOrder() {
        assertThat(Overlap.globMatches("a*b", "ab")).isTrue();
        assertThat(Overlap.globMatches("a*b", "a")).isFalse();
        assertThat(Overlap.globMatches("ab*ba", "aba")).isFalse();
        assertThat(Overlap.globMatches("*a*a*", "aa")).isTrue();
        assertThat(Overlap.globMatches("*a*a*", "ba")).isFalse();
        assertThat(Overlap.globMatches("sms-*", "sms-eu")).isTrue();
    }
}
