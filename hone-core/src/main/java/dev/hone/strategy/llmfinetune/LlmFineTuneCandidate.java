package dev.hone.strategy.llmfinetune;

import dev.hone.Prediction;
import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.engine.weights.Safetensors;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.LlmUsage;
import dev.hone.strategy.LlmFineTune;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fine-tuned model, asked like an llm-zero-shot candidate (the wrapped LLM candidate does
 * all the asking), plus what its job did. Saved as that candidate's {@code llm.json} (naming
 * the {@code ft:} model) and {@code finetune.json} with the job; an in-process job's adapters are
 * copied into {@code adapter/}.
 */
final class LlmFineTuneCandidate implements Candidate {
    private final Candidate answering;
    private final LlmFineTune job;

    LlmFineTuneCandidate(Candidate answering, LlmFineTune job) {
        this.answering = answering;
        this.job = job;
    }

    @Override
    public List<String> labels() {
        return answering.labels();
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        return answering.predictBatch(texts);
    }

    @Override
    public Optional<LlmUsage> llmUsage() {
        return answering.llmUsage();
    }

    @Override
    public Optional<LlmFineTune> llmFineTune() {
        return Optional.of(job);
    }

    /** An in-process job's adapter weights (its saved tensors' elements); a hosted job's are unknown here, so 0. */
    @Override
    public long trainableParameters() {
        Path weights = Path.of(job.fineTunedModel()).resolve(PeftAdapterFolder.WEIGHTS_FILE);
        if (!job.inProcess() || !Files.isRegularFile(weights)) return 0;
        return Safetensors.read(weights).values().stream().mapToLong(t -> t.values().length).sum();
    }

    @Override
    public long totalParameters() {
        return 0;
    }

    @Override
    public void save(Path directory) {
        answering.save(directory);
        try {
            Json.PRETTY.writeValue(directory.resolve("finetune.json").toFile(),
                    Json.MAPPER.createObjectNode().put("job_id", job.jobId()).put("base_model", job.baseModel())
                            .put("fine_tuned_model", job.fineTunedModel()).put("training_file_id", job.trainingFileId())
                            .put("trained_tokens", job.trainedTokens()).put("training_usd", job.trainingUsd())
                            .put("job_seconds", job.jobSeconds()));
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve("finetune.json") + ": " + e.getMessage(), e);
        }
        if (job.inProcess()) copyAdapters(Path.of(job.fineTunedModel()), directory.resolve(LlmFineTune.SAVED_ADAPTERS));
    }

    /** An in-process job's model is a folder of adapters (a few megabytes, the base is not copied): kept with the candidate. */
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
