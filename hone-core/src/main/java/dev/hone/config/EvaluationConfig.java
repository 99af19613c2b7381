package dev.hone.config;

import java.util.List;

/**
 * How candidates are measured.
 *
 * @param repeats reruns of stochastic candidates with new seeds (mean ± sd)
 * @param seed the run's base seed
 * @param latencySamples texts timed one at a time for the latency percentiles
 * @param curve training examples per class at which every strategy is also built and measured
 *              (a learning curve); empty for none
 * @param selection how the candidates are compared for the choice (validation split or cross-validation)
 * @param folds k of the stratified k-fold cross-validation (fewer when the smallest class has fewer examples)
 * @param crossValidationRepeats how many times the k-fold cross-validation is run, each with a new seeded fold assignment
 */
public record EvaluationConfig(int repeats, long seed, int latencySamples, List<Integer> curve, SelectionMode selection,
                               int folds, int crossValidationRepeats) {
    public EvaluationConfig {
        curve = List.copyOf(curve);
        if (selection == null) throw new IllegalArgumentException("evaluation.selection must be set (auto, validation or cross-validation)");
        if (folds < 2) throw new IllegalArgumentException("evaluation.folds must be ≥ 2, got " + folds);
        if (crossValidationRepeats < 1) throw new IllegalArgumentException("evaluation.cv_repeats must be ≥ 1, got " + crossValidationRepeats);
    }
}
