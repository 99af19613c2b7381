package dev.hone.langchain4j;

import dev.hone.Classifier;
import dev.hone.Hone;
import dev.hone.Prediction;
import dev.langchain4j.classification.ClassificationResult;
import dev.langchain4j.classification.ScoredLabel;
import dev.langchain4j.classification.TextClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A LangChain4j {@link TextClassifier} backed by a candidate Hone saved (a probe, a LoRA or full
 * fine-tune, few-shot, zero-shot…), so a LangChain4j application routes texts with the classifier
 * Hone recommended, in the JVM and offline. The scores are Hone's: the same labels and scores
 * {@code hone predict} prints for the same texts.
 *
 * <p>Like LangChain4j's {@code EmbeddingModelTextClassifier}, {@link #classify} returns the best
 * label only unless {@code maxResults} says more; labels scoring below {@code minScore} are left out.
 * Scored labels come best first.
 */
public final class HoneTextClassifier implements TextClassifier<String> {
    private final Classifier classifier;
    private final int maxResults;
    private final double minScore;

    /** The best label of each text, whatever its score. */
    public HoneTextClassifier(Classifier classifier) {
        this(classifier, 1, 0);
    }

    /**
     * Up to {@code maxResults} labels per text (1 or more), those scoring at least {@code minScore}
     * (within [0, 1]).
     */
    public HoneTextClassifier(Classifier classifier, int maxResults, double minScore) {
        if (classifier == null) throw new IllegalArgumentException("classifier must not be null");
        if (maxResults < 1) throw new IllegalArgumentException("maxResults must be >= 1, got " + maxResults);
        if (!(minScore >= 0 && minScore <= 1)) throw new IllegalArgumentException("minScore must be within [0, 1], got " + minScore);
        this.classifier = classifier;
        this.maxResults = maxResults;
        this.minScore = minScore;
    }

    /** The candidate saved in {@code OUT/candidates/NAME}, or a run folder's recommended one; best label only. */
    public static HoneTextClassifier fromCandidate(Path candidateOrRunDirectory) {
        return new HoneTextClassifier(Hone.load(candidateOrRunDirectory));
    }

    /** As {@link #fromCandidate(Path)}, with up to {@code maxResults} labels scoring at least {@code minScore}. */
    public static HoneTextClassifier fromCandidate(Path candidateOrRunDirectory, int maxResults, double minScore) {
        return new HoneTextClassifier(Hone.load(candidateOrRunDirectory), maxResults, minScore);
    }

    /** The labels the candidate chooses from, in its fixed order. */
    public List<String> labels() {
        return classifier.labels();
    }

    @Override
    public ClassificationResult<String> classifyWithScores(String text) {
        return classifyAllWithScores(List.of(text)).get(0);
    }

    /** Each text's scored labels, the texts classified together (one batch through the encoder). */
    public List<ClassificationResult<String>> classifyAllWithScores(List<String> texts) {
        List<ClassificationResult<String>> results = new ArrayList<>(texts.size());
        for (Prediction prediction : classifier.predictBatch(texts)) results.add(scored(prediction));
        return results;
    }

    private ClassificationResult<String> scored(Prediction prediction) {
        List<ScoredLabel<String>> labels = new ArrayList<>();
        // The predicted label first (it wins ties as it does in Hone), then the others best first,
        // equal scores in the candidate's label order.
        labels.add(new ScoredLabel<>(prediction.label(), prediction.score()));
        classifier.labels().stream()
                .filter(label -> !label.equals(prediction.label()) && prediction.scores().containsKey(label))
                .sorted(Comparator.comparingDouble(label -> -prediction.scores().get(label)))
                .forEach(label -> labels.add(new ScoredLabel<>(label, prediction.scores().get(label))));
        return new ClassificationResult<>(labels.stream()
                .filter(label -> label.score() >= minScore)
                .limit(maxResults)
                .toList());
    }
}
