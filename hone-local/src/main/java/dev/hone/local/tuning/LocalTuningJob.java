package dev.hone.local.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.provider.FineTuneEvent;
import dev.hone.provider.FineTuneJob;
import dev.hone.provider.FineTuneRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process fine-tuning job as the local provider tracks it: what was asked, its status as
 * it moves queued → running → succeeded or failed, and its progress lines. Written to
 * {@code <work>/jobs/<id>.json} at every change of status, so a later process answers for a job
 * an earlier one ran. Safe to read while the training thread updates it.
 */
final class LocalTuningJob {
    private final String id;
    private final FineTuneRequest request;
    private final String settings;
    private final Path record;
    private final List<FineTuneEvent> events = new ArrayList<>();
    private String status = "queued";
    private String fineTunedModel = "";
    private long trainedTokens;
    private int truncatedAnswers;
    private String error = "";
    private final long createdAt;
    private long finishedAt;

    LocalTuningJob(String id, FineTuneRequest request, String settings, Path record, long createdAt) {
        this.id = id;
        this.request = request;
        this.settings = settings;
        this.record = record;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    FineTuneRequest request() {
        return request;
    }

    synchronized FineTuneJob snapshot() {
        return new FineTuneJob(id, status, request.baseModel(), fineTunedModel, trainedTokens, error, createdAt, finishedAt,
                truncatedAnswers);
    }

    synchronized List<FineTuneEvent> events() {
        return List.copyOf(events);
    }

    synchronized void event(String message) {
        events.add(new FineTuneEvent(id + "-event-" + (events.size() + 1), System.currentTimeMillis() / 1000, message));
    }

    synchronized void running() {
        status = "running";
        save();
    }

    /** @param cutAnswers examples whose answer lost its end to fit the maximum length */
    synchronized void succeeded(Path tuned, long tokens, int cutAnswers) {
        status = "succeeded";
        fineTunedModel = tuned.toString();
        trainedTokens = tokens;
        truncatedAnswers = cutAnswers;
        finishedAt = System.currentTimeMillis() / 1000;
        save();
    }

    synchronized void failed(String reason) {
        status = "failed";
        error = reason == null || reason.isBlank() ? "the trainer stopped without a message" : reason;
        finishedAt = System.currentTimeMillis() / 1000;
        save();
    }

    /** Through a temporary file and a rename, so a crash never leaves half a record. */
    synchronized void save() {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", id).put("status", status).put("base_model", request.baseModel())
                .put("training_file_id", request.trainingFileId()).put("epochs", request.epochs()).put("batch_size", request.batchSize())
                .put("learning_rate_multiplier", request.learningRateMultiplier()).put("suffix", request.suffix())
                .put("settings", settings).put("fine_tuned_model", fineTunedModel).put("trained_tokens", trainedTokens)
                .put("truncated_answers", truncatedAnswers).put("error", error).put("created_at", createdAt)
                .put("finished_at", finishedAt);
        try {
            Files.createDirectories(record.getParent());
            Json.writeAtomically(record, node);
        } catch (IOException e) {
            throw new HoneException("cannot record local fine-tuning job " + id + " in " + record + " (" + e.getMessage()
                    + "); make the provider's cache_dir writable", e);
        }
    }

    /** A job an earlier process recorded, as it was when last written. */
    static LocalTuningJob read(Path record) {
        try {
            JsonNode n = Json.MAPPER.readTree(record.toFile());
            FineTuneRequest request = new FineTuneRequest(n.path("training_file_id").asText(), n.path("base_model").asText(),
                    n.path("epochs").asInt(), n.path("batch_size").asInt(), n.path("learning_rate_multiplier").asDouble(),
                    n.path("suffix").asText(""));
            LocalTuningJob job = new LocalTuningJob(n.path("id").asText(), request, n.path("settings").asText(), record,
                    n.path("created_at").asLong());
            job.status = n.path("status").asText("queued");
            job.fineTunedModel = n.path("fine_tuned_model").asText("");
            job.trainedTokens = n.path("trained_tokens").asLong();
            job.truncatedAnswers = n.path("truncated_answers").asInt(0);
            job.error = n.path("error").asText("");
            job.finishedAt = n.path("finished_at").asLong();
            job.snapshot();    // checks the status and that a success names its model
            return job;
        } catch (IOException | IllegalArgumentException e) {
            throw new HoneException(record + ": the record of a local fine-tuning job is unreadable (" + e.getMessage()
                    + "); delete it to train that job again");
        }
    }
}
