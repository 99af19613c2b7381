package dev.hone.verdict;

import dev.hone.results.Decision;
import dev.hone.results.RetrievalCandidate;
import java.util.List;
import java.util.Locale;

/** The recommendation of a retrieval run: the best nDCG@k among the search modes within the latency budget. */
public final class RetrievalVerdict {
    private RetrievalVerdict() {
    }

    /** Best nDCG@k among the modes within the latency budget (p95); ties go to the faster mode (p50). */
    public static Decision decide(List<RetrievalCandidate> modes, int k, double latencyBudgetMs, String protocol) {
        List<RetrievalCandidate> within = Choice.withinLatencyBudget(modes, latencyBudgetMs);
        if (within.isEmpty()) {
            return Decision.of(null, "none", String.format(Locale.ROOT, "no search mode answers within the %.0f ms p95 latency budget;"
                    + " raise decision.latency_budget_ms or use a smaller model", latencyBudgetMs), protocol);
        }
        RetrievalCandidate best = within.stream().min((a, b) -> {
            int byQuality = Double.compare(b.retrieval().ndcgAtK(), a.retrieval().ndcgAtK());
            return byQuality != 0 ? byQuality : Double.compare(a.latencyMsP50(), b.latencyMsP50());
        }).orElseThrow();
        StringBuilder others = new StringBuilder();
        for (RetrievalCandidate r : modes) {
            if (r == best) continue;
            others.append(others.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", r.name(), r.retrieval().ndcgAtK()));
            if (!within.contains(r)) others.append(" (over the latency budget)");
        }
        return Decision.of(best.name(), "recommended", String.format(Locale.ROOT,
                "%s has the best nDCG@%d, %.3f%s; recall@%d %.3f, MRR %.3f, p50 %.1f ms per query",
                best.name(), k, best.retrieval().ndcgAtK(), others.isEmpty() ? "" : " (vs " + others + ")", k,
                best.retrieval().recallAtK(), best.retrieval().mrr(), best.latencyMsP50()), protocol);
    }
}
