package dev.hone.provider;

import java.util.Set;

/**
 * A fine-tuning job as the server reports it.
 *
 * @param status         validating_files, queued, running, succeeded, failed or cancelled
 * @param fineTunedModel the model to ask once the job succeeded (e.g. {@code ft:gpt-4o-mini:org::abc}); "" before
 * @param trainedTokens  tokens the job trained on (billed), 0 until known
 * @param error          the server's reason when the job failed; "" otherwise
 * @param createdAt      server time the job was created, epoch seconds (0 if not given)
 * @param finishedAt     server time it ended, epoch seconds (0 while it runs)
 * @param truncatedAnswers training examples whose answer the trainer cut at its end to fit its maximum
 *                       length (an in-process job reports it; a hosted server applies its own limits, reported as 0)
 */
public record FineTuneJob(String id, String status, String baseModel, String fineTunedModel, long trainedTokens, String error,
                          long createdAt, long finishedAt, int truncatedAnswers) {
    public static final Set<String> STATUSES = Set.of("validating_files", "queued", "running", "succeeded", "failed", "cancelled");

    public FineTuneJob {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a fine-tuning job needs an id");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("job " + id + ": status must be one of " + String.join(", ", STATUSES.stream().sorted().toList())
                    + ", got '" + status + "'");
        }
        fineTunedModel = fineTunedModel == null ? "" : fineTunedModel;
        error = error == null ? "" : error;
        if (truncatedAnswers < 0) throw new IllegalArgumentException("job " + id + ": truncatedAnswers must be ≥ 0, got " + truncatedAnswers);
        if (trainedTokens < 0) throw new IllegalArgumentException("job " + id + ": trainedTokens must be ≥ 0, got " + trainedTokens);
        if ("succeeded".equals(status) && fineTunedModel.isBlank()) {
            throw new IllegalArgumentException("job " + id + " succeeded but names no fine_tuned_model");
        }
    }

    /** A job as a hosted server reports it: nothing cut by Hone. */
    public FineTuneJob(String id, String status, String baseModel, String fineTunedModel, long trainedTokens, String error,
                       long createdAt, long finishedAt) {
        this(id, status, baseModel, fineTunedModel, trainedTokens, error, createdAt, finishedAt, 0);
    }

    /** Succeeded, failed or cancelled: nothing will change any more. */
    public boolean finished() {
        return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
    }

    public boolean succeeded() {
        return status.equals("succeeded");
    }
}
