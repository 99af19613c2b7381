package dev.hone.dataset;

import java.util.List;

/**
 * A generation run's pairs after reading and splitting.
 *
 * @param train      demonstrations for few-shot strategies
 * @param validation carved from the training file to choose the recommendation on; empty when the
 *                   training file is too small to spare one (the choice is then made on test)
 * @param sha256     hash over the dataset files' bytes (provenance)
 */
public record GenerationData(List<GenerationExample> train, List<GenerationExample> validation, List<GenerationExample> test,
                             String sha256, int skippedRows) {
    public GenerationData {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        if (test.isEmpty()) throw new IllegalArgumentException("test must hold at least one example");
    }

    /** The pairs the recommendation is chosen on: validation, or test when there is no validation split. */
    public List<GenerationExample> selection() {
        return validation.isEmpty() ? test : validation;
    }
}
