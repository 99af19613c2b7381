package dev.hone.verdict;

import java.util.List;

/**
 * The 95% interval on the accuracy difference of two candidates judged on the same examples, from
 * the examples where exactly one of them is right. Half a disagreement is added each way, so that
 * identical predictions on a handful of examples prove no equivalence (both right on all 16
 * cross-validated texts says little); on hundreds of examples the half disappears in the count.
 *
 * @param difference accuracy of the first minus the second
 * @param halfWidth  half the interval's width
 */
record PairedDifference(double difference, double halfWidth) {
    private static final double Z95 = 1.959964;

    /**
     * @param repeats how many times each distinct example is in {@code truth} (repeated cross-validation
     *                predicts every example once per repeat, and those predictions are not independent)
     */
    static PairedDifference of(List<String> truth, List<String> first, List<String> second, int repeats) {
        int n = truth.size();
        if (n == 0 || first.size() != n || second.size() != n) return new PairedDifference(0, Double.POSITIVE_INFINITY);
        int onlyFirst = 0;
        int onlySecond = 0;
        for (int i = 0; i < n; i++) {
            boolean a = truth.get(i).equals(first.get(i));
            boolean b = truth.get(i).equals(second.get(i));
            if (a && !b) onlyFirst++;
            if (b && !a) onlySecond++;
        }
        double difference = (double) (onlyFirst - onlySecond) / n;
        // Half a disagreement each way per distinct example's worth of predictions (one per repeat).
        double pseudo = Math.max(1, repeats);
        double smoothed = (onlyFirst - onlySecond) / (n + pseudo);
        double variance = (onlyFirst + onlySecond + pseudo) / (n + pseudo) - smoothed * smoothed;
        double distinct = Math.max(1.0, (double) n / Math.max(1, repeats));
        return new PairedDifference(difference, Z95 * Math.sqrt(Math.max(0, variance) / distinct));
    }

    /** The interval excludes no difference: one candidate is better, as far as these examples can tell. */
    boolean separates() {
        return Math.abs(difference) > halfWidth;
    }

    /** The whole interval lies within ±{@code margin}: the examples show the two are equally good, to that margin. */
    boolean within(double margin) {
        return Math.abs(difference) + halfWidth <= margin + 1e-12;
    }
}
