package dev.hone.optimize;

/**
 * How well one prompt did on the training examples it was scored on: the share predicted right,
 * and, to order prompts with equal accuracy, the mean probability the prompt gave the right label
 * (a softmax over the labels' cosines at the similarity candidates' temperature).
 */
record TrialScore(double accuracy, double meanTrueProbability) {
    /** Softmax temperature over cosines, as {@link dev.hone.strategy.similarity.SimilarityCandidate} scores. */
    static final double TEMPERATURE = 0.05;

    /**
     * Strictly better on the mean probability of the right label, then on accuracy. A template is
     * one choice among a few dozen made on a few dozen examples, and accuracy moves in steps of one
     * example, so the best by accuracy is often best by luck; the probability counts every example's
     * margin. Over bench/fewshot's protocol (5 datasets, N 8 and 64, 5 draws, both encoders) picking
     * by it raised the chosen template's test accuracy over the configured one's by 1.2 points on
     * average, against 0.9 for picking by accuracy (bench/RESULTS.md, "Prompt optimisation").
     */
    boolean fitsBetterThan(TrialScore other) {
        if (Math.abs(meanTrueProbability - other.meanTrueProbability) > 1e-12) return meanTrueProbability > other.meanTrueProbability;
        return accuracy > other.accuracy;
    }

    /** Strictly better: higher accuracy, or the same accuracy with the right label more probable. */
    boolean beats(TrialScore other) {
        if (accuracy != other.accuracy) return accuracy > other.accuracy;
        return meanTrueProbability > other.meanTrueProbability + 1e-12;
    }

    /**
     * Scores label scores against the truth.
     *
     * @param scores per example, one score per label (higher is closer; -1 for a label with nothing to compare)
     * @param truth  per example, the index of its label
     */
    static TrialScore of(double[][] scores, int[] truth) {
        int right = 0;
        double probability = 0;
        for (int i = 0; i < scores.length; i++) {
            double[] s = scores[i];
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < s.length; l++) {
                if (s[l] > max) {
                    max = s[l];
                    best = l;
                }
            }
            if (best == truth[i]) right++;
            double sum = 0;
            for (double v : s) sum += Math.exp((v - max) / TEMPERATURE);
            probability += Math.exp((s[truth[i]] - max) / TEMPERATURE) / sum;
        }
        int n = Math.max(1, scores.length);
        return new TrialScore((double) right / n, probability / n);
    }
}
