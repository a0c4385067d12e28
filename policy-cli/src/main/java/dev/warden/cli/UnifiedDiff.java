package dev.warden.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts ({@code diff -u}, three lines of context), for {@code warden fmt
 * --diff}: {@code --- a/FILE}, {@code +++ b/FILE}, then {@code @@ -l,n +l,n @@} hunks, so that
 * {@code patch -p1} or {@code git apply} applies it. Lines are compared whole, by a longest common
 * subsequence.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The diff from {@code before} to {@code after}, or empty text when they are equal. */
    static String of(String file, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        // the edit script: ' ' kept, '-' removed from a, '+' added from b
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i++, j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i++, j));
            } else {
                edits.add(new Edit('+', b.get(j), i, j++));
            }
        }
        StringBuilder out = new StringBuilder("--- a/").append(file).append("\n+++ b/").append(file).append('\n');
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).kind == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // extend the hunk while the next change is within twice the context
            int quiet = 0;
            while (end < edits.size() && quiet <= 2 * CONTEXT) {
                quiet = edits.get(end).kind == ' ' ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(edits.size(), end - quiet + Math.min(quiet, CONTEXT));
            hunk(out, edits.subList(start, end));
            k = end;
        }
        return out.toString();
    }

    private record Edit(char kind, String line, int inA, int inB) {}

    private static void hunk(StringBuilder out, List<Edit> edits) {
        int fromA = edits.get(0).inA;
        int fromB = edits.get(0).inB;
        int countA = (int) edits.stream().filter(e -> e.kind != '+').count();
        int countB = (int) edits.stream().filter(e -> e.kind != '-').count();
        out.append("@@ -").append(range(fromA, countA)).append(" +").append(range(fromB, countB)).append(" @@\n");
        for (Edit e : edits) {
            out.append(e.kind).append(e.line).append('\n');
        }
    }

    /** A hunk's range: the first line (1-based; the line before it for an empty range) and the count. */
    private static String range(int from, int count) {
        return (count == 0 ? from : from + 1) + "," + count;
    }

    /** The lines of a text, each without its line feed; a last line without one is marked as diff marks it. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        } else {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n\\ No newline at end of file");
        }
        return lines;
    }
}
