package dev.hone.strategy.llmfinetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Remote fine-tuning jobs on disk, one JSON file per job key ({@code <directory>/<key>.json}),
 * written through a temporary file and a rename so a crash never leaves half a record. Unlike the
 * answer cache, a record that cannot be written stops the run: without it the next run could
 * start (and pay for) the same job again.
 */
final class FineTuneLedger {
    private final Path directory;

    FineTuneLedger(Path directory) {
        this.directory = directory;
    }

    Path file(String key) {
        return directory.resolve(key + ".json");
    }

    Optional<FineTuneJobState> find(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode n = Json.MAPPER.readTree(file.toFile());
            return Optional.of(new FineTuneJobState(n.path("key").asText(), n.path("base_url").asText(), n.path("base_model").asText(),
                    n.path("hyperparameters").asText(), n.path("training_file_sha256").asText(), n.path("examples").asInt(),
                    n.path("estimated_tokens").asLong(), n.path("file_id").asText(""), n.path("job_id").asText(""),
                    n.path("status").asText("new"), n.path("fine_tuned_model").asText(""), n.path("trained_tokens").asLong(0),
                    n.path("error").asText(""), n.path("created_at").asLong(0), n.path("finished_at").asLong(0),
                    n.path("waited_seconds").asDouble(0), n.path("truncated_answers").asInt(0)));
        } catch (IOException | IllegalArgumentException e) {
            throw new HoneException(file + ": the record of a fine-tuning job is unreadable (" + e.getMessage()
                    + "); it names the job an earlier run started, so fix it or, to start a new job (paid again), delete it");
        }
    }

    void save(FineTuneJobState s) {
        Path file = file(s.key());
        ObjectNode node = Json.MAPPER.createObjectNode().put("key", s.key()).put("base_url", s.baseUrl()).put("base_model", s.baseModel())
                .put("hyperparameters", s.hyperparameters()).put("training_file_sha256", s.trainingSha256())
                .put("examples", s.examples()).put("estimated_tokens", s.estimatedTokens()).put("file_id", s.fileId())
                .put("job_id", s.jobId()).put("status", s.status()).put("fine_tuned_model", s.fineTunedModel())
                .put("trained_tokens", s.trainedTokens()).put("error", s.error()).put("created_at", s.createdAt())
                .put("finished_at", s.finishedAt()).put("waited_seconds", s.waitedSeconds())
                .put("truncated_answers", s.truncatedAnswers());
        try {
            Files.createDirectories(directory);
            Json.writeAtomically(file, node);
        } catch (IOException e) {
            throw new HoneException("cannot record fine-tuning job state in " + file + " (" + e.getMessage()
                    + "); make the provider's cache_dir writable" + (s.jobId().isEmpty() ? "" : "; job " + s.jobId() + " is running on the server"), e);
        }
    }
}
