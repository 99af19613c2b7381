package dev.hone.results;

/**
 * What a candidate measured beyond the common fields, one record per kind of evidence. A candidate
 * carries the pieces that apply to it ({@link ClassifierResult#evidence()}).
 */
public sealed interface Evidence permits Forgetting, PerplexityForgetting, LlmEvidence, LlmFineTuneJob, DistillationEvidence,
        RetrievalEvidence, GenerationEvidence, OptimizationEvidence {
}
