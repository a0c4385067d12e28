package dev.warden.analysis;

import dev.warden.core.PatternSegment;
import dev.warden.core.ResourcePattern;
import dev.warden.core.SegmentAlphabet;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Resource patterns as finite automata over canonical path strings ({@code /seg/seg}), so that
 * unions, differences and emptiness of the paths that policies grant are exact. A segment is one or
 * more characters of the core's {@link SegmentAlphabet}, and never {@code .} or {@code ..}: the
 * language of well-formed canonical segments (docs/semantics.md). Patterns are read through their
 * {@linkplain ResourcePattern#segments segments}, never from their text.
 */
final class PathLanguages {
    /** One character a decoded segment may hold: the ranges of {@link SegmentAlphabet}. */
    static final Automaton SEGMENT_CHAR = BasicOperations.union(SegmentAlphabet.ranges().stream()
            .map(r -> Automaton.makeCharRange(r.first(), r.last()))
            .toList());

    /** Any one well-formed segment. */
    static final Automaton ANY_SEGMENT = SEGMENT_CHAR.repeat(1).minus(Automaton.makeStringUnion(".", ".."));

    /** {@code /seg} repeated one or more times: what {@code **} matches. */
    private static final Automaton REST = Automaton.makeChar('/').concatenate(ANY_SEGMENT).repeat(1);

    /** Segment alphabets tried in turn for examples, most readable first. */
    private static final List<Automaton> READABLE_SEGMENTS = List.of(
            readableSegments(Automaton.makeCharRange('a', 'z')),
            readableSegments(BasicOperations.union(List.of(Automaton.makeCharRange('a', 'z'), Automaton.makeCharRange('0', '9')))),
            readableSegments(BasicOperations.union(List.of(Automaton.makeCharRange('a', 'z'), Automaton.makeCharRange('A', 'Z'),
                    Automaton.makeCharRange('0', '9'), Automaton.makeCharSet("-_.~@+:=")))));

    /** Readable values that are not segments, tried after those that are: with spaces and slashes. */
    private static final List<Automaton> READABLE_VALUES = List.of(
            Automaton.makeEmptyString(),
            BasicOperations.union(List.of(Automaton.makeCharRange('a', 'z'), Automaton.makeCharRange('0', '9'),
                    Automaton.makeCharSet(" ./-_:"))).repeat(1));

    /** The same alphabets for whole paths. */
    private static final List<Automaton> READABLE_PATHS = READABLE_SEGMENTS.stream()
            .map(seg -> Automaton.makeChar('/').concatenate(seg).repeat(1))
            .toList();

    private PathLanguages() {}

    private static Automaton readableSegments(Automaton chars) {
        return chars.repeat(1).intersection(ANY_SEGMENT);
    }

    /** Whether a string is one well-formed segment. */
    static boolean isSegment(String value) {
        return SegmentAlphabet.isWellFormedSegment(value);
    }

    /**
     * The paths a pattern matches for a principal whose variable values are {@code values} (a
     * missing key: the principal has no such value; {@code id} is the principal's id), in a
     * statement of the given kind: a missing variable never matches in an allow and matches any
     * segment in a deny.
     */
    static Automaton pattern(ResourcePattern pattern, Map<String, String> values, boolean deny) {
        List<Automaton> parts = new ArrayList<>();
        for (PatternSegment seg : pattern.segments()) {
            if (seg instanceof PatternSegment.Rest) {
                parts.add(REST);
                continue;
            }
            Automaton s = segment(seg, values, deny);
            if (s.isEmpty()) {
                return Automaton.makeEmpty();
            }
            parts.add(Automaton.makeChar('/'));
            parts.add(s);
        }
        return BasicOperations.concatenate(parts);
    }

    /** {@link #pattern(ResourcePattern, Map, boolean)} of a pattern's text, which must be valid: for tests. */
    static Automaton pattern(String text, Map<String, String> values, boolean deny) {
        return pattern(ResourcePattern.parse(text), values, deny);
    }

    /** The segments of a canonical path or path template ({@code /a/b}): its text between the slashes. */
    static List<String> pathSegments(String path) {
        return List.of(path.substring(1).split("/", -1));
    }

    /** The segments that one pattern segment other than {@code **} matches. */
    static Automaton segment(PatternSegment seg, Map<String, String> values, boolean deny) {
        if (seg instanceof PatternSegment.Star) {
            return ANY_SEGMENT;
        }
        if (seg instanceof PatternSegment.Variable v) {
            String value = values.get(v.name());
            if (value == null) {
                return deny ? ANY_SEGMENT : Automaton.makeEmpty();
            }
            return isSegment(value) ? Automaton.makeString(value) : Automaton.makeEmpty();
        }
        if (seg instanceof PatternSegment.Glob g) {
            return glob(g);
        }
        if (seg instanceof PatternSegment.Literal l) {
            return Automaton.makeString(l.text());
        }
        throw new IllegalArgumentException("`**` is a sequence of segments, not one: " + seg);
    }

    /** The segments an in-segment glob such as {@code sms-*} matches. */
    static Automaton glob(PatternSegment.Glob glob) {
        List<Automaton> parts = new ArrayList<>();
        List<String> pieces = glob.parts();
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) {
                parts.add(SEGMENT_CHAR.repeat());
            }
            parts.add(Automaton.makeString(pieces.get(i)));
        }
        return BasicOperations.concatenate(parts).intersection(ANY_SEGMENT);
    }

    /**
     * The strings a condition's glob matches whole: its {@linkplain
     * dev.warden.core.ConditionValue.Glob#pieces pieces} with any run of characters between them.
     */
    static Automaton valueGlob(List<String> pieces) {
        List<Automaton> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) {
                parts.add(Automaton.makeAnyString());
            }
            parts.add(Automaton.makeString(pieces.get(i)));
        }
        return BasicOperations.concatenate(parts);
    }

    static Automaton union(Collection<Automaton> languages) {
        return languages.isEmpty() ? Automaton.makeEmpty() : BasicOperations.union(languages);
    }

    /** A short, readable member of a non-empty language of words: {@code prefix}, then a path. */
    static String example(Automaton words, Automaton prefix) {
        return example(words, READABLE_PATHS.stream().map(prefix::concatenate).toList());
    }

    /** A short, readable member of a non-empty language of segments. */
    static String segmentExample(Automaton segments) {
        return example(segments, READABLE_SEGMENTS);
    }

    /** A short, readable member of a non-empty language of values (any strings): a segment if it has one. */
    static String valueExample(Automaton values) {
        List<Automaton> readable = new ArrayList<>(READABLE_SEGMENTS);
        readable.addAll(READABLE_VALUES);
        return example(values, readable);
    }

    private static String example(Automaton language, List<Automaton> readable) {
        for (Automaton r : readable) {
            String s = language.intersection(r).getShortestExample(true);
            if (s != null) {
                return s;
            }
        }
        String s = language.getShortestExample(true);
        if (s == null) {
            throw new IllegalArgumentException("no example of an empty language");
        }
        return s;
    }
}
