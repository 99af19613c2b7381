package dev.hone.verdict;

import dev.hone.config.DecisionConfig;
import dev.hone.results.ClassifierResult;

/**
 * Prices and limits from the config's {@code decision} block, applied to a candidate's measured figures.
 *
 * @param monthlyRequests expected requests per month
 * @param accuracyFloor   minimum validation accuracy a candidate must reach
 * @param latencyBudgetMs maximum p95 latency in milliseconds
 * @param budgetPerMonth  maximum serving cost per month in USD, or {@code NaN} for none
 * @param cpuHourUsd      price of one CPU-hour in USD
 * @param cores           CPU cores the training used (from provenance)
 * @param tieMargin       how far below the best validation accuracy a tied, cheaper candidate may be
 */
public record CostModel(double monthlyRequests, double accuracyFloor, double latencyBudgetMs, double budgetPerMonth,
                        double cpuHourUsd, int cores, double tieMargin) {
    public CostModel {
        if (monthlyRequests < 0 || cpuHourUsd < 0) {
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

    /** The run's decision block on a machine of {@code cores} cores; a budget of 0 means none. */
    public static CostModel of(DecisionConfig decision, int cores) {
        return new CostModel(decision.monthlyRequests(), decision.accuracyFloor(), decision.latencyBudgetMs(),
                decision.budgetPerMonth() > 0 ? decision.budgetPerMonth() : Double.NaN, decision.cpuHourUsd(),
                Math.max(1, cores), decision.tieMargin());
    }

    /**
     * Serving cost of one request: local CPU time plus, for LLM candidates, tokens at their provider's
     * prices. The CPU time is the cost model's ({@link ClassifierResult#serving()}) where the run made
     * one, else the candidate's own timing (results written before it).
     */
    public double perRequestUsd(ClassifierResult c) {
        double seconds = c.serving() != null ? c.serving().cpuSecondsPer1000() : c.cpuSecondsPer1000();
        double cpu = seconds / 1000.0 / 3600.0 * cpuHourUsd;
        if (c.llmUsage() == null) return cpu;
        var u = c.llmUsage();
        return cpu + (u.tokensInPerRequest() * u.usdPerMillionInputTokens() + u.tokensOutPerRequest() * u.usdPerMillionOutputTokens()) / 1_000_000.0;
    }

    public double monthlyUsd(ClassifierResult c) {
        return perRequestUsd(c) * monthlyRequests;
    }

    /**
     * Upfront cost: training seconds on all cores at the CPU-hour price (none for prompt-only
     * candidates and hosted jobs, except the time an in-process prompt search took), plus money paid
     * to a provider before serving (a fine-tuning job's trained tokens, a teacher's labelling, a prompt
     * search's requests).
     */
    public double trainingUsd(ClassifierResult c) {
        double seconds = c.trainsLocally() ? c.trainSeconds()
                : c.optimization() != null && c.optimization().requests() == 0 ? c.optimization().seconds() : 0;
        return seconds * cores / 3600.0 * cpuHourUsd + c.upfrontUsd();
    }
}
