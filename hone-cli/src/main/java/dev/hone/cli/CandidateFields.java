package dev.hone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text and label fields a saved candidate was trained with, from the resolved {@code config.yaml}
 * beside its card; {@code text} and {@code label} (the config's defaults) when the folder has none.
 */
record CandidateFields(String textField, String labelField) {
    static final CandidateFields DEFAULTS = new CandidateFields("text", "label");

    static CandidateFields of(Path candidateDirectory) {
        Path config = candidateDirectory.resolve("config.yaml");
        if (!Files.isRegularFile(config)) return DEFAULTS;
        try {
            JsonNode dataset = ConfigLoader.YAML.readTree(config.toFile()).path("dataset");
            return new CandidateFields(dataset.path("text_field").asText(DEFAULTS.textField()),
                    dataset.path("label_field").asText(DEFAULTS.labelField()));
        } catch (IOException e) {
            return DEFAULTS;
        }
    }
}
