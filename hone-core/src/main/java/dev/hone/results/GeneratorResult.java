package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One candidate of a generation run: its LLM usage (flat, as a classifier's) and its answers.
 *
 * @param throughputPerS null when no answer time was measured
 * @param trainSeconds   indexing time of its knowledge base (rag; 0 when reused or for llm-generate), or the
 *                       fine-tuning job's time (llm-finetune)
 * @param upfrontUsd     paid before the candidate could answer: a hosted fine-tuning job's training, or the
 *                       requests of its prompt search ({@code optimization.usd})
 * @param finetune       llm-finetune's job (the same block as a classification candidate's); null for the other kinds
 * @param optimization   how an {@code optimize:} strategy's prompt was searched (every trial); null for the others
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratorResult(String name, String kind, String provider, @JsonUnwrapped LlmEvidence llmUsage,
                              Double latencyMsP50, Double latencyMsP95, String latencySource,
                              @JsonInclude(JsonInclude.Include.ALWAYS) Double throughputPerS, String throughputSource,
                              double trainSeconds, long trainableParameters, long totalParameters, boolean promptOnly,
                              double usdPerPrediction, double upfrontUsd, LlmFineTuneJob finetune, GenerationEvidence generation,
                              OptimizationEvidence optimization)
        implements CandidateResults {
}
