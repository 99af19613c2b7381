package dev.hone.provider;

import java.util.List;

/**
 * A provider that can also fine-tune its models as hosted jobs (OpenAI's {@code /files} and
 * {@code /fine_tuning/jobs}). It speaks the protocol only: deciding when to upload, resuming a
 * job an earlier run started and polling until it ends is the caller's business, so every call
 * here is one request (with the provider's retries) and none is repeated behind the caller's back.
 * A {@link Provider} implements this interface too when its server offers fine-tuning.
 *
 * <p>Four calls rather than one: the caller records each result on disk before making the next,
 * which is what lets an interrupted run resume without paying twice.
 */
public interface FineTuningProvider {

    /** Uploads a chat-format JSONL training file ({@code purpose=fine-tune}); returns the server's file id. */
    String uploadTrainingFile(String fileName, byte[] jsonl);

    /** Starts a job. Not retried on timeouts or server errors: a lost answer could mean a job that is already paid for. */
    FineTuneJob createJob(FineTuneRequest request);

    /** The job's current state. */
    FineTuneJob job(String jobId);

    /** The job's most recent events, oldest first; servers without an events endpoint report none. */
    default List<FineTuneEvent> events(String jobId) {
        return List.of();
    }
}
