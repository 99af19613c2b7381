package dev.hone.run;

import dev.hone.config.GenerateConfig;
import dev.hone.generation.GenerationMetrics;
import dev.hone.generation.ScoredAnswer;
import dev.hone.results.OptimizationEvidence;
import dev.hone.strategy.LlmFineTune;
import dev.hone.strategy.LlmUsage;
import java.util.List;

/**
 * One generation strategy's measurements.
 *
 * @param selection    metrics on the pairs the recommendation is chosen on (validation, or test when there is none)
 * @param test         metrics on the test pairs
 * @param testAnswers  every test pair's answer and scores, in test order
 * @param usage        tokens, prices and answer times over all its answers
 * @param setupSeconds indexing time of its knowledge base (rag; 0 when reused or for llm-generate), or
 *                     the fine-tuning job's time (llm-finetune), plus its prompt search's time
 * @param job          what llm-finetune's job did and cost; null for the other kinds
 * @param optimization how an {@code optimize:} strategy's prompt was searched; null for the others
 */
record GenerationCandidate(GenerateConfig strategy, GenerationMetrics selection, GenerationMetrics test,
                           List<ScoredAnswer> testAnswers, LlmUsage usage, double setupSeconds, long encoderParameters,
                           LlmFineTune job, OptimizationEvidence optimization) {
    GenerationCandidate {
        testAnswers = List.copyOf(testAnswers);
    }

    String name() {
        return strategy.name();
    }

    /** Serving cost of one answer at the provider's token prices. */
    double usdPerPrediction() {
        return usage.usdPerPrediction();
    }

    /** Paid before the candidate could answer: a hosted fine-tuning job, or the prompt search's requests. */
    double upfrontUsd() {
        return (job == null ? 0 : job.trainingUsd()) + (optimization == null ? 0 : optimization.usd());
    }
}
