package dev.hone.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.config.StrategyKind;
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
        StrategyKind kind;
        try {
            kind = StrategyKind.fromId(card.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(directory.resolve("candidate.json") + ": unknown kind '" + card.path("kind").asText() + "'");
        }
        return load(directory, kind, labels, card.path("model").asText(), modelLoader);
    }

    /** Rebuilds the candidate of a known kind from its artifact in directory (also the parts of a cascade). */
    static Candidate load(Path directory, StrategyKind kind, List<String> labels, String modelName,
                          Function<String, EncoderModel> modelLoader) {
        if (kind.generates()) {
            throw new BadInputException(directory + " holds a generation candidate (" + kind.id() + "); only classification"
                    + " candidates load as a classifier");
        }
        // A remote-finetune candidate is saved as the llm-zero-shot candidate that asks its fine-tuned model.
        if (kind.id().startsWith("llm-") || kind == StrategyKind.REMOTE_FINETUNE) return LlmStrategy.load(directory, modelLoader, modelName);
        if (kind == StrategyKind.CASCADE) {
            JsonNode cascade = readJson(directory.resolve("cascade.json"), "the cascade candidate folder is incomplete");
            StrategyKind localKind = StrategyKind.fromId(cascade.path("local_kind").asText());
            return new CascadeCandidate(load(directory.resolve("local"), localKind, labels, modelName, modelLoader), localKind,
                    LlmStrategy.load(directory.resolve("remote"), modelLoader, modelName), cascade.path("threshold").asDouble());
        }
        EncoderModel model = modelLoader.apply(modelName);
        if (kind == StrategyKind.RAG_CLASSIFY) return RagClassifyCandidate.load(directory, model, labels);
        if (kind.promptOnly()) {
            JsonNode references = readJson(directory.resolve("references.json"), "the candidate folder is incomplete");
            List<String> texts = new ArrayList<>();
            references.path("texts").forEach(t -> texts.add(t.asText()));
            int[] indices = new int[texts.size()];
            for (int i = 0; i < indices.length; i++) indices[i] = labels.indexOf(references.path("labels").path(i).asText());
            return new SimilarityCandidate(model, labels, new ReferenceSet(texts, indices),
                    SimilarityCandidate.Method.valueOf(references.path("method").asText("PROTOTYPE")),
                    references.path("select_per_label").asInt(0));
        }
        // Linear probe, LoRA, full fine-tune, contrastive, and a distilled student (saved as the LoRA or full candidate it is).
        return new TunedCandidate(model.loadClassifier(directory), labels);
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
