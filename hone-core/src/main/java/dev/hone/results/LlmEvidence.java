package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Token usage, prices and parse failures of a candidate that asks an LLM, written flat into the
 * candidate (the verdict's cost model reads the per-request figures) with the counts in {@code llm}.
 *
 * @param escalationRate a cascade's share of texts sent to its LLM; null for every other kind
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmEvidence(double tokensInPerRequest, double tokensOutPerRequest, double usdPerMillionInputTokens,
                          double usdPerMillionOutputTokens, double parseFailureRate, String promptSha256,
                          Double escalationRate, Counts llm) implements Evidence {

    /** Nothing of it was in the file: the candidate asked no LLM (an unwrapped object reads back empty, not null). */
    boolean absent() {
        return llm == null && promptSha256 == null && escalationRate == null && tokensInPerRequest == 0 && tokensOutPerRequest == 0
                && usdPerMillionInputTokens == 0 && usdPerMillionOutputTokens == 0 && parseFailureRate == 0;
    }

    /** {@code llm}: which model answered and how many requests, tokens and failures that took. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Counts(String provider, String model, long predictions, long requests, long cachedRequests,
                         long parseFailures, long inputTokens, long outputTokens, long escalated, double usdPerPrediction) {
    }
}
