package dev.hone.config;

import java.nio.file.Path;

/**
 * Where a generation run's input → reference pairs are and how to read them. Either {@code test}
 * names a file or {@code testFraction} of the training file is held out (seeded).
 *
 * @param inputField         the field (JSONL) or column (CSV) holding the input (default {@code input})
 * @param outputField        the field holding the reference output (default {@code output})
 * @param sourcesField       optional list of relevant document paths per example, for rag's recall@k (default {@code sources})
 * @param validationFraction share of the training pairs carved out to choose the recommendation on (default 0.2)
 */
public record GenerationDatasetConfig(Path train, Path test, double testFraction, String inputField, String outputField,
                                      String sourcesField, double validationFraction) {
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    public GenerationDatasetConfig {
        if (train == null) throw new IllegalArgumentException("dataset.train is required");
        if (test == null && !(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("dataset.test or a dataset.test_fraction within (0, 1) is required, got " + testFraction);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("dataset.validation_fraction must be within [0, 0.5], got " + validationFraction);
        }
        if (inputField.equals(outputField)) {
            throw new IllegalArgumentException("dataset.input_field and dataset.output_field must differ, both are '" + inputField + "'");
        }
    }
}
