package dev.hone.dataset;

import java.util.List;

/**
 * The run's data after reading, splitting and checking.
 *
 * @param labels class names in a fixed order (the config's order if it lists labels, else sorted)
 * @param validation carved from the training file: early stopping and selection, never test
 * @param sha256 hash over the dataset files' bytes (provenance)
 * @param skippedRows bad rows left out under {@code --skip-bad-rows}
 */
public record LabelledData(List<Example> train, List<Example> validation, List<Example> test, List<String> labels,
                           String sha256, DatasetChecks checks, int skippedRows) {

    public int labelIndex(String label) {
        return labels.indexOf(label);
    }
}
