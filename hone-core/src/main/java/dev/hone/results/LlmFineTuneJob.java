package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code finetune}: the LLM fine-tuning job behind a candidate ({@code llm-finetune}). Files
 * written before in-process tuning call it {@code remote_finetune} and have no {@code in_process}
 * (their jobs were all hosted).
 *
 * @param jobSeconds  the job's own time, on the provider's machines or on this one
 * @param waitSeconds this run's wait for it (short when resumed)
 * @param ledger      the file that lets a later run resume the job instead of paying for it again
 * @param inProcess   trained on this machine's cores, so its CPU time is a training cost
 * @param forgetting  the general-text perplexity before and after tuning; null when the provider cannot measure it (hosted jobs)
 * @param truncatedAnswers examples whose answer (a long reference output) the in-process trainer cut at its end to fit
 *                    its maximum length, so the model learnt their beginnings only; 0 for hosted jobs (the provider's own limits apply)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmFineTuneJob(String jobId, String baseModel, String fineTunedModel, String trainingFileId, int examples,
                             long estimatedTokens, long trainedTokens, double trainingUsd, double jobSeconds,
                             double waitSeconds, boolean resumed, String ledger, boolean inProcess,
                             PerplexityForgetting forgetting, int truncatedAnswers) implements Evidence {
}
