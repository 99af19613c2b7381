package dev.hone.strategy.distill;

import dev.hone.Prediction;
import dev.hone.engine.model.TextEncoder;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Distillation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A student trained on a teacher's labels: it predicts, measures and saves exactly as the
 * LoRA or full fine-tuned candidate it is (so {@code Hone.load} rebuilds it as one), and also
 * says how its labels were made.
 */
final class DistilledCandidate implements Candidate {
    private final Candidate student;
    private final Distillation distillation;

    DistilledCandidate(Candidate student, Distillation distillation) {
        this.student = student;
        this.distillation = distillation;
    }

    @Override
    public List<String> labels() {
        return student.labels();
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        return student.predictBatch(texts);
    }

    @Override
    public Optional<Distillation> distillation() {
        return Optional.of(distillation);
    }

    @Override
    public Optional<TextEncoder> encoder() {
        return student.encoder();
    }

    @Override
    public long extraMultiplyAddsPerPrediction() {
        return student.extraMultiplyAddsPerPrediction();
    }

    @Override
    public Optional<TextEncoder> tunedEncoder() {
        return student.tunedEncoder();
    }

    @Override
    public long trainableParameters() {
        return student.trainableParameters();
    }

    @Override
    public long totalParameters() {
        return student.totalParameters();
    }

    @Override
    public void save(Path directory) {
        student.save(directory);
    }
}
