package dev.hone.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code remote_finetune}: the hosted fine-tuning job behind a candidate.
 *
 * @param jobSeconds  the job's own time on the provider's machines
 * @param waitSeconds this run's wait for it (short when resumed)
 * @param ledger      the file that lets a later run resume the job instead of paying for it again
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RemoteFineTuneJob(String jobId, String baseModel, String fineTunedModel, String trainingFileId, int examples,
                                long estimatedTokens, long trainedTokens, double trainingUsd, double jobSeconds,
                                double waitSeconds, boolean resumed, String ledger) implements Evidence {
}
