package dev.hone.strategy.llmfinetune;

import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.engine.weights.Safetensors;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.strategy.LlmFineTune;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * What a saved llm-finetune candidate keeps of its job, whichever task it serves:
 * {@code finetune.json} (the job, its model and cost) and, for an in-process job, a copy of the
 * adapters in {@value LlmFineTune#SAVED_ADAPTERS}/ (a few megabytes; the base is not copied), so
 * the candidate folder stands alone for {@code hone generate}, {@code serve} and {@code export}.
 */
public final class FineTunedFiles {
    public static final String JOB_FILE = "finetune.json";

    private FineTunedFiles() {
    }

    /** An in-process job's adapter weights (its saved tensors' elements); a hosted job's are unknown here, so 0. */
    public static long adapterParameters(LlmFineTune job) {
        Path weights = Path.of(job.fineTunedModel()).resolve(PeftAdapterFolder.WEIGHTS_FILE);
        if (!job.inProcess() || !Files.isRegularFile(weights)) return 0;
        return Safetensors.read(weights).values().stream().mapToLong(t -> t.values().length).sum();
    }

    /** Writes {@value #JOB_FILE} into {@code directory} and copies an in-process job's adapters beside it. */
    public static void save(LlmFineTune job, Path directory) {
        try {
            Files.createDirectories(directory);
            Json.PRETTY.writeValue(directory.resolve(JOB_FILE).toFile(),
                    Json.MAPPER.createObjectNode().put("job_id", job.jobId()).put("base_model", job.baseModel())
                            .put("fine_tuned_model", job.fineTunedModel()).put("training_file_id", job.trainingFileId())
                            .put("trained_tokens", job.trainedTokens()).put("training_usd", job.trainingUsd())
                            .put("job_seconds", job.jobSeconds()));
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve(JOB_FILE) + ": " + e.getMessage(), e);
        }
        if (job.inProcess()) copyAdapters(Path.of(job.fineTunedModel()), directory.resolve(LlmFineTune.SAVED_ADAPTERS));
    }

    private static void copyAdapters(Path tuned, Path target) {
        if (!Files.isDirectory(tuned)) return;
        try (Stream<Path> files = Files.list(tuned)) {
            Files.createDirectories(target);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HoneException("cannot copy the adapters " + tuned + " into " + target + ": " + e.getMessage(), e);
        }
    }
}
