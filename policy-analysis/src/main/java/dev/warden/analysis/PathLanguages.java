package dev.warden.analysis;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicOperations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resource patterns as finite automata over canonical path strings ({@code /seg/seg}), so that
 * unions, differences and emptiness of the paths that policies grant are exact. A segment is one or
 * more printable ASCII characters without {@code / \ ; % ? #}, and never {@code .} or {@code ..}: the
 * language of well-formed canonical segments (docs/semantics.md).
 */
final class PathLanguages {
    /** One character a decoded segment may hold. */
    static final Automaton SEGMENT_CHAR = BasicOperations.union(List.of(
            Automaton.makeCharRange((char) 0x20, (char) 0x22),
            Automaton.makeChar((char) 0x24),
            Automaton.makeCharRange((char) 0x26, (char) 0x2E),
            Automaton.makeCharRange((char) 0x30, (char) 0x3A),
            Automaton.makeCharRange((char) 0x3C, (char) 0x3E),
            Automaton.makeCharRange((char) 0x40, (char) 0x5B),
            Automaton.makeCharRange((char) 0x5D, (char) 0x7E)));

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
        return ANY_SEGMENT.run(value);
    }

    /**
     * The paths a pattern matches for a principal whose variable values are {@code values} (a
     * missing key: the principal has no such value; {@code id} is the principal's id), in a
     * statement of the given kind: a missing variable never matches in an allow and matches any
     * segment in a deny.
     */
    static Automaton pattern(String text, Map<String, String> values, boolean deny) {
        List<Automaton> parts = new ArrayList<>();
        for (String seg : segments(text)) {
            if (seg.equals("**")) {
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

    /** The segments of a (validated) pattern. */
    static List<String> segments(String text) {
        return List.of(text.substring(1).split("/", -1));
    }

    /** The variable a segment names ({@code id} or an attribute), if it is a variable. */
    static Optional<String> variable(String seg) {
        return seg.startsWith("${principal.") ? Optional.of(seg.substring(12, seg.length() - 1)) : Optional.empty();
    }

    static Automaton segment(String seg, Map<String, String> values, boolean deny) {
        if (seg.equals("*")) {
            return ANY_SEGMENT;
        }
        Optional<String> var = variable(seg);
        if (var.isPresent()) {
            String value = values.get(var.get());
            if (value == null) {
                return deny ? ANY_SEGMENT : Automaton.makeEmpty();
            }
            return isSegment(value) ? Automaton.makeString(value) : Automaton.makeEmpty();
        }
        if (seg.indexOf('*') >= 0) {
            return glob(seg);
        }
        return Automaton.makeString(seg);
    }

    /** The segments an in-segment glob such as {@code sms-*} matches. */
    static Automaton glob(String seg) {
        List<Automaton> parts = new ArrayList<>();
        String[] pieces = seg.split("\\*", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                parts.add(SEGMENT_CHAR.repeat());
            }
            parts.add(Automaton.makeString(pieces[i]));
        }
        return BasicOperations.concatenate(parts).intersection(ANY_SEGMENT);
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
