package dev.hone.verdict;

import dev.hone.results.ClassifierResult;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expected accuracy of candidates the selection examples cannot separate: each one's selection
 * accuracy, weighed against what the few-shot protocol says about its route, each by its certainty.
 * The run's figure counts as much as its binomial variance allows (16 examples: ±12 points; 300:
 * ±3); the prior as much as its spread between the protocol's datasets. The prior is a lead over the
 * average route, so it is anchored at the level the candidates' own figures imply (their mean once
 * each route's lead is taken off). A route the protocol never ran keeps its own figure.
 *
 * @param expected       per candidate, its expected accuracy
 * @param perClass       labelled training examples per class, the size the prior was read at
 * @param priorUsed      whether any candidate had a prior to lean on
 */
record Expectations(Map<ClassifierResult, Double> expected, double perClass, boolean priorUsed) {

    static Expectations of(List<ClassifierResult> contenders, RoutePrior prior, double perClass, String encoder, int examples) {
        Map<ClassifierResult, Optional<RoutePrior.Belief>> beliefs = new LinkedHashMap<>();
        for (ClassifierResult c : contenders) beliefs.put(c, prior.of(c.routeOrKind(), perClass, encoder));
        double level = beliefs.entrySet().stream().filter(e -> e.getValue().isPresent())
                .mapToDouble(e -> e.getKey().validationAccuracy() - e.getValue().get().advantage()).average().orElse(0);
        Map<ClassifierResult, Double> expected = new LinkedHashMap<>();
        beliefs.forEach((c, belief) -> expected.put(c, belief.map(b -> combine(c.validationAccuracy(), examples,
                level + b.advantage(), b.sd())).orElse(c.validationAccuracy())));
        return new Expectations(expected, perClass, beliefs.values().stream().anyMatch(Optional::isPresent));
    }

    /** Precision-weighted mean of the observed accuracy (binomial variance, one success and failure added) and the prior. */
    static double combine(double accuracy, int examples, double priorMean, double priorSd) {
        if (examples <= 0) return priorMean;
        double smoothed = (accuracy * examples + 1) / (examples + 2.0);
        double observedPrecision = examples / (smoothed * (1 - smoothed));
        double priorPrecision = 1 / (priorSd * priorSd);
        return (accuracy * observedPrecision + priorMean * priorPrecision) / (observedPrecision + priorPrecision);
    }

    /** The highest expectation; equal ones go to the better on selection, then the fewest trained weights, then the name. */
    ClassifierResult highest() {
        return expected.entrySet().stream().max(Comparator.<Map.Entry<ClassifierResult, Double>>comparingDouble(Map.Entry::getValue)
                .thenComparingDouble(e -> e.getKey().validationAccuracy())
                .thenComparing(e -> -e.getKey().trainableParameters())
                .thenComparing(e -> e.getKey().name(), Comparator.reverseOrder())).orElseThrow().getKey();
    }

    double of(ClassifierResult c) {
        return expected.get(c);
    }
}
