package dev.hone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The provider an LLM candidate asked, as its {@code llm.json} saved it ({@code provider.name},
 * {@code type}, {@code model}): for {@code type: local}, {@code model} is the Hugging Face model
 * folder, made absolute when the run read its config. {@code hone serve} chats with that model
 * beside the candidate and {@code hone export} writes it as GGUF.
 *
 * @param file the candidate's llm.json, for messages
 */
record SavedProvider(Path file, String name, String type, String model) {
    static final String FILE = "llm.json";

    /** The provider of the candidate in {@code candidate}, or empty when it is no LLM candidate (no llm.json). */
    static Optional<SavedProvider> of(Path candidate) {
        Path file = candidate.resolve(FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        JsonNode provider;
        try {
            provider = Json.MAPPER.readTree(file.toFile()).path("provider");
        } catch (IOException e) {
            throw new BadInputException(file + " is not valid JSON: " + e.getMessage());
        }
        return Optional.of(new SavedProvider(file, provider.path("name").asText(""), provider.path("type").asText(""),
                provider.path("model").asText("")));
    }

    /** Whether the model runs in this process ({@code type: local}), so its folder is on this machine. */
    boolean local() {
        return "local".equals(type);
    }

    /** The local model's folder; an error naming llm.json when it names none. */
    Path modelFolder() {
        if (model.isBlank()) throw new BadInputException(file + ": provider.model is empty; it should name the model folder");
        return Path.of(model);
    }
}
