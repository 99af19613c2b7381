package dev.hone.config;

/**
 * The team's constraints and prices for the recommendation.
 *
 * @param monthlyRequests expected predictions per month
 * @param accuracyFloor minimum acceptable accuracy
 * @param latencyBudgetMs p95 latency a single prediction must stay within
 * @param cpuHourUsd price of one CPU core-hour, for local candidates
 * @param budgetPerMonth monthly spend limit in USD (0 = none)
 * @param tieMargin how far below the best validation accuracy a statistically tied, cheaper
 *                  candidate may be and still be preferred for its cost
 */
public record DecisionConfig(long monthlyRequests, double accuracyFloor, double latencyBudgetMs, double cpuHourUsd,
                             double budgetPerMonth, double tieMargin) {
}
