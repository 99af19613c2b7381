package dev.hone.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.model.EncoderModel;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Rebuilds a saved candidate from its folder ({@code candidate.json} plus the artifact). */
public final class CandidateLoader {

    private CandidateLoader() {
    }

    public static Candidate load(Path directory, Function<String, EncoderModel> modelLoader) {
        JsonNode card = readJson(directory.resolve("candidate.json"), "is this a candidate folder (OUT/candidates/NAME)?");
        List<String> labels = new ArrayList<>();
        card.path("labels").forEach(l -> labels.add(l.asText()));
        StrategyKind kind = StrategyKinds.find(card.path("kind").asText()).orElseThrow(() -> new BadInputException(
                directory.resolve("candidate.json") + ": unknown kind '" + card.path("kind").asText() + "'"));
        if (!(kind instanceof ClassifierKind<?> classifier)) {
            throw new BadInputException(directory + " holds a generation candidate (" + kind.id() + "); only classification"
                    + " candidates load as a classifier");
        }
        return classifier.load(new CandidateFolder(directory, labels, card.path("model").asText(), modelLoader));
    }

    static JsonNode readJson(Path file, String hint) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file + " not found; " + hint);
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + e.getMessage() + ")");
        }
    }
}
