package dev.hone.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.model.EncoderModel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A saved candidate's folder and what rebuilding it needs: the run's labels, the encoder's name and
 * how to load an encoder by name (only kinds that use one call it).
 */
public record CandidateFolder(Path directory, List<String> labels, String modelName, Function<String, EncoderModel> modelLoader) {
    public CandidateFolder {
        labels = List.copyOf(labels);
    }

    /** The run's encoder. */
    public EncoderModel model() {
        return modelLoader.apply(modelName);
    }

    /** A JSON file of the folder; a missing or broken file is bad input, with {@code hint} saying what is wrong. */
    public JsonNode json(String file, String hint) {
        return CandidateLoader.readJson(directory.resolve(file), hint);
    }

    /** A subfolder holding a part of this candidate (a cascade's local and remote parts). */
    public CandidateFolder in(String subfolder) {
        return new CandidateFolder(directory.resolve(subfolder), labels, modelName, modelLoader);
    }

    /** The part saved in a subfolder, of the given kind. */
    public Candidate load(String subfolder, ClassifierKind<?> kind) {
        return kind.load(in(subfolder));
    }
}
