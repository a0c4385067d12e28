package dev.warden.dsl;

/**
 * The text-safety rule: a policy file reads the same to a reviewer as to the parser. Control
 * characters other than tab, carriage return and line feed, a carriage return that does not end a
 * line, the line separators U+0085, U+2028 and U+2029, and the bidirectional controls are errors
 * ({@link Codes#UNSAFE_CHARACTER}) anywhere in a {@code .policy} or {@code .wtest} file, comments
 * and quoted strings included. An editor may show a line separator as a line break where the
 * parser sees the rest of a {@code #} comment, and a bidirectional control reorders what is shown
 * (the Trojan Source attack, CVE-2021-42574). The check runs on the whole text before it is
 * lexed, so that every reader of such text refuses it the same way.
 */
final class TextSafety {
    private TextSafety() {}

    /**
     * Whether code point {@code c} may never appear in a policy file: a control character (Unicode
     * category Cc) other than tab, line feed and carriage return, U+2028, U+2029, or a
     * bidirectional control. (A carriage return is allowed only before a line feed; {@link #check}
     * tests that.)
     */
    static boolean forbidden(int c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        return (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || bidi(c);
    }

    /** The bidirectional controls: U+061C, U+200E, U+200F, U+202A to U+202E and U+2066 to U+2069. */
    static boolean bidi(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** What {@code c} is called in a message: {@code line separator U+2028}. */
    static String describe(int c) {
        String name = switch (c) {
            case 0x0B -> "vertical tab";
            case 0x0C -> "form feed";
            case 0x0D -> "carriage return";
            case 0x7F -> "delete character";
            case 0x85 -> "next line character";
            case 0x2028 -> "line separator";
            case 0x2029 -> "paragraph separator";
            case 0x061C -> "arabic letter mark";
            case 0x200E -> "left-to-right mark";
            case 0x200F -> "right-to-left mark";
            case 0x202A -> "left-to-right embedding";
            case 0x202B -> "right-to-left embedding";
            case 0x202C -> "pop directional formatting";
            case 0x202D -> "left-to-right override";
            case 0x202E -> "right-to-left override";
            case 0x2066 -> "left-to-right isolate";
            case 0x2067 -> "right-to-left isolate";
            case 0x2068 -> "first strong isolate";
            case 0x2069 -> "pop directional isolate";
            default -> "control character";
        };
        return String.format("%s U+%04X", name, c);
    }

    /** Why {@code c} is not allowed, and what to do instead. */
    private static String hint(int c) {
        if (c == '\r') {
            return "editors differ on whether a lone carriage return starts a new line, so a reviewer and the parser "
                    + "may not see the same lines; end lines with `\\n` or `\\r\\n`";
        }
        if (c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029) {
            return "an editor may show it as a line break where the parser does not see one, so what follows it on a "
                    + "`#` comment line looks like code and is not read; end lines with `\\n`";
        }
        String escape = "`" + StringLiteral.unicodeEscape(c) + "`";
        if (bidi(c)) {
            return "it changes the order in which the text around it is shown, so a reviewer may read something other "
                    + "than what the parser reads (Trojan Source, CVE-2021-42574); remove it, or write " + escape
                    + " in a quoted string";
        }
        return "it is invisible, or acts on the terminal, so a reviewer does not see what the parser reads; remove it, "
                + "or write " + escape + " in a quoted string";
    }

    /**
     * Reports every forbidden character of {@code text} (up to one more than a file shows, so that
     * the loader can say the rest were left out) at its line and column, as the lexer counts them:
     * lines end at {@code \n}, columns count code points from 1. True when there is none.
     *
     * @param what the kind of file, for the message: {@code a policy file}
     */
    static boolean check(SourceText src, String text, String what) {
        int line = 1;
        int column = 1;
        int found = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean loneCr = c == '\r' && (next >= text.length() || text.charAt(next) != '\n');
            if (forbidden(c) || loneCr) {
                String message = describe(c) + (loneCr ? " that does not end a line" : "") + " is not allowed in " + what;
                src.error(Codes.UNSAFE_CHARACTER, src.at(line, column), 1, message, hint(c));
                if (++found > Limits.MAX_ERRORS_PER_FILE) {
                    return false;
                }
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i = next;
        }
        return found == 0;
    }
}
