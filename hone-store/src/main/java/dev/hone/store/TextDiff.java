package dev.hone.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (a longest common subsequence of lines), printed as unified-diff hunks:
 * {@code @@ -a,n +b,m @@}, then context lines with a space, removed with {@code -}, added with
 * {@code +}. Configs and prompts are short, so the quadratic table is small.
 */
final class TextDiff {
    private static final int CONTEXT = 2;

    private TextDiff() {
    }

    /** The diff from {@code before} to {@code after}; empty when they are equal. */
    static String of(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        // The edit script: ' ' kept, '-' only in before, '+' only in after.
        StringBuilder ops = new StringBuilder();
        List<String> texts = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.append(' ');
                texts.add(a.get(i));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                // Removals before additions, as diff prints them.
                ops.append('-');
                texts.add(a.get(i++));
            } else {
                ops.append('+');
                texts.add(b.get(j++));
            }
        }
        return hunks(ops, texts);
    }

    private static String hunks(CharSequence ops, List<String> texts) {
        StringBuilder out = new StringBuilder();
        int n = ops.length();
        int k = 0;
        int lineA = 1;
        int lineB = 1;
        while (k < n) {
            if (ops.charAt(k) == ' ') {
                k++;
                lineA++;
                lineB++;
                continue;
            }
            // A hunk: from CONTEXT kept lines before the change to CONTEXT kept lines after the last change it joins.
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            while (end < n) {
                int kept = 0;
                while (end + kept < n && ops.charAt(end + kept) == ' ') kept++;
                if (end + kept >= n || kept > 2 * CONTEXT) {
                    end = Math.min(n, end + Math.min(kept, CONTEXT));
                    break;
                }
                end += kept;
                while (end < n && ops.charAt(end) != ' ') end++;
            }
            int firstA = lineA - (k - start);
            int firstB = lineB - (k - start);
            int countA = 0;
            int countB = 0;
            StringBuilder body = new StringBuilder();
            for (int m = start; m < end; m++) {
                char op = ops.charAt(m);
                if (op != '+') countA++;
                if (op != '-') countB++;
                body.append(op).append(texts.get(m)).append('\n');
            }
            out.append("@@ -").append(firstA).append(',').append(countA).append(" +").append(firstB).append(',').append(countB)
                    .append(" @@\n").append(body);
            for (int m = k; m < end; m++) {
                char op = ops.charAt(m);
                if (op != '+') lineA++;
                if (op != '-') lineB++;
            }
            k = end;
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) return List.of();
        List<String> lines = List.of(text.split("\n", -1));
        // A final newline ends the last line; it does not start an empty one.
        return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }
}
