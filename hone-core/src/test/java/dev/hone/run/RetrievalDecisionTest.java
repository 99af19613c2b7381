package dev.hone.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.results.Decision;
import dev.hone.results.RetrievalCandidate;
import dev.hone.results.RetrievalEvidence;
import dev.hone.verdict.RetrievalVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalDecisionTest {
    private static RetrievalCandidate mode(String name, double ndcg, double p50, double p95) {
        return new RetrievalCandidate(name, "retrieval", p50, p95, 1000 / p50, 0, 0, 0,
                new RetrievalEvidence(name, 5, 10, 0.9, 0.8, ndcg, List.of()));
    }

    private static Decision decide(List<RetrievalCandidate> modes, int k, double latencyBudgetMs) {
        return RetrievalVerdict.decide(modes, k, latencyBudgetMs, "protocol");
    }

    @Test
    void recommendsTheBestNdcgAndSaysWhy() {
        Decision d = decide(List.of(mode("vector", 0.80, 20, 30), mode("bm25", 0.70, 1, 2),
                mode("hybrid", 0.85, 22, 35)), 5, 100);
        assertThat(d.recommended()).isEqualTo("hybrid");
        assertThat(d.reason()).contains("best nDCG@5, 0.850").contains("vector 0.800").contains("bm25 0.700");
    }

    @Test
    void leavesOutModesOverTheLatencyBudgetAndBreaksTiesBySpeed() {
        Decision d = decide(List.of(mode("vector", 0.80, 20, 30), mode("bm25", 0.80, 1, 2),
                mode("hybrid", 0.90, 60, 120)), 5, 100);
        assertThat(d.recommended()).isEqualTo("bm25");
        assertThat(d.reason()).contains("hybrid 0.900 (over the latency budget)");
        Decision none = decide(List.of(mode("vector", 0.8, 200, 300)), 5, 100);
        assertThat(none.recommended()).isNull();
        assertThat(none.reason()).contains("latency budget");
    }

    @Test
    void percentilesAreNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(RetrievalRunner.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(RetrievalRunner.percentile(sorted, 0.95)).isEqualTo(10);
        assertThat(RetrievalRunner.percentile(new double[0], 0.5)).isNaN();
    }
}
