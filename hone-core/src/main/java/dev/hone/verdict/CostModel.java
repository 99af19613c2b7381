package dev.hone.verdict;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prices and limits from the config's {@code decision} object, with the documented defaults in one place.
 *
 * @param monthlyRequests     expected requests per month (default 100,000)
 * @param accuracyFloor       minimum validation accuracy a candidate must reach (default 0.0)
 * @param latencyBudgetMs     maximum p95 latency in milliseconds (default 50)
 * @param budgetPerMonth      maximum serving cost per month in USD, or {@code NaN} for none (default none)
 * @param cpuHourUsd          price of one CPU-hour in USD (default 0.05)
 * @param usdPerMillionInput  price of a million LLM input tokens (default 0; LLM candidates set it)
 * @param usdPerMillionOutput price of a million LLM output tokens (default 0)
 * @param cores               CPU cores the training used (from provenance, default 1)
 * @param tieMargin           how far below the best validation accuracy a tied, cheaper candidate may be (default 0.02)
 */
public record CostModel(double monthlyRequests, double accuracyFloor, double latencyBudgetMs, double budgetPerMonth,
                        double cpuHourUsd, double usdPerMillionInput, double usdPerMillionOutput, int cores,
                        double tieMargin) {
    public CostModel {
        if (monthlyRequests < 0 || cpuHourUsd < 0 || usdPerMillionInput < 0 || usdPerMillionOutput < 0) {
            throw new IllegalArgumentException("decision.monthly_requests and prices must be >= 0; fix the config");
        }
        if (accuracyFloor < 0 || accuracyFloor > 1) {
            throw new IllegalArgumentException("decision.accuracy_floor must be in [0, 1], got " + accuracyFloor);
        }
        if (tieMargin < 0 || tieMargin > 1) {
            throw new IllegalArgumentException("decision.tie_margin must be in [0, 1], got " + tieMargin);
        }
        if (cores < 1) {
            throw new IllegalArgumentException("provenance.host_cores must be >= 1, got " + cores);
        }
    }

    /** Reads {@code config.decision} and {@code provenance.host_cores}, filling documented defaults. */
    public static CostModel from(JsonNode results) {
        JsonNode d = results.path("config").path("decision");
        return new CostModel(
                d.path("monthly_requests").asDouble(100_000),
                d.path("accuracy_floor").asDouble(0.0),
                d.path("latency_budget_ms").asDouble(50),
                // Absent or 0 means no budget (the config documents 0 as "none").
                d.path("budget_per_month").asDouble(0) > 0 ? d.get("budget_per_month").asDouble() : Double.NaN,
                d.path("cpu_hour_usd").asDouble(0.05),
                d.path("usd_per_million_input_tokens").asDouble(0),
                d.path("usd_per_million_output_tokens").asDouble(0),
                Math.max(1, results.path("provenance").path("host_cores").asInt(1)),
                d.path("tie_margin").asDouble(0.02));
    }

    /** Serving cost of one request: local CPU time plus, for LLM candidates, tokens at their provider's prices (else decision's). */
    public double perRequestUsd(Candidate c) {
        double cpu = c.cpuSecondsPer1000() / 1000.0 / 3600.0 * cpuHourUsd;
        double priceIn = Double.isNaN(c.usdPerMillionInput()) ? usdPerMillionInput : c.usdPerMillionInput();
        double priceOut = Double.isNaN(c.usdPerMillionOutput()) ? usdPerMillionOutput : c.usdPerMillionOutput();
        double tokens = (c.tokensInPerRequest() * priceIn + c.tokensOutPerRequest() * priceOut) / 1_000_000.0;
        return cpu + tokens;
    }

    public double monthlyUsd(Candidate c) {
        return perRequestUsd(c) * monthlyRequests;
    }

    /**
     * Upfront cost: training seconds on all cores at the CPU-hour price (none for prompt-only
     * candidates and hosted jobs), plus money paid to a provider before serving (a fine-tuning
     * job's trained tokens, a teacher's labelling).
     */
    public double trainingUsd(Candidate c) {
        double cpu = c.trainsLocally() ? c.trainSeconds() * cores / 3600.0 * cpuHourUsd : 0;
        return cpu + c.upfrontUsd();
    }
}
