package dev.hone.verdict;

import java.util.List;

/**
 * Exact McNemar test: a two-sided binomial test on the discordant pairs of two classifiers scored on the same examples.
 */
public final class McNemar {
    private McNemar() {
    }

    /**
     * Two-sided exact p-value for {@code b} examples only the first got right and {@code c} only the second got right.
     */
    public static double pValue(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got b=" + b + ", c=" + c);
        }
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        // Summed in log space so that large discordant counts do not underflow 0.5^n.
        double tail = 0;
        double logHalfN = n * Math.log(0.5);
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logChoose(n, i) + logHalfN);
        }
        return Math.min(1.0, 2 * tail);
    }

    /** p-value comparing two prediction lists against the same truth. */
    public static double pValue(List<String> truth, List<String> first, List<String> second) {
        if (truth.size() != first.size() || truth.size() != second.size()) {
            throw new IllegalArgumentException("prediction lists must match the " + truth.size()
                    + " examples, got " + first.size() + " and " + second.size());
        }
        int b = 0;
        int c = 0;
        for (int i = 0; i < truth.size(); i++) {
            boolean a = truth.get(i).equals(first.get(i));
            boolean s = truth.get(i).equals(second.get(i));
            if (a && !s) {
                b++;
            } else if (s && !a) {
                c++;
            }
        }
        return pValue(b, c);
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
