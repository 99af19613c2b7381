package dev.hone.strategy;

import dev.hone.Prediction;
import dev.hone.config.CascadeConfig;
import dev.hone.dataset.Example;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds both parts, then picks the confidence threshold on the validation split (unless the config
 * fixes it): every distinct local confidence is a possible threshold; the one with the best
 * validation accuracy wins, the lowest among ties (fewest escalations), within {@code max_escalation}.
 */
final class CascadeStrategy implements Strategy {
    /** Used when there is no validation split to choose on (cross-validated selection on tiny data). */
    static final double FALLBACK_THRESHOLD = 0.5;

    private final CascadeConfig config;

    CascadeStrategy(CascadeConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        Candidate local = Strategies.of(config.local()).build(data);
        Candidate remote = Strategies.of(config.remote()).build(data);
        double threshold = Double.isNaN(config.threshold()) ? choose(local, remote, data.validation()) : config.threshold();
        return new CascadeCandidate(local, config.local().kind(), remote, threshold);
    }

    private double choose(Candidate local, Candidate remote, List<Example> validation) {
        if (validation.isEmpty()) return FALLBACK_THRESHOLD;
        List<String> texts = validation.stream().map(Example::text).toList();
        return choose(local.predictBatch(texts), remote.predictBatch(texts), validation.stream().map(Example::label).toList(),
                config.maxEscalation());
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
