package dev.warden.core;

/** One segment of a compiled resource pattern. Package-private: the trie's vocabulary. */
sealed interface Segment {
    /** Exactly this text. */
    record Literal(String text) implements Segment {}

    /** {@code *}: exactly one segment, any value. */
    record Star() implements Segment {}

    /**
     * A segment with {@code *} inside: {@code parts} are the literal pieces between the stars
     * (the first and last may be empty), so {@code sms-*} is {@code ["sms-", ""]}.
     */
    record Glob(String text, String[] parts) implements Segment {
        boolean matches(CharSequence s, int start, int end) {
            String first = parts[0];
            String last = parts[parts.length - 1];
            int len = end - start;
            if (len < first.length() + last.length()) {
                return false;
            }
            if (!regionEquals(s, start, first) || !regionEquals(s, end - last.length(), last)) {
                return false;
            }
            int pos = start + first.length();
            int limit = end - last.length();
            for (int p = 1; p < parts.length - 1; p++) {
                int at = indexOf(s, parts[p], pos, limit);
                if (at < 0) {
                    return false;
                }
                pos = at + parts[p].length();
            }
            return true;
        }

        private static boolean regionEquals(CharSequence s, int at, String lit) {
            for (int i = 0; i < lit.length(); i++) {
                if (s.charAt(at + i) != lit.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOf(CharSequence s, String lit, int from, int limit) {
            for (int i = from; i + lit.length() <= limit; i++) {
                if (regionEquals(s, i, lit)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Glob g && g.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    /** {@code ${principal.id}} ({@code attribute} is null) or {@code ${principal.ATTR}}. */
    record Variable(String text, String attribute) implements Segment {
        /**
         * The principal's value, or null when it has none, or one that no segment of a well-formed
         * path can equal (empty, {@code .}, {@code ..}, a {@code /}...): such a value counts as
         * missing, so that a mistake in a principal's attributes never switches a deny off.
         */
        String valueFor(Principal p) {
            String value = attribute == null ? p.id() : p.attributes().get(attribute);
            return value == null || !ResourcePath.isPossibleSegment(value) ? null : value;
        }
    }

    /** {@code **}: one or more segments; only last. */
    record DoubleStar() implements Segment {}
}
