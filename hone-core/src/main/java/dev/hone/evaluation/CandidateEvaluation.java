package dev.hone.evaluation;

import dev.hone.Classifier;
import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.error.BadInputException;
import dev.hone.results.CandidateCard;
import dev.hone.results.ClassifierResult.ClassFigures;
import dev.hone.results.ClassifierResult.Confusion;
import dev.hone.results.EvaluationResults;
import dev.hone.verdict.Interval;
import dev.hone.verdict.MacroF1;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A saved candidate measured on new labelled data, with the run's metric code: {@link Metrics} for
 * accuracy, macro-F1, per-class figures and the confusion matrix, a Wilson interval for accuracy and
 * the verdict's bootstrap for macro-F1.
 */
public final class CandidateEvaluation {
    /** As the verdict: 1,000 bootstrap resamples from a fixed seed, so the same data gives the same interval. */
    static final int RESAMPLES = 1000;
    static final long SEED = 7;
    static final int BATCH = 32;

    private CandidateEvaluation() {
    }

    /**
     * Classifies every example and measures the predictions; {@code progress} hears the number done
     * after each batch. A label the candidate cannot predict is bad input listing the labels it knows.
     */
    public static EvaluationResults evaluate(Classifier classifier, CandidateCard card, Path candidate, Path data, String sha256,
                                             List<Example> examples, IntConsumer progress) {
        checkLabels(examples, classifier.labels(), data);
        List<String> truth = examples.stream().map(Example::label).toList();
        List<String> predicted = new ArrayList<>(examples.size());
        for (int start = 0; start < examples.size(); start += BATCH) {
            List<String> texts = examples.subList(start, Math.min(start + BATCH, examples.size())).stream().map(Example::text).toList();
            classifier.predictBatch(texts).stream().map(Prediction::label).forEach(predicted::add);
            progress.accept(predicted.size());
        }
        Metrics metrics = Metrics.of(truth, predicted, classifier.labels());
        Interval macroF1 = MacroF1.bootstrap(truth, predicted, RESAMPLES, SEED);
        Map<String, ClassFigures> perClass = new LinkedHashMap<>();
        metrics.perClass().forEach((label, m) -> perClass.put(label, new ClassFigures(m.precision(), m.recall(), m.f1(), m.support())));
        return new EvaluationResults(EvaluationResults.FORMAT, candidate.toString(), card.name(), card.kind(), card.model(),
                data.toString(), sha256, metrics.total(), metrics.correct(), metrics.accuracy(),
                List.of(metrics.accuracyInterval()[0], metrics.accuracyInterval()[1]), metrics.macroF1(),
                List.of(macroF1.low(), macroF1.high()), card.metrics() == null ? null : card.metrics().accuracy(), perClass,
                new Confusion(metrics.labels(), metrics.confusion()), predicted);
    }

    private static void checkLabels(List<Example> examples, List<String> known, Path data) {
        Set<String> knownSet = Set.copyOf(known);
        Map<String, String> unknown = new LinkedHashMap<>();
        for (Example e : examples) {
            if (!knownSet.contains(e.label())) unknown.putIfAbsent(e.label(), e.location());
        }
        if (unknown.isEmpty()) return;
        StringBuilder message = new StringBuilder(data + ": " + unknown.size() + (unknown.size() == 1 ? " label" : " labels")
                + " the candidate never predicts:");
        unknown.forEach((label, location) -> message.append("\n  '").append(label).append("' (first at ").append(location).append(")"));
        message.append("\nThe candidate's labels: ").append(String.join(", ", new LinkedHashSet<>(known)))
                .append("\nRename those labels in the data, or leave the rows out.");
        throw new BadInputException(message.toString());
    }
}
