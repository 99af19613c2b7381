package dev.hone.verdict;

import dev.hone.results.CandidateResults;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The rules the retrieval and generation verdicts share: the latency budget, and the tie margin around the best score. */
final class Choice {
    private Choice() {
    }

    /** Candidates whose p95 fits the budget; one whose latency was not measured is not ruled out for it. */
    static <C extends CandidateResults> List<C> withinLatencyBudget(List<C> candidates, double budgetMs) {
        return candidates.stream().filter(c -> c.latencyMsP95() == null || !(c.latencyMsP95() > budgetMs)).toList();
    }

    /** Candidates scoring at least {@code best − margin} (with a hair of slack for rounding). */
    static <C> List<C> withinMargin(List<C> candidates, ToDoubleFunction<C> score, double best, double margin) {
        return candidates.stream().filter(c -> score.applyAsDouble(c) >= best - margin - 1e-9).toList();
    }
}
