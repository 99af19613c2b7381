package dev.hone.strategy;

import dev.hone.provider.PerplexityProbe;

/**
 * What an LLM fine-tuning job did and cost, for results.json and the verdict: a hosted job on the
 * provider's machines, or training in this process ({@code type: local}).
 *
 * @param trainedTokens tokens the job trained on (a hosted provider's figure, which it bills)
 * @param trainingUsd   trainedTokens at the provider's {@code usd_per_million_training_tokens}
 * @param jobSeconds    the job's wall time (the candidate's train_seconds)
 * @param waitSeconds   time Hone waited for the job, over every run that waited
 * @param resumed       the job was found in the ledger (an earlier run started it): nothing was uploaded or created now
 * @param ledger        the file holding the job's record
 * @param inProcess     the job trained on this machine's cores (its CPU time is a cost), not on the provider's
 * @param forgetting    general-text perplexity of the base and the tuned model; null when the provider cannot measure it
 * @param truncatedAnswers examples whose answer (a long reference output) the trainer cut to fit its maximum length
 */
public record LlmFineTune(String jobId, String baseModel, String fineTunedModel, String trainingFileId, int examples,
                          long estimatedTokens, long trainedTokens, double trainingUsd, double jobSeconds, double waitSeconds,
                          boolean resumed, String ledger, boolean inProcess, PerplexityProbe.Perplexities forgetting,
                          int truncatedAnswers) {
    /** The folder in a saved candidate that holds a copy of an in-process job's adapters, so the candidate stands alone. */
    public static final String SAVED_ADAPTERS = "adapter";

    public LlmFineTune {
        if (jobId == null || jobId.isBlank()) throw new IllegalArgumentException("jobId is required");
        if (fineTunedModel == null || fineTunedModel.isBlank()) throw new IllegalArgumentException("fineTunedModel is required");
        if (trainedTokens < 0 || !(trainingUsd >= 0) || !(jobSeconds >= 0) || !(waitSeconds >= 0)) {
            throw new IllegalArgumentException("job " + jobId + ": tokens, cost and times must be ≥ 0");
        }
    }
}
