package dev.hone.server;

import dev.hone.Classifier;
import java.nio.file.Path;

/**
 * The model a server answers with: its name (shown in responses), the classifier behind it, and
 * the candidate folder it came from (its {@code candidate.json} card fills the try-it page).
 *
 * @param name       the candidate name reported in every response
 * @param directory  the candidate folder, or null when the classifier was built in memory
 * @param classifier the classifier that predicts labels
 */
public record ServedModel(String name, Path directory, Classifier classifier) {
    public ServedModel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty candidate name; pass the candidate folder's name");
        }
        if (classifier == null) {
            throw new IllegalArgumentException("classifier must not be null; load one with Hone.load(path)");
        }
    }

    public ServedModel(String name, Classifier classifier) {
        this(name, null, classifier);
    }
}
