package dev.hone.dataset;

import java.util.Locale;

/**
 * How a run compares its candidates, decided from the data by {@link SelectionRule} before anything trains.
 *
 * @param crossValidates true: repeated stratified k-fold cross-validation over every labelled training example
 *                       (no validation split; every candidate trains on all of them); false: a held-out
 *                       validation split, then the recommended strategy is refit on train + validation
 * @param folds          k of the cross-validation (0 on a validation split)
 * @param repeats        fold assignments, each seeded anew (0 on a validation split)
 * @param reason         why this method, in words for the run's messages
 */
public record SelectionPlan(boolean crossValidates, int folds, int repeats, String reason) {

    public SelectionPlan {
        if (crossValidates && (folds < 2 || repeats < 1)) {
            throw new IllegalArgumentException("cross-validation needs folds ≥ 2 and repeats ≥ 1, got " + folds + " and " + repeats);
        }
        if (!crossValidates && (folds != 0 || repeats != 0)) {
            throw new IllegalArgumentException("a validation split has no folds or repeats, got " + folds + " and " + repeats);
        }
    }

    public static SelectionPlan validationSplit(String reason) {
        return new SelectionPlan(false, 0, 0, reason);
    }

    public static SelectionPlan crossValidation(int folds, int repeats, String reason) {
        return new SelectionPlan(true, folds, repeats, reason);
    }

    /** "5-fold cross-validation × 2" or "validation split". */
    public String method() {
        return crossValidates ? String.format(Locale.ROOT, "%d-fold cross-validation × %d", folds, repeats) : "validation split";
    }
}
