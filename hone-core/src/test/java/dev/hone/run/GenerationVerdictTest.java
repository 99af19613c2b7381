package dev.hone.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.config.DecisionConfig;
import dev.hone.config.GenerateConfig;
import dev.hone.config.StrategyKind;
import dev.hone.generation.GenerationMetrics;
import dev.hone.provider.ProviderConfig;
import dev.hone.strategy.LlmUsage;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationVerdictTest {
    private static final ProviderConfig PROVIDER = new ProviderConfig("p", "openai", URI.create("http://localhost:1/v1"), "m", "", 1, 1,
            1, 0, 1, 1, null);

    private static GenerationCandidate candidate(String name, double selectionF1, long tokensPerAnswer, double p95) {
        GenerateConfig strategy = new GenerateConfig(name, StrategyKind.LLM_GENERATE, PROVIDER, "", "{input}", 0, "random", null, 0, 10);
        GenerationMetrics selection = new GenerationMetrics(10, 0, selectionF1, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
                Double.NaN, false);
        LlmUsage usage = new LlmUsage("p", "m", 10, 10, 0, 10 * tokensPerAnswer, 0, 0, "x", 1, 1, 10, p95 / 2, p95);
        return new GenerationCandidate(strategy, selection, selection, List.of(), usage, 0, 0);
    }

    private static DecisionConfig decision(double latencyBudgetMs, double tieMargin) {
        return new DecisionConfig(1_000_000, 0, latencyBudgetMs, 0.05, 0, tieMargin);
    }

    @Test
    void theBestTokenF1WinsUnlessACheaperOneIsWithinTheTieMargin() {
        List<GenerationCandidate> candidates = List.of(candidate("big", 0.80, 900, 50), candidate("small", 0.79, 100, 50),
                candidate("poor", 0.50, 10, 50));
        Decision tied = GenerationVerdict.decide(candidates, decision(1000, 0.02), false, 10);
        assertThat(tied.recommended()).isEqualTo("small");
        assertThat(tied.reason()).contains("within the 0.02 tie margin of big").contains("on validation (10 pairs)").doesNotContain("Caveat");
        Decision strict = GenerationVerdict.decide(candidates, decision(1000, 0), false, 10);
        assertThat(strict.recommended()).isEqualTo("big");
        assertThat(strict.reason()).contains("big has the best token F1 0.800").contains("small 0.790").contains("poor 0.500");
    }

    @Test
    void theLatencyBudgetRulesCandidatesOut() {
        List<GenerationCandidate> candidates = List.of(candidate("slow", 0.9, 100, 5000), candidate("fast", 0.6, 100, 40));
        Decision decision = GenerationVerdict.decide(candidates, decision(100, 0.02), false, 10);
        assertThat(decision.recommended()).isEqualTo("fast");
        assertThat(decision.reason()).contains("slow 0.900 (over the latency budget)");
        assertThat(GenerationVerdict.decide(candidates, decision(10, 0.02), false, 10).recommended()).isNull();
    }

    @Test
    void choosingOnTestSaysSo() {
        Decision decision = GenerationVerdict.decide(List.of(candidate("only", 0.7, 10, 10)), decision(100, 0.02), true, 4);
        assertThat(decision.reason()).contains("on test (4 pairs)").contains("Caveat").contains("optimistic");
    }
}
