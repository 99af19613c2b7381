package dev.hone.strategy;

/**
 * What an LLM candidate's predictions cost and how often the reply could not be read, over every
 * prediction it made in the run (test, validation and timing; cached replies count what they
 * cost when first asked, so the figures describe serving, not this run's bill).
 *
 * @param predictions  texts classified
 * @param requests     chat requests made for them (samples × predictions for self-consistency)
 * @param parseFailures predictions whose reply matched no label
 * @param promptSha256 hash of the prompt templates, to compare prompt versions across runs
 * @param escalated    predictions the LLM answered (all of them, except in a cascade)
 * @param latencyP50Ms median time the server took per prediction (as first answered, so cache hits keep their
 *                     original time); NaN when unknown (a cascade, whose latency is measured as a whole)
 * @param latencyP95Ms the 95th percentile of the same
 */
public record LlmUsage(String provider, String model, long predictions, long requests, long parseFailures, long inputTokens,
                       long outputTokens, long cachedRequests, String promptSha256, double usdPerMillionInput,
                       double usdPerMillionOutput, long escalated, double latencyP50Ms, double latencyP95Ms) {
    public LlmUsage {
        if (escalated < 0 || escalated > predictions) {
            throw new IllegalArgumentException("escalated must be within [0, predictions], got " + escalated + " of " + predictions);
        }
        if (predictions < 0 || requests < 0 || parseFailures < 0 || parseFailures > predictions) {
            throw new IllegalArgumentException("inconsistent LLM usage counts: " + predictions + " predictions, " + parseFailures
                    + " parse failures");
        }
    }

    /** Tokens sent per classified text (all samples of it). */
    public double inputTokensPerPrediction() {
        return predictions == 0 ? 0 : inputTokens / (double) predictions;
    }

    public double outputTokensPerPrediction() {
        return predictions == 0 ? 0 : outputTokens / (double) predictions;
    }

    /** Share of predictions the LLM answered: 1 for an LLM candidate, the escalation rate of a cascade. */
    public double escalationRate() {
        return predictions == 0 ? 0 : escalated / (double) predictions;
    }

    public double parseFailureRate() {
        return predictions == 0 ? 0 : parseFailures / (double) predictions;
    }

    /** USD per classified text at the provider's token prices. */
    public double usdPerPrediction() {
        return (inputTokensPerPrediction() * usdPerMillionInput + outputTokensPerPrediction() * usdPerMillionOutput) / 1_000_000.0;
    }
}
