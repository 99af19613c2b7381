package dev.hone.verdict;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Macro-averaged F1 and its seeded percentile-bootstrap 95% interval. */
public final class MacroF1 {
    private MacroF1() {
    }

    /** Macro-F1 over the labels that occur in the truth or the predictions of the chosen rows. */
    public static double of(List<String> truth, List<String> predicted, int[] rows) {
        Set<String> labels = new HashSet<>();
        for (int r : rows) {
            labels.add(truth.get(r));
            labels.add(predicted.get(r));
        }
        double sum = 0;
        for (String label : labels) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int r : rows) {
                boolean t = truth.get(r).equals(label);
                boolean p = predicted.get(r).equals(label);
                if (t && p) {
                    tp++;
                } else if (p) {
                    fp++;
                } else if (t) {
                    fn++;
                }
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return labels.isEmpty() ? 0 : sum / labels.size();
    }

    /** Percentile bootstrap 95% interval with {@code resamples} resamples drawn from a generator seeded by {@code seed}. */
    public static Interval bootstrap(List<String> truth, List<String> predicted, int resamples, long seed) {
        int n = truth.size();
        if (n == 0 || predicted.size() != n) {
            throw new IllegalArgumentException("bootstrap needs equal, non-empty truth and predictions, got "
                    + n + " and " + predicted.size());
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] scores = new double[resamples];
        int[] rows = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                rows[i] = random.nextInt(n);
            }
            scores[b] = of(truth, predicted, rows);
        }
        java.util.Arrays.sort(scores);
        int lo = (int) Math.floor(0.025 * (resamples - 1));
        int hi = (int) Math.ceil(0.975 * (resamples - 1));
        return new Interval(scores[lo], scores[hi]);
    }
}
