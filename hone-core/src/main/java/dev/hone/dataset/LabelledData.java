package dev.hone.dataset;

import java.util.List;

/**
 * The run's data after reading, splitting and checking.
 *
 * @param labels class names in a fixed order (the config's order if it lists labels, else sorted)
 * @param validation carved from the training file: early stopping and selection, never test
 * @param sha256 hash over the dataset files' bytes (provenance)
 * @param skippedRows bad rows left out under {@code --skip-bad-rows}
 * @param selectionFolds 0 when candidates are chosen on {@code validation}; otherwise the number of
 *                       cross-validation folds over {@code train} (too few examples per class to
 *                       hold some out, so {@code validation} is empty)
 */
public record LabelledData(List<Example> train, List<Example> validation, List<Example> test, List<String> labels,
                           String sha256, DatasetChecks checks, int skippedRows, int selectionFolds) {

    /** The examples whose predictions choose the recommendation: the validation split, or all of train under cross-validation. */
    public List<Example> selection() {
        return selectionFolds > 0 ? train : validation;
    }

    public int labelIndex(String label) {
        return labels.indexOf(label);
    }
}
