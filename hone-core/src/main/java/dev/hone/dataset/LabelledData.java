package dev.hone.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The run's data after reading, splitting and checking.
 *
 * @param labels class names in a fixed order (the config's order if it lists labels, else sorted)
 * @param train what candidates are built on: the training file minus the validation split, or all of it
 *              under cross-validation
 * @param validation carved from the training file: early stopping and selection, never test; empty
 *                   under cross-validation
 * @param sha256 hash over the dataset files' bytes (provenance)
 * @param skippedRows bad rows left out under {@code --skip-bad-rows}
 * @param selectionPlan how candidates are compared: on {@code validation}, or by repeated cross-validation over {@code train}
 */
public record LabelledData(List<Example> train, List<Example> validation, List<Example> test, List<String> labels,
                           String sha256, DatasetChecks checks, int skippedRows, SelectionPlan selectionPlan) {

    /**
     * The examples whose predictions choose the recommendation, in the order of those predictions:
     * the validation split, or under cross-validation every training example once per repeat.
     */
    public List<Example> selection() {
        if (!selectionPlan.crossValidates()) return validation;
        List<Example> repeated = new ArrayList<>(train.size() * selectionPlan.repeats());
        for (int r = 0; r < selectionPlan.repeats(); r++) repeated.addAll(train);
        return repeated;
    }

    /** Every labelled training example, train then validation: what the recommended strategy is refit on. */
    public List<Example> allTraining() {
        List<Example> all = new ArrayList<>(train);
        all.addAll(validation);
        return all;
    }

    public int labelIndex(String label) {
        return labels.indexOf(label);
    }
}
