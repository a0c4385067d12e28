package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public structure of a pattern ({@link ResourcePattern#segments}), the one segment alphabet
 * ({@link SegmentAlphabet}) and the immutability of the compiled trie that is built from them.
 */
class PatternSegmentTest {

    private static String joined(List<PatternSegment> segments) {
        StringBuilder b = new StringBuilder();
        for (PatternSegment s : segments) {
            b.append('/').append(s.text());
        }
        return b.toString();
    }

    @Nested
    class Structure {
        @Test
        void segments_roundTripToTheText_onRandomPatterns() {
            Set<Class<?>> kinds = new HashSet<>();
            for (int seed = 0; seed < 300; seed++) {
                for (RandomPolicies gen : new RandomPolicies[] {new RandomPolicies(seed), RandomPolicies.realistic(seed)}) {
                    for (int i = 0; i < 20; i++) {
                        String text = gen.pattern();
                        ResourcePattern p = ResourcePattern.parse(text);
                        List<PatternSegment> segments = p.segments();
                        assertThat(joined(segments)).as("seed %d", seed).isEqualTo(text);
                        assertThat(segments).hasSize(p.segmentCount());
                        assertThat(p.endsWithDoubleStar())
                                .isEqualTo(segments.get(segments.size() - 1) instanceof PatternSegment.Rest);
                        assertThat(p.hasVariables())
                                .isEqualTo(segments.stream().anyMatch(s -> s instanceof PatternSegment.Variable));
                        for (PatternSegment s : segments) {
                            // each segment's text reads back as that very segment
                            assertThat(ResourcePattern.parse("/" + s.text()).segments()).as(text).containsExactly(s);
                            kinds.add(s.getClass());
                        }
                    }
                }
            }
            assertThat(kinds).containsExactlyInAnyOrder(PatternSegment.Literal.class, PatternSegment.Star.class,
                    PatternSegment.Glob.class, PatternSegment.Variable.class, PatternSegment.Rest.class);
        }

        @Test
        void segments_ofEveryKind_areParsedIntoTheirRecords() {
            ResourcePattern p = ResourcePattern.parse("/workspaces/*/sms-*/a*b*c/${principal.id}/${principal.team}/**");
            assertThat(p.segments()).containsExactly(
                    new PatternSegment.Literal("workspaces"),
                    new PatternSegment.Star(),
                    new PatternSegment.Glob(List.of("sms-", "")),
                    new PatternSegment.Glob(List.of("a", "b", "c")),
                    new PatternSegment.Variable("id"),
                    new PatternSegment.Variable("team"),
                    new PatternSegment.Rest());
            assertThat(new PatternSegment.Variable("id").isId()).isTrue();
            assertThat(new PatternSegment.Variable("team").isId()).isFalse();
            assertThat(ResourcePattern.parse("/*-eu").segments()).containsExactly(new PatternSegment.Glob(List.of("", "-eu")));
        }

        @Test
        void segments_areReadOnly() {
            ResourcePattern p = ResourcePattern.parse("/a/*");
            assertThatThrownBy(() -> p.segments().add(new PatternSegment.Rest()))
                    .isInstanceOf(UnsupportedOperationException.class);
            List<String> parts = new ArrayList<>(List.of("a", "b"));
            PatternSegment.Glob g = new PatternSegment.Glob(parts);
            parts.set(0, "z");
            assertThat(g.text()).isEqualTo("a*b");
            assertThatThrownBy(() -> g.parts().set(0, "z")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(p.segments()).isEqualTo(ResourcePattern.parse("/a/*").segments());
        }

        @Test
        void glob_withFewerThanTwoParts_orAStarInAPart_isRejected() {
            assertThatThrownBy(() -> new PatternSegment.Glob(List.of("a")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a glob has at least two parts, one each side of a `*`");
            assertThatThrownBy(() -> new PatternSegment.Glob(List.of("a*", "b")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a part of a glob must not hold `*`: `a*`");
        }

        @ParameterizedTest
        @CsvSource({
            "a*b,     ab,     true",
            "a*b,     a,      false",
            "ab*ba,   aba,    false",
            "ab*ba,   abba,   true",
            "*a*a*,   aa,     true",
            "*a*a*,   ba,     false",
            "sms-*,   sms-eu, true",
            "sms-*,   sms,    false",
            "*-eu,    x-eu,   true",
            "a*b*c,   acbc,   true",
            "a*b*c,   acb,    false",
        })
        void glob_matchesItsPartsInOrder(String glob, String segment, boolean matches) {
            PatternSegment.Glob g = (PatternSegment.Glob) ResourcePattern.parse("/" + glob).segments().get(0);
            assertThat(g.matches(segment)).isEqualTo(matches);
            // the explaining matcher reads the same structure
            ResourcePattern.Match m = ResourcePattern.parse("/" + glob)
                    .match(ResourcePath.ofResource("/" + segment), Principal.of("ak_1"), Effect.ALLOW);
            assertThat(m.matches()).isEqualTo(matches);
        }
    }

    @Nested
    class Alphabet {
        @Test
        void ranges_holdExactlyTheAllowedCharacters() {
            List<SegmentAlphabet.Range> ranges = SegmentAlphabet.ranges();
            for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
                char ch = (char) c;
                boolean inRange = ranges.stream().anyMatch(r -> r.first() <= ch && ch <= r.last());
                assertThat(inRange).as("U+%04X", c).isEqualTo(SegmentAlphabet.allows(ch));
            }
            for (int i = 1; i < ranges.size(); i++) {
                assertThat((int) ranges.get(i).first()).as("maximal runs, ascending")
                        .isGreaterThan(ranges.get(i - 1).last() + 1);
            }
            assertThat(ranges.get(0).first()).isEqualTo(' ');
            assertThat(ranges.get(ranges.size() - 1).last()).isEqualTo('~');
        }

        @Test
        void canonicaliser_acceptsADecodedCharacter_exactlyWhenTheAlphabetAllowsIt() {
            for (int b = 0; b < 256; b++) {
                String path = "/a%%%02Xb".formatted(b);
                assertThat(ResourcePath.ofResource(path).isWellFormed()).as(path).isEqualTo(SegmentAlphabet.allows((char) b));
            }
        }

        @Test
        void patternParser_acceptsACharacter_exactlyWhenTheAlphabetAllowsIt() {
            for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
                if (c == '/') {
                    continue; // the separator
                }
                String text = "/a" + (char) c + "b";
                boolean parses;
                try {
                    ResourcePattern.parse(text);
                    parses = true;
                } catch (InvalidPatternException e) {
                    parses = false;
                }
                assertThat(parses).as("U+%04X", c).isEqualTo(SegmentAlphabet.allows((char) c));
            }
        }

        @ParameterizedTest
        @CsvSource({"a, true", "'', false", "., false", "'..', false", "..., true", "a/b, false", "a;b, false",
            "'a b', true", "${x}, true"})
        void wellFormedSegments_areNonEmpty_notDots_andOfTheAlphabet(String value, boolean wellFormed) {
            assertThat(SegmentAlphabet.isWellFormedSegment(value)).isEqualTo(wellFormed);
        }

        @Test
        void range_endingBeforeItStarts_isRejected() {
            assertThatThrownBy(() -> new SegmentAlphabet.Range('b', 'a'))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a range must not end (U+0061) before it starts (U+0062)");
        }
    }

    @Nested
    class CompiledTrie {
        @Test
        void trieAndWhatItHolds_haveOnlyFinalFields() {
            for (Class<?> c : List.of(Node.class, Node.Special.class, GlobMatcher.class, VariableMatcher.class,
                    TrieEntry.class, Grant.class, Compiled.class)) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.isSynthetic()) {
                        continue; // a coverage tool's probes (PIT, JaCoCo), not the class's own state
                    }
                    assertThat(Modifier.isFinal(f.getModifiers())).as(c.getSimpleName() + "." + f.getName()).isTrue();
                }
            }
        }
    }
}
