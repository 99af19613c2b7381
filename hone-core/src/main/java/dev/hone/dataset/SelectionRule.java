package dev.hone.dataset;

import dev.hone.config.EvaluationConfig;
import dev.hone.config.SelectionMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses between a validation split and cross-validation for comparing candidates
 * ({@code evaluation.selection}; under {@code auto}, from the data).
 *
 * <p>A validation split is trusted only when it holds at least {@value #MIN_VALIDATION_EXAMPLES}
 * examples, and at least {@value #MIN_VALIDATION_PER_CLASS} of every class. The few-shot protocol
 * (bench/fewshot) showed what a small one does: on emotion at 64 examples per class the split held
 * 58 texts, and in all five draws it chose LoRA (62.8 on test) over contrastive tuning (66.4). Two
 * candidates that disagree on about 30% of the texts have an accuracy difference with a standard
 * error of about sqrt(0.3 / n); resolving a 4-point difference at one standard error needs n ≈ 200.
 * Below that, every labelled training example is used for the choice by repeated stratified k-fold
 * cross-validation, and nothing is held out of training.
 *
 * @param paidJobs some strategy starts a paid hosted fine-tuning job per training set: under
 *                 {@code auto} such a run keeps a validation split when it can (≥ 3 per class),
 *                 because cross-validation would buy one job per fold
 */
public record SelectionRule(SelectionMode mode, int folds, int repeats, boolean paidJobs) {
    public static final int MIN_VALIDATION_EXAMPLES = 200;
    public static final int MIN_VALIDATION_PER_CLASS = 3;

    public static SelectionRule of(EvaluationConfig evaluation, boolean paidJobs) {
        return new SelectionRule(evaluation.selection(), evaluation.folds(), evaluation.crossValidationRepeats(), paidJobs);
    }

    /** The plan for these training examples, of which {@code validationFraction} of each class would be held out. */
    public SelectionPlan plan(List<Example> train, double validationFraction) {
        Map<String, List<Example>> byLabel = Splits.byLabel(train);
        int held = 0;
        int fewest = Integer.MAX_VALUE;
        String fewestLabel = null;
        for (Map.Entry<String, List<Example>> entry : byLabel.entrySet()) {
            int n = Splits.heldOut(entry.getValue().size(), validationFraction);
            held += n;
            if (n < fewest) {
                fewest = n;
                fewestLabel = entry.getKey();
            }
        }
        // Stratified folds cannot outnumber the examples of the smallest class; a class with one example
        // is left out of the training of the fold that holds it (predicted by a model that never saw it).
        int k = Math.max(2, Math.min(folds, Splits.smallestClass(train)));
        boolean enough = held >= MIN_VALIDATION_EXAMPLES && fewest >= MIN_VALIDATION_PER_CLASS;
        return switch (mode) {
            case VALIDATION -> SelectionPlan.validationSplit("evaluation.selection is validation");
            case CROSS_VALIDATION -> SelectionPlan.crossValidation(k, repeats, "evaluation.selection is cross-validation");
            case AUTO -> {
                if (enough) {
                    yield SelectionPlan.validationSplit(String.format(Locale.ROOT,
                            "a validation split holds %d examples, at least %d of every label", held, fewest));
                }
                String small = held < MIN_VALIDATION_EXAMPLES
                        ? String.format(Locale.ROOT, "a validation split would hold %d examples, fewer than %d", held,
                                MIN_VALIDATION_EXAMPLES)
                        : String.format(Locale.ROOT, "a validation split would hold %d example(s) of label '%s', fewer than %d",
                                fewest, fewestLabel, MIN_VALIDATION_PER_CLASS);
                if (paidJobs && fewest >= MIN_VALIDATION_PER_CLASS) {
                    yield SelectionPlan.validationSplit(small + ", but a strategy starts paid fine-tuning jobs and "
                            + "cross-validation would buy one per fold");
                }
                yield SelectionPlan.crossValidation(k, repeats, small);
            }
        };
    }
}
