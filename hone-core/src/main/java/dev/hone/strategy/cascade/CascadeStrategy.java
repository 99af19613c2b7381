package dev.hone.strategy.cascade;

import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.dataset.Splits;
import dev.hone.error.BadInputException;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import java.util.ArrayList;
import java.util.Map;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Builds both parts, then picks the confidence threshold on the validation split (unless the config
 * fixes it; out of fold on the training set when there is no validation split): every distinct
 * local confidence is a possible threshold; the one with the most correct answers wins, the lowest
 * among ties (fewest escalations), within {@code max_escalation}.
 */
final class CascadeStrategy implements Strategy {
    /** Used when there is neither a validation split nor enough training examples (4) to choose on. */
    static final double FALLBACK_THRESHOLD = 0.5;

    private final CascadeConfig config;

    CascadeStrategy(CascadeConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        Candidate local = Strategies.of(config.local()).build(data);
        Candidate remote = Strategies.of(config.remote()).build(data);
        double threshold = !Double.isNaN(config.threshold()) ? config.threshold()
                : !data.validation().isEmpty() ? choose(local.predictBatch(texts(data.validation())),
                        remote.predictBatch(texts(data.validation())), labels(data.validation()), config.maxEscalation())
                : data.train().size() >= 4 ? chooseOutOfFold(data, remote)
                : FALLBACK_THRESHOLD;
        return new CascadeCandidate(local, config.local().kind(), remote, threshold);
    }

    /**
     * No validation split (too little data, so candidates are compared by cross-validation): the
     * local part's confidences come from two folds of the training set, each predicted by a local
     * candidate built on the other fold, so no text is judged by a model that saw it.
     */
    private double chooseOutOfFold(TrainingData data, Candidate remote) {
        // Stratified: each label's examples, shuffled with the seed, dealt alternately into the two folds.
        Map<String, List<Example>> byLabel = Splits.byLabel(data.train());
        List<Example> first = new ArrayList<>();
        List<Example> second = new ArrayList<>();
        Random random = new Random(data.seed() + 17);
        for (List<Example> examples : byLabel.values()) {
            List<Example> shuffled = new ArrayList<>(examples);
            Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); i++) (i % 2 == 0 ? first : second).add(shuffled.get(i));
        }
        List<Prediction> near;
        try {
            near = new ArrayList<>(predictHeldOut(data, second, first));
            near.addAll(predictHeldOut(data, first, second));
        } catch (BadInputException tooSmall) {
            // Half the training set cannot build the local part (e.g. few-shot k above half a class): use the fixed default.
            return FALLBACK_THRESHOLD;
        }
        List<Example> held = new ArrayList<>(first);
        held.addAll(second);
        return choose(near, remote.predictBatch(texts(held)), labels(held), config.maxEscalation());
    }

    private List<Prediction> predictHeldOut(TrainingData data, List<Example> fit, List<Example> held) {
        TrainingData part = data.withExamples(List.copyOf(fit), List.of());
        return Strategies.of(config.local()).build(part).predictBatch(texts(held));
    }

    private static List<String> texts(List<Example> examples) {
        return examples.stream().map(Example::text).toList();
    }

    private static List<String> labels(List<Example> examples) {
        return examples.stream().map(Example::label).toList();
    }

    /** The threshold with the most correct answers, the lowest among ties, escalating at most maxEscalation of the texts. */
    static double choose(List<Prediction> near, List<Prediction> far, List<String> truth, double maxEscalation) {
        TreeSet<Double> thresholds = new TreeSet<>();
        thresholds.add(0.0);
        near.forEach(p -> thresholds.add(p.score()));
        // Just above the highest confidence: everything escalates.
        thresholds.add(Math.nextUp(near.stream().mapToDouble(Prediction::score).max().orElse(1)));
        double best = 0;
        int bestCorrect = -1;
        for (double t : thresholds) {
            int correct = 0;
            int escalated = 0;
            for (int i = 0; i < truth.size(); i++) {
                boolean escalate = near.get(i).score() < t;
                if (escalate) escalated++;
                correct += (escalate ? far : near).get(i).label().equals(truth.get(i)) ? 1 : 0;
            }
            if (escalated > maxEscalation * truth.size()) break; // higher thresholds only escalate more
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = t;
            }
        }
        return Math.min(best, 1.0);
    }
}
