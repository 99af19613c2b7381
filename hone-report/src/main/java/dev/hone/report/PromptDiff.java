package dev.hone.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff between the user's prompt and the optimised one (longest common subsequence): each
 * line marked kept ({@code ' '}), removed ({@code '-'}) or added ({@code '+'}). Prompts are short
 * (label sentences, a few hundred references at most); past {@link #MAX_LINES} lines a side the
 * diff is the two texts whole, removed then added.
 */
final class PromptDiff {
    static final int MAX_LINES = 2_000;

    /** One line of the diff. */
    record Line(char mark, String text) {
    }

    private PromptDiff() {
    }

    static List<Line> of(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Line> out = new ArrayList<>();
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            a.forEach(l -> out.add(new Line('-', l)));
            b.forEach(l -> out.add(new Line('+', l)));
            return out;
        }
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Line(' ', a.get(i++)));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                out.add(new Line('-', a.get(i++)));
            } else {
                out.add(new Line('+', b.get(j++)));
            }
        }
        while (i < a.size()) out.add(new Line('-', a.get(i++)));
        while (j < b.size()) out.add(new Line('+', b.get(j++)));
        return out;
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
