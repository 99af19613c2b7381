package dev.hone.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.config.DecisionConfig;
import dev.hone.dataset.GenerationDatasetReader;
import dev.hone.results.Decision;
import dev.hone.results.GenerationEvidence;
import dev.hone.results.GeneratorResult;
import dev.hone.results.LlmEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationVerdictTest {
    /** A candidate with {@code selectionF1} on validation whose answers cost {@code tokensPerAnswer} input tokens at $1 per million. */
    private static GeneratorResult candidate(String name, double selectionF1, long tokensPerAnswer, double p95) {
        var selection = new GenerationEvidence.Figures(10, 0.0, selectionF1, null, null, null, 0, null, null);
        var usage = new LlmEvidence(tokensPerAnswer, 0, 1, 1, 0, "x", null,
                new LlmEvidence.Counts("p", "m", 10, 10, 0, 0, 10 * tokensPerAnswer, 0, 0, tokensPerAnswer / 1e6));
        return new GeneratorResult(name, "llm-generate", "p", usage, p95 / 2, p95, null, 1.0, null, 0, 0, 0, true,
                tokensPerAnswer / 1e6, 0, null, new GenerationEvidence(selection, selection, List.of()), null);
    }

    private static DecisionConfig decision(double latencyBudgetMs, double tieMargin) {
        return new DecisionConfig(1_000_000, 0, latencyBudgetMs, 0.05, 0, tieMargin);
    }

    /** Unjudged, as the tests' candidates are; the caveat names the reader's minimum for a validation split. */
    private static Decision decide(List<GeneratorResult> candidates, DecisionConfig decision, boolean onTest, int selectionSize) {
        return GenerationVerdict.decide(candidates, decision, false, onTest, selectionSize, GenerationDatasetReader.MIN_VALIDATION);
    }

    @Test
    void theBestTokenF1WinsUnlessACheaperOneIsWithinTheTieMargin() {
        List<GeneratorResult> candidates = List.of(candidate("big", 0.80, 900, 50), candidate("small", 0.79, 100, 50),
                candidate("poor", 0.50, 10, 50));
        Decision tied = decide(candidates, decision(1000, 0.02), false, 10);
        assertThat(tied.recommended()).isEqualTo("small");
        assertThat(tied.reason()).contains("within the 0.02 tie margin of big").contains("on validation (10 pairs)").doesNotContain("Caveat");
        Decision strict = decide(candidates, decision(1000, 0), false, 10);
        assertThat(strict.recommended()).isEqualTo("big");
        assertThat(strict.reason()).contains("big has the best token F1 0.800").contains("small 0.790").contains("poor 0.500");
    }

    @Test
    void theLatencyBudgetRulesCandidatesOut() {
        List<GeneratorResult> candidates = List.of(candidate("slow", 0.9, 100, 5000), candidate("fast", 0.6, 100, 40));
        Decision decision = decide(candidates, decision(100, 0.02), false, 10);
        assertThat(decision.recommended()).isEqualTo("fast");
        assertThat(decision.reason()).contains("slow 0.900 (over the latency budget)");
        assertThat(decide(candidates, decision(10, 0.02), false, 10).recommended()).isNull();
    }

    @Test
    void choosingOnTestSaysSo() {
        Decision decision = decide(List.of(candidate("only", 0.7, 10, 10)), decision(100, 0.02), true, 4);
        assertThat(decision.reason()).contains("on test (4 pairs)").contains("Caveat").contains("optimistic");
    }

    @Test
    void thePrimaryFigureIsTheJudgesNormalisedGradeWhenJudgedElseTokenF1() {
        var graded = new GenerationEvidence.Figures(10, 0.0, 0.4, null, 4.0, 0.75, 0, null, null);
        var ungradable = new GenerationEvidence.Figures(10, 0.0, 0.4, null, null, null, 10, null, null);
        GeneratorResult c = candidate("c", 0.4, 10, 10);
        GeneratorResult judged = new GeneratorResult("j", "llm-generate", "p", c.llmUsage(), 5.0, 10.0, null, 1.0, null, 0, 0, 0,
                true, 1e-5, 0, null, new GenerationEvidence(graded, graded, List.of()), null);
        GeneratorResult nobodyCouldGrade = new GeneratorResult("n", "llm-generate", "p", c.llmUsage(), 5.0, 10.0, null, 1.0, null, 0,
                0, 0, true, 1e-5, 0, null, new GenerationEvidence(ungradable, ungradable, List.of()), null);
        assertThat(GenerationVerdict.primary(judged, true)).isEqualTo(0.75);
        assertThat(GenerationVerdict.primary(judged, false)).as("token F1 without a judge").isEqualTo(0.4);
        assertThat(GenerationVerdict.primary(nobodyCouldGrade, true)).as("ranks last").isZero();
    }
}
