package dev.hone.strategy.fewshot;

import dev.hone.dataset.Example;
import dev.hone.dataset.Splits;
import dev.hone.error.BadInputException;
import dev.hone.optimize.OptimizedCandidate;
import dev.hone.optimize.ReferenceSelection;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.similarity.ReferenceSet;
import dev.hone.strategy.similarity.SimilarityCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * In-context examples for an encoder. {@code select: random} draws k examples per class once
 * (seeded); {@code select: similar} keeps every training example and, per query, uses the k of
 * each class most similar to it; a prototype without k averages every example of its class.
 * Classification is by k-NN or class prototypes; a prototype also averages in its label's
 * sentence ({@link TrainingData#labelSentences()}). With {@code optimize:}, the references are then
 * selected on the training examples ({@link ReferenceSelection}).
 */
final class FewShotStrategy implements Strategy {
    private final FewShotConfig config;

    FewShotStrategy(FewShotConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        Map<String, List<Example>> byLabel = Splits.byLabel(data.train());
        int smallest = byLabel.values().stream().mapToInt(List::size).min().orElse(0);
        int k = config.kFor(smallest);
        if (k > smallest) {
            String label = byLabel.entrySet().stream().filter(e -> e.getValue().size() == smallest).findFirst().orElseThrow().getKey();
            throw new BadInputException("strategy '" + config.name() + "': k = " + k + " examples per class, but label '"
                    + label + "' has only " + smallest + " training examples; lower k to at most " + smallest);
        }
        boolean every = config.everyExample();
        boolean similar = !every && config.select().equals("similar");
        SplittableRandom random = new SplittableRandom(data.seed());
        List<Example> references = new ArrayList<>();
        for (Map.Entry<String, List<Example>> entry : byLabel.entrySet()) {
            references.addAll(similar || every ? entry.getValue() : Splits.shuffle(entry.getValue(), random).subList(0, k));
        }
        SimilarityCandidate.Method method = config.method().equals("prototype")
                ? SimilarityCandidate.Method.PROTOTYPE : SimilarityCandidate.Method.KNN;
        // The label's own sentence pulls its prototype towards the label's meaning (TrainingData.LABEL_SENTENCE_WEIGHT).
        List<Example> labelSentences = method == SimilarityCandidate.Method.PROTOTYPE ? data.labelSentences() : List.of();
        ReferenceSelection.Result selected = config.optimize() == null ? null : ReferenceSelection.search(data, references,
                labelSentences, method == SimilarityCandidate.Method.KNN, similar ? k : 0, config.optimize());
        if (selected != null) references = selected.references();
        List<String> texts = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (Example e : references) {
            texts.add(e.text());
            indices.add(data.labels().indexOf(e.label()));
        }
        for (Example e : labelSentences) {
            texts.add(e.text());
            indices.add(data.labels().indexOf(e.label()));
        }
        Candidate candidate = new SimilarityCandidate(data.model(), data.labels(),
                new ReferenceSet(texts, indices.stream().mapToInt(Integer::intValue).toArray()), method, similar ? k : 0);
        return selected == null ? candidate : new OptimizedCandidate(candidate, selected.evidence());
    }
}
