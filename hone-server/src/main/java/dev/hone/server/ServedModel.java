package dev.hone.server;

import dev.hone.Classifier;

/**
 * The model a server answers with: its name (shown in responses) and the classifier behind it.
 *
 * @param name       the candidate name reported in every response
 * @param classifier the classifier that predicts labels
 */
public record ServedModel(String name, Classifier classifier) {
    public ServedModel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty candidate name; pass the candidate folder's name");
        }
        if (classifier == null) {
            throw new IllegalArgumentException("classifier must not be null; load one with Hone.load(path)");
        }
    }
}
