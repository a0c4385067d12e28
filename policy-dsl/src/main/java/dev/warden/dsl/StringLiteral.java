package dev.warden.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * The policy language's double-quoted strings, in one place: where a literal ends, what it
 * decodes to (with each bad escape and its offset), where a decoded character was written, and
 * how a value is written back canonically. The language reader, the formatter, the writer and the
 * {@code .wtest} reader (which takes fewer escapes, {@link Escapes#TEST}) all go through it.
 *
 * <pre>{@code
 * StringLiteral.Decoded d = StringLiteral.decode("\"a\\tb\"", StringLiteral.Escapes.POLICY);
 * assert d.value().equals("a\tb") && d.bad().isEmpty();
 * assert StringLiteral.quote("a\tb").equals("\"a\\tb\"");
 * }</pre>
 */
final class StringLiteral {
    private StringLiteral() {}

    /** The escapes a kind of file accepts after a backslash. */
    enum Escapes {
        /** Policy files: {@code \"}, {@code \\}, {@code \n}, {@code \t}, {@code \r} and {@code \}{@code uXXXX}. */
        POLICY("\"\\ntr", true),
        /** {@code .wtest} files: {@code \"}, {@code \\}, {@code \n} and {@code \t}. */
        TEST("\"\\nt", false);

        private final String simple;
        private final boolean unicode;

        Escapes(String simple, boolean unicode) {
            this.simple = simple;
            this.unicode = unicode;
        }

        /** The hint under a bad escape: {@code the escapes are `\"`, `\\`, `\n` and `\t`}. */
        String hint() {
            List<String> all = new ArrayList<>();
            for (char c : simple.toCharArray()) {
                all.add("`\\" + c + "`");
            }
            if (unicode) {
                all.add("`\\uXXXX`");
            }
            return "the escapes are " + String.join(", ", all.subList(0, all.size() - 1)) + " and "
                    + all.get(all.size() - 1);
        }
    }

    /**
     * An escape that is not one: {@code offset} is the index of its backslash in the literal as
     * written, {@code written} the escape as written (a backslash and one character; for a
     * {@code \}{@code u} without four hex digits, up to four characters after the {@code u}).
     */
    record BadEscape(int offset, String written) {
        /** The diagnostic's message: {@code unknown escape `\q` in a string}. */
        String message() {
            return "unknown escape `" + written + "` in a string";
        }

        /** How many code points to underline. */
        int width() {
            return written.codePointCount(0, written.length());
        }
    }

    /** A literal's value, each bad escape kept in it as written, and the bad escapes in order. */
    record Decoded(String value, List<BadEscape> bad) {
        Decoded {
            bad = List.copyOf(bad);
        }
    }

    /**
     * The index just after the closing quote of the literal whose opening quote is at {@code
     * from}, or -1 when {@code text} ends first. A backslash takes the character after it into
     * the literal, whatever it is.
     */
    static int end(CharSequence text, int from) {
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            i += c == '\\' && i + 1 < text.length() ? 2 : 1;
        }
        return -1;
    }

    /**
     * Decodes a literal as written: {@code raw} starts with its opening quote and ends with its
     * closing one, or, unterminated, with the text's end (a last lone backslash is then a
     * character). A backslash left just before the closing quote by a bad {@code \}{@code u}
     * escape that took the one before it escapes that quote, which ends the value.
     */
    static Decoded decode(String raw, Escapes escapes) {
        int close = end(raw, 0);
        int end = close < 0 ? raw.length() : close - 1;
        StringBuilder out = new StringBuilder(raw.length());
        List<BadEscape> bad = new ArrayList<>();
        int i = 1;
        while (i < end) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                i++;
                continue;
            }
            char e = raw.charAt(i + 1);
            if (escapes.simple.indexOf(e) >= 0) {
                out.append(simple(e));
                i += 2;
            } else if (e == 'u' && escapes.unicode) {
                int code = i + 6 <= end ? hex4(raw, i + 2) : -1;
                if (code >= 0) {
                    out.append((char) code);
                    i += 6;
                } else {
                    int to = Math.min(i + 6, end);
                    if (to < end && Character.isLowSurrogate(raw.charAt(to))) {
                        to++; // a character outside the BMP is not cut in two
                    }
                    bad.add(new BadEscape(i, raw.substring(i, to)));
                    out.append(raw, i, to);
                    i = to;
                }
            } else {
                int to = i + 1 + Character.charCount(raw.codePointAt(i + 1));
                bad.add(new BadEscape(i, raw.substring(i, to)));
                out.append(raw, i, to);
                i = to;
            }
        }
        return new Decoded(out.toString(), bad);
    }

    private static char simple(char e) {
        return switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> e;
        };
    }

    private static int hex4(String s, int from) {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /**
     * The index in {@code raw}, a literal as written with its quotes, of the character or escape
     * that decodes to character {@code decodedOffset} of its value (each escape is one character
     * of the value; {@code \}{@code uXXXX} is six characters as written, the others two). Bird
     * JSON's strings have escapes of the same lengths, so this serves them too.
     */
    static int writtenOffset(String raw, int decodedOffset) {
        int i = 1;
        int decoded = 0;
        while (i < raw.length() && decoded < decodedOffset) {
            if (raw.charAt(i) == '\\' && i + 1 < raw.length()) {
                i += raw.charAt(i + 1) == 'u' ? 6 : 2;
            } else {
                i++;
            }
            decoded++;
        }
        return Math.min(i, raw.length());
    }

    /**
     * {@code value} as a canonical literal: {@code \"}, {@code \\}, {@code \n}, {@code \t} and
     * {@code \r}; other control characters, the characters {@link TextSafety} forbids and unpaired
     * surrogates as {@link #unicodeEscape}; everything else as it is.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (paired) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || TextSafety.forbidden(c) || Character.isSurrogate(c)) {
                        out.append(unicodeEscape(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The {@code \}{@code uXXXX} escape of {@code c}, in upper-case hex: {@code \}{@code u202E}. */
    static String unicodeEscape(int c) {
        return String.format("\\u%04X", c);
    }
}
