package dev.hone.provider;

/**
 * What {@link LikelihoodScorer#scoreContinuations} found.
 *
 * @param logProbabilities per continuation, in the order asked: the natural-log probability of its tokens after the prompt (≤ 0)
 * @param usage            tokens the model read: the prompt once plus every continuation's tokens; none generated
 * @param latencyMillis    how long the scoring took
 */
public record ContinuationScores(double[] logProbabilities, Usage usage, long latencyMillis) {
    public ContinuationScores {
        if (logProbabilities == null || logProbabilities.length == 0) throw new IllegalArgumentException("logProbabilities must hold one value per continuation");
        if (usage == null) throw new IllegalArgumentException("usage must not be null (use Usage.NONE)");
        if (latencyMillis < 0) throw new IllegalArgumentException("latencyMillis must be ≥ 0, got " + latencyMillis);
        logProbabilities = logProbabilities.clone();
    }

    @Override
    public double[] logProbabilities() {
        return logProbabilities.clone();
    }
}
