package dev.warden.core;

import dev.warden.core.InvalidPatternException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource pattern: an absolute path of {@code /}-separated segments, each a literal ({@code
 * channels}), {@code *} (one segment), an in-segment glob ({@code sms-*}, {@code *-eu}, {@code
 * a*b}), a variable ({@code ${principal.id}}, {@code ${principal.ATTR}}) or, last only, {@code **}
 * (one or more segments).
 *
 * <p>Patterns are validated when parsed: a pattern that is not absolute, has an empty segment,
 * {@code .} or {@code ..}, {@code **} anywhere but last or glued to other characters, a variable
 * that is not a whole segment or has an unknown namespace, or a character that a request path may
 * not hold ({@code \ ; % ? #}, controls, non-ASCII; see {@link SegmentAlphabet}) is an {@link
 * InvalidPatternException}. Two patterns are equal when their text is.
 *
 * <p>A parsed pattern keeps its structure as a read-only list of {@link PatternSegment}s ({@link
 * #segments}): the authorizer's trie is compiled from it and analyses read it, so no one reads the
 * text a second time.
 */
public final class ResourcePattern {
    /** The longest pattern, as for paths: {@link Limits#MAX_PATH_LENGTH}. */
    public static final int MAX_LENGTH = Limits.MAX_PATH_LENGTH;

    private final String text;
    private final List<PatternSegment> segments;

    private ResourcePattern(String text, List<PatternSegment> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Parses and validates a pattern.
     *
     * @param text the pattern as written, e.g. {@code /workspaces/${principal.workspace}/**}
     * @return the pattern, which keeps {@code text} as written
     * @throws InvalidPatternException with the offset of the offending character
     */
    public static ResourcePattern parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid(text, MAX_LENGTH, Kind.TOO_LONG, "pattern is longer than " + MAX_LENGTH + " characters");
        }
        if (text.isEmpty() || text.charAt(0) != '/') {
            throw invalid(text, 0, Kind.NOT_ABSOLUTE, "a pattern must be absolute (start with `/`)");
        }
        if (text.length() == 1) {
            throw invalid(text, 0, Kind.NO_SEGMENTS, "the pattern `/` has no segments and would match nothing");
        }
        // the count first: a pattern over the limit is refused before any of its segments is read
        for (int i = 0, slashes = 0; i < text.length(); i++) {
            if (text.charAt(i) == '/' && ++slashes > ResourcePath.MAX_SEGMENTS) {
                throw invalid(text, i + 1, Kind.TOO_MANY_SEGMENTS,
                        "a pattern has at most " + ResourcePath.MAX_SEGMENTS + " segments");
            }
        }
        List<PatternSegment> out = new ArrayList<>();
        int start = 1;
        while (start <= text.length()) {
            int end = text.indexOf('/', start);
            if (end < 0) {
                end = text.length();
            }
            out.add(segment(text, start, end, end == text.length()));
            start = end + 1;
        }
        return new ResourcePattern(text, List.copyOf(out));
    }

    private static PatternSegment segment(String text, int start, int end, boolean last) {
        if (start == end) {
            throw end == text.length()
                    ? invalid(text, start, Kind.TRAILING_SLASH, "a pattern must not end with `/`")
                    : invalid(text, start, Kind.EMPTY_SEGMENT, "empty segment (`//`)");
        }
        String seg = text.substring(start, end);
        if (seg.equals(".") || seg.equals("..")) {
            throw invalid(text, start, Kind.DOT_SEGMENT, "dot segment `" + seg + "` is not allowed");
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!SegmentAlphabet.allows(c)) {
                throw invalid(text, i, Kind.BAD_CHARACTER,
                        ResourcePath.describeChar(c) + " is not allowed in a pattern");
            }
        }
        if (seg.equals("**")) {
            if (!last) {
                throw invalid(text, start, Kind.DOUBLE_STAR_NOT_LAST, "`**` must be the last segment");
            }
            return new PatternSegment.Rest();
        }
        int dstar = seg.indexOf("**");
        if (dstar >= 0) {
            throw invalid(text, start + dstar, Kind.DOUBLE_STAR_IN_SEGMENT,
                    "`**` must be a whole segment, not part of `" + seg + "`");
        }
        if (seg.equals("*")) {
            return new PatternSegment.Star();
        }
        int var = seg.indexOf("${");
        if (var >= 0) {
            return variable(text, start, seg, var);
        }
        if (seg.indexOf('*') >= 0) {
            return new PatternSegment.Glob(splitOnStar(seg));
        }
        return new PatternSegment.Literal(seg);
    }

    private static PatternSegment variable(String text, int start, String seg, int var) {
        if (var != 0 || !seg.endsWith("}")) {
            throw invalid(text, start + var, Kind.VARIABLE_NOT_WHOLE_SEGMENT,
                    "a variable must be a whole segment, as in `${principal.id}`");
        }
        String body = seg.substring(2, seg.length() - 1);
        int dot = body.indexOf('.');
        String namespace = dot < 0 ? body : body.substring(0, dot);
        if (!namespace.equals("principal")) {
            throw invalid(text, start + 2, Kind.UNKNOWN_VARIABLE_NAMESPACE, "unknown variable namespace `" + namespace
                    + "`; variables are `${principal.id}` and `${principal.ATTRIBUTE}`");
        }
        String name = dot < 0 ? "" : body.substring(dot + 1);
        if (!isAttributeName(name)) {
            throw invalid(text, start, Kind.NOT_AN_ATTRIBUTE,
                    "`" + seg + "` does not name an attribute: write `${principal.NAME}` with NAME of letters, digits, `_` or `-`");
        }
        return new PatternSegment.Variable(name);
    }

    /** Attribute names: {@code [A-Za-z_][A-Za-z0-9_-]*}. */
    static boolean isAttributeName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean ok = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<String> splitOnStar(String seg) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int star;
        while ((star = seg.indexOf('*', from)) >= 0) {
            parts.add(seg.substring(from, star));
            from = star + 1;
        }
        parts.add(seg.substring(from));
        return parts;
    }

    private static InvalidPatternException invalid(String text, int offset, Kind kind, String reason) {
        return new InvalidPatternException(text, kind, offset, reason);
    }

    /**
     * The pattern as written.
     *
     * @return the pattern's text
     */
    public String text() {
        return text;
    }

    /**
     * The segments, in order, read-only: {@code /} followed by their {@linkplain
     * PatternSegment#text texts} joined by {@code /} is {@link #text}. Never empty; only the last
     * may be {@link PatternSegment.Rest}.
     *
     * @return the segments, unmodifiable
     */
    public List<PatternSegment> segments() {
        return segments;
    }

    /**
     * The number of segments, {@code **} included.
     *
     * @return the segment count, at least 1
     */
    public int segmentCount() {
        return segments.size();
    }

    /**
     * Whether the pattern ends with {@code **}.
     *
     * @return true when the last segment is {@link PatternSegment.Rest}
     */
    public boolean endsWithDoubleStar() {
        return segments.get(segments.size() - 1) instanceof PatternSegment.Rest;
    }

    /**
     * Whether the pattern uses a {@code ${principal...}} variable.
     *
     * @return true when a segment is a {@link PatternSegment.Variable}
     */
    public boolean hasVariables() {
        for (PatternSegment s : segments) {
            if (s instanceof PatternSegment.Variable) {
                return true;
            }
        }
        return false;
    }

    /**
     * Matches this pattern against a path, segment by segment, for a statement of the given
     * effect, and says where it stopped. This is the slow, explaining matcher behind {@link
     * Explanation}, the one way to ask why; the authorizer uses a compiled trie with the same
     * semantics.
     *
     * <p>A variable the principal lacks never matches for an allow and matches any one segment
     * for a deny (fail closed).
     */
    Match match(ResourcePath path, Principal principal, Effect effect) {
        if (!path.isWellFormed()) {
            return new Match(false, 0, "the path is malformed: " + path.problem());
        }
        int n = path.segmentCount();
        for (int i = 0; i < segments.size(); i++) {
            PatternSegment s = segments.get(i);
            if (s instanceof PatternSegment.Rest) {
                return i < n
                        ? new Match(true, n, "")
                        : new Match(false, i, "`**` needs at least one more segment after `" + path.canonical() + "`");
            }
            if (i >= n) {
                return new Match(false, i, "the path ends before segment " + (i + 1) + " (`" + s.text() + "`)");
            }
            String seg = path.segment(i);
            String why = mismatch(s, seg, i, principal, effect);
            if (why != null) {
                return new Match(false, i, why);
            }
        }
        return n == segments.size()
                ? new Match(true, n, "")
                : new Match(false, segments.size(), "the path goes on past the pattern's last segment (`"
                        + path.segment(segments.size()) + "`); a pattern does not cover its children");
    }

    private static String mismatch(PatternSegment s, String seg, int i, Principal principal, Effect effect) {
        if (s instanceof PatternSegment.Star) {
            return null;
        }
        if (s instanceof PatternSegment.Literal lit) {
            return lit.text().equals(seg) ? null : "segment " + (i + 1) + " `" + seg + "` is not `" + lit.text() + "`";
        }
        if (s instanceof PatternSegment.Glob g) {
            return g.matches(seg) ? null : "segment " + (i + 1) + " `" + seg + "` does not match `" + g.text() + "`";
        }
        PatternSegment.Variable v = (PatternSegment.Variable) s;
        String value = new VariableMatcher(v).valueFor(principal);
        if (value == null) {
            return effect == Effect.DENY ? null
                    : "the principal has no value for `" + v.text() + "`, so this allow cannot match";
        }
        return value.equals(seg) ? null
                : "segment " + (i + 1) + " `" + seg + "` is not `" + v.text() + "` (= `" + value + "`)";
    }

    /**
     * The outcome of {@link #match}.
     *
     * @param matches whether the pattern matches the path
     * @param stoppedAt the index of the segment where matching stopped (the segment count when it
     *     ran past the end)
     * @param why for a mismatch, what did not match, in words; empty for a match
     */
    record Match(boolean matches, int stoppedAt, String why) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourcePattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
