package dev.hone.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.model.EncoderModel;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.results.CandidateCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Rebuilds a saved candidate from its folder (its {@link CandidateCard} plus the artifact). */
public final class CandidateLoader {

    private CandidateLoader() {
    }

    public static Candidate load(Path directory, Function<String, EncoderModel> modelLoader) {
        Path file = directory.resolve(CandidateCard.FILE);
        if (!Files.isRegularFile(file)) throw new BadInputException(file + " not found; is this a candidate folder (OUT/candidates/NAME)?");
        CandidateCard card;
        try {
            card = CandidateCard.read(directory);
        } catch (HoneException e) {
            throw new BadInputException(e.getMessage());
        }
        StrategyKind kind = StrategyKinds.find(card.kind()).orElseThrow(() -> new BadInputException(
                file + ": unknown kind '" + card.kind() + "'"));
        if (!(kind instanceof ClassifierKind<?> classifier)) {
            throw new BadInputException(directory + " holds a generation candidate (" + kind.id() + "); only classification"
                    + " candidates load as a classifier");
        }
        return classifier.load(new CandidateFolder(directory, card.labels() == null ? List.of() : card.labels(), card.model(),
                modelLoader));
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
