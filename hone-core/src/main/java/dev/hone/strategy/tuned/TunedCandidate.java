package dev.hone.strategy.tuned;

import dev.hone.Prediction;
import dev.hone.engine.model.TextEncoder;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.train.TunedClassifier;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A trained classifier (linear probe, LoRA, full fine-tune or contrastive + head) as a candidate. */
public final class TunedCandidate implements Candidate {
    private final TunedClassifier classifier;
    private final List<String> labels;

    public TunedCandidate(TunedClassifier classifier, List<String> labels) {
        this.classifier = classifier;
        this.labels = List.copyOf(labels);
    }

    /** Rebuilds a trained candidate from the classifier it saved. */
    public static TunedCandidate load(CandidateFolder folder) {
        return new TunedCandidate(folder.model().loadClassifier(folder.directory()), folder.labels());
    }

    TunedClassifier classifier() {
        return classifier;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        float[][] probabilities = classifier.probabilities(texts);
        List<Prediction> predictions = new ArrayList<>(texts.size());
        for (float[] row : probabilities) {
            Map<String, Double> scores = new LinkedHashMap<>();
            int best = 0;
            for (int c = 0; c < row.length; c++) {
                scores.put(labels.get(c), (double) row[c]);
                if (row[c] > row[best]) best = c;
            }
            predictions.add(new Prediction(labels.get(best), row[best], scores));
        }
        return predictions;
    }

    @Override
    public Optional<TextEncoder> encoder() {
        return Optional.of(classifier.encoder());
    }

    @Override
    public Optional<TextEncoder> tunedEncoder() {
        TextEncoder encoder = classifier.encoder();
        return encoder instanceof TunedEncoder tuned && tuned.trainableParameters() > 0 ? Optional.of(encoder) : Optional.empty();
    }

    /** The softmax head: one row of weights per label. */
    @Override
    public long extraMultiplyAddsPerPrediction() {
        return (long) labels.size() * classifier.encoder().info().dimension();
    }

    @Override
    public long trainableParameters() {
        return classifier.trainableParameters();
    }

    @Override
    public long totalParameters() {
        return classifier.totalParameters();
    }

    @Override
    public void save(Path directory) {
        classifier.save(directory);
    }
}
