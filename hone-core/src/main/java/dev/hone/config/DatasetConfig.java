package dev.hone.config;

import java.nio.file.Path;

/**
 * Where the labelled data is and how to read it. Either {@code test} names a file or
 * {@code testFraction} of the training file is held out (stratified, seeded).
 *
 * @param validationFraction share of the training examples carved out for early stopping and selection
 */
public record DatasetConfig(Path train, Path test, double testFraction, String textField, String labelField,
                            double validationFraction) {
}
