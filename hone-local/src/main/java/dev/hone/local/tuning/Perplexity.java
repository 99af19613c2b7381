package dev.hone.local.tuning;

/**
 * How well a model predicts a text set: the mean negative log-likelihood (nats) of every token it
 * predicted, and its exponential, the perplexity (1 for a model that is always sure and right;
 * the vocabulary's size for one that guesses uniformly).
 *
 * @param tokens how many tokens were predicted (each text's first token only starts it)
 * @param texts  how many texts were read
 */
public record Perplexity(double meanNegativeLogLikelihood, long tokens, int texts) {
    public Perplexity {
        if (!(meanNegativeLogLikelihood >= 0) || Double.isInfinite(meanNegativeLogLikelihood)) {
            throw new IllegalArgumentException("meanNegativeLogLikelihood must be finite and ≥ 0, got " + meanNegativeLogLikelihood);
        }
        if (tokens < 1) throw new IllegalArgumentException("a perplexity needs at least one predicted token, got " + tokens);
    }

    public double perplexity() {
        return Math.exp(meanNegativeLogLikelihood);
    }
}
