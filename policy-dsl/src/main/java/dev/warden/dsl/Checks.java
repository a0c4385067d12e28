package dev.warden.dsl;

import dev.warden.core.Actions;
import dev.warden.core.InvalidNameException;
import dev.warden.core.InvalidPatternException;
import dev.warden.core.Names;
import dev.warden.core.ResourcePath;
import dev.warden.core.ResourcePattern;
import dev.warden.core.SegmentAlphabet;
import dev.warden.core.SourceLocation;
import java.util.Optional;
import java.util.Set;

/** The checks both readers make on names, action names and patterns, with their diagnostics. */
final class Checks {
    /** The reserved words of the policy language. */
    static final Set<String> KEYWORDS = Set.of("actions", "policy", "role", "policies", "allow", "deny", "on", "any",
            "when");

    private Checks() {}

    /** Where each character of a name, an action or a pattern was written: offset to location. */
    @FunctionalInterface
    interface Locator {
        SourceLocation at(int offset);
    }

    /** Whether {@code s} may be written unquoted as a name: {@code [A-Za-z_][A-Za-z0-9_.:-]*}, not a keyword. */
    static boolean isPlainName(String s) {
        if (s.isEmpty() || KEYWORDS.contains(s)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean ok = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '.' || c == ':' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a policy or role name (already unquoted), reporting at {@code at}: the core's rules
     * ({@link Names#check}) and, beyond them, the characters {@link TextSafety} forbids, which hide
     * or reorder text where names are shown.
     *
     * @param kind {@code policy} or {@code role}
     * @param written the name as it appears in the source, for the caret's length
     */
    static boolean name(SourceText src, String kind, String name, SourceLocation at, int written) {
        int bad = -1;
        try {
            Names.check(kind, name);
        } catch (InvalidNameException e) {
            switch (e.kind()) {
                case EMPTY -> src.error(Codes.of(e.kind()), at, written, "a " + kind + " name must not be empty");
                case TOO_LONG -> src.error(Codes.of(e.kind()), at, written, kind + " name " + SourceText.quote(name)
                        + " is longer than " + dev.warden.core.Limits.MAX_NAME_LENGTH + " characters");
                case CONTROL_CHARACTER -> bad = e.offset();
            }
            if (bad < 0) {
                return false;
            }
        }
        int before = bad < 0 ? name.length() : bad; // an earlier character the text rule forbids is named first
        for (int i = 0; i < before; i++) {
            if (TextSafety.forbidden(name.charAt(i))) {
                bad = i;
                break;
            }
        }
        if (bad < 0) {
            return true;
        }
        String shown = SourceText.quote(name.codePoints()
                .map(x -> x < 0x20 || TextSafety.forbidden(x) ? '?' : x)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        src.error(Codes.of(InvalidNameException.Kind.CONTROL_CHARACTER), at, written, kind + " name " + shown
                + " holds the " + TextSafety.describe(name.charAt(bad)), "a name is shown in decisions, lint and diff "
                + "output, where such a character hides or reorders text");
        return false;
    }

    /**
     * The canonical form of an action name, or empty after reporting why it is not one. Does not
     * check that the action is known: that needs every file of the load.
     */
    static Optional<String> action(SourceText src, String action, SourceLocation at, int written) {
        String lower;
        try {
            lower = Actions.normalize(action);
        } catch (IllegalArgumentException e) {
            src.error(Codes.INVALID_ACTION, at, written, SourceText.quote(action) + " is not a valid action name",
                    "an action name is letters, digits, `_` and `-`, starting with a letter");
            return Optional.empty();
        }
        return Optional.of(lower);
    }

    /**
     * The parsed pattern, or empty after reporting why it is not one ({@link ResourcePattern#parse}
     * says what is wrong and where), the caret on the offending character.
     */
    static Optional<ResourcePattern> pattern(SourceText src, String text, Locator where, int written) {
        try {
            return Optional.of(ResourcePattern.parse(text));
        } catch (InvalidPatternException e) {
            String code = Codes.of(e.kind());
            switch (e.kind()) {
                case TOO_LONG -> src.error(code, where.at(0), written, "resource pattern " + SourceText.quote(text)
                        + " is longer than " + ResourcePattern.MAX_LENGTH + " characters");
                // the caret on the `/` that starts the first segment too many
                case TOO_MANY_SEGMENTS -> src.error(code, where.at(e.offset() - 1), 1, "resource pattern "
                        + SourceText.quote(text) + " has more than " + ResourcePath.MAX_SEGMENTS + " segments");
                default -> {
                    int offset = Math.max(0, Math.min(e.offset(), text.length() - 1));
                    src.error(code, where.at(offset), caretLength(text, offset),
                            "invalid resource pattern " + SourceText.quote(text) + ": " + e.reason());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * How much of a bad pattern to underline from {@code offset}: one character when it is a
     * character no pattern may hold, else the rest of its segment.
     */
    private static int caretLength(String text, int offset) {
        if (text.isEmpty()) {
            return 1;
        }
        char c = text.charAt(offset);
        if (!SegmentAlphabet.allows(c)) {
            return 1;
        }
        int end = text.indexOf('/', offset);
        if (end < 0) {
            end = text.length();
        }
        return Math.max(1, text.codePointCount(offset, end));
    }

    /**
     * A locator for a token written without quotes, starting at {@code at}: offsets in the text
     * are offsets in the source.
     */
    static Locator plain(String text, SourceLocation at) {
        return offset -> new SourceLocation(at.file(), at.line(),
                at.column() + text.codePointCount(0, Math.min(offset, text.length())));
    }

    /**
     * A locator for a double-quoted string written on one line: {@code raw} is the string as
     * written, quotes included, starting at {@code at}. Maps an offset in the decoded text to
     * the column of the character (or escape) that produced it.
     */
    static Locator quoted(String raw, SourceLocation at) {
        return offset -> new SourceLocation(at.file(), at.line(),
                at.column() + raw.codePointCount(0, StringLiteral.writtenOffset(raw, offset)));
    }
}
