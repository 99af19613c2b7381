package dev.hone.strategy.llmfinetune;

import dev.hone.provider.FineTuneJob;

/**
 * What Hone knows about one remote fine-tuning job, recorded on disk after every step so a later
 * run resumes instead of paying again. {@code key} is sha256 over the training file, the server,
 * the base model and the hyperparameters: the same config on the same data finds the same job.
 *
 * @param fileId        the uploaded training file, "" before the upload
 * @param jobId         the job, "" before it was created
 * @param status        "new", "uploaded", or the job's last status as the server reported it
 * @param waitedSeconds time Hone spent waiting for the job, summed over every run that waited
 * @param truncatedAnswers examples whose answer the trainer cut to fit its maximum length, as the job reported
 */
record FineTuneJobState(String key, String baseUrl, String baseModel, String hyperparameters, String trainingSha256,
                        int examples, long estimatedTokens, String fileId, String jobId, String status, String fineTunedModel,
                        long trainedTokens, String error, long createdAt, long finishedAt, double waitedSeconds,
                        int truncatedAnswers) {
    FineTuneJobState {
        if (key == null || !key.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("key must be a sha256 hex digest, got " + key);
        fileId = fileId == null ? "" : fileId;
        jobId = jobId == null ? "" : jobId;
        fineTunedModel = fineTunedModel == null ? "" : fineTunedModel;
        error = error == null ? "" : error;
        if (!jobId.isEmpty() && fileId.isEmpty()) throw new IllegalArgumentException("job " + jobId + " has no training file id");
        if (!(waitedSeconds >= 0)) throw new IllegalArgumentException("waitedSeconds must be ≥ 0, got " + waitedSeconds);
    }

    static FineTuneJobState fresh(String key, String baseUrl, String baseModel, String hyperparameters, ChatTrainingFile file) {
        return new FineTuneJobState(key, baseUrl, baseModel, hyperparameters, file.sha256(), file.examples(), file.estimatedTokens(),
                "", "", "new", "", 0, "", 0, 0, 0, 0);
    }

    FineTuneJobState uploaded(String newFileId) {
        return new FineTuneJobState(key, baseUrl, baseModel, hyperparameters, trainingSha256, examples, estimatedTokens, newFileId,
                jobId, "uploaded", fineTunedModel, trainedTokens, error, createdAt, finishedAt, waitedSeconds, truncatedAnswers);
    }

    /** The job as the server last reported it, after waiting {@code waited} more seconds for it. */
    FineTuneJobState observed(FineTuneJob job, double waited) {
        return new FineTuneJobState(key, baseUrl, baseModel, hyperparameters, trainingSha256, examples, estimatedTokens, fileId,
                job.id(), job.status(), job.fineTunedModel(), job.trainedTokens(), job.error(), job.createdAt(), job.finishedAt(),
                waitedSeconds + waited, job.truncatedAnswers());
    }

    boolean succeeded() {
        return status.equals("succeeded");
    }

    boolean failed() {
        return status.equals("failed") || status.equals("cancelled");
    }

    /** The job's wall time on the server (created → finished), or Hone's own waiting when the server gave no times. */
    double jobSeconds() {
        return createdAt > 0 && finishedAt >= createdAt ? finishedAt - createdAt : waitedSeconds;
    }
}
