package dev.hone.strategy.llmfinetune;

import dev.hone.Prediction;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.LlmUsage;
import dev.hone.strategy.LlmFineTune;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The fine-tuned model, asked like an llm-zero-shot candidate (the wrapped LLM candidate does
 * all the asking), plus what its job did. Saved as that candidate's {@code llm.json} (naming
 * the {@code ft:} model) plus {@link FineTunedFiles}: {@code finetune.json} with the job and an
 * in-process job's adapters in {@code adapter/}.
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

    @Override
    public long trainableParameters() {
        return FineTunedFiles.adapterParameters(job);
    }

    @Override
    public long totalParameters() {
        return 0;
    }

    @Override
    public void save(Path directory) {
        answering.save(directory);
        FineTunedFiles.save(job, directory);
    }
}
