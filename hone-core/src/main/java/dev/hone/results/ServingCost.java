package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code serving}: what one prediction costs, by the cost model the verdict decides on. Candidates
 * on the same encoder share one measurement of its forward pass (rounds spread over the run, their
 * median), plus their own extra work priced at that pass's rate; an LLM's tokens are priced from its
 * usage. A candidate's own single timing stays in {@code latency_ms_*} and {@code cpu_seconds_per_1000}.
 *
 * @param sharedPass        the encoder whose measured forward pass every prediction runs; null when an LLM alone answers
 * @param cpuSecondsPer1000 modelled CPU seconds per 1,000 predictions
 * @param latencyMsP95      the figure the latency budget is checked on: the shared pass's median p95 plus the extra work,
 *                          or the candidate's own p95 where an LLM answers (some of) its requests
 * @param latencyMsP95Range the middle half of the measurement rounds' p95s, first to third quartile (its noise); null
 *                          for a single measurement
 * @param basis             how the figures were reckoned, in words
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServingCost(String sharedPass, @JsonProperty("cpu_seconds_per_1000") double cpuSecondsPer1000,
                          double latencyMsP95, List<Double> latencyMsP95Range, String basis) {

    /** Whether the budget lies within the middle half of the rounds: too close to call either way. */
    public boolean nearBudget(double budgetMs) {
        return latencyMsP95Range != null && latencyMsP95Range.get(0) <= budgetMs && latencyMsP95Range.get(1) > budgetMs;
    }
}
