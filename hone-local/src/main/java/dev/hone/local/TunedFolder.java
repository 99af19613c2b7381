package dev.hone.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.decoder.AdapterMerge;
import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import dev.hone.strategy.LlmFineTune;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A fine-tuned model given by its folder: the PEFT adapters and the base model folder they were
 * trained on, which the adapters' {@code base_model_name_or_path} names (as given, or a folder of that
 * name beside the adapter folder). Three folders name one: the adapter folder itself
 * ({@code adapter_config.json}), and a saved {@code llm-finetune} candidate ({@code finetune.json}),
 * through its {@code adapter/} copy or else the job's folder it names.
 *
 * @param adapters the folder holding {@code adapter_config.json} and {@code adapter_model.safetensors}
 * @param base     the base model's folder ({@code config.json}, weights, tokenizer)
 */
public record TunedFolder(Path adapters, Path base) {
    /** The fine-tuned model {@code folder} holds or names; empty when it is a model folder (or not a folder of these kinds). */
    public static Optional<TunedFolder> of(Path folder) {
        if (Files.isRegularFile(folder.resolve("config.json"))) return Optional.empty();
        if (Files.isRegularFile(folder.resolve(PeftAdapterFolder.CONFIG_FILE))) return Optional.of(adapterFolder(folder));
        Path job = folder.resolve("finetune.json");
        if (!Files.isRegularFile(job)) return Optional.empty();
        if (Files.isRegularFile(folder.resolve(LlmFineTune.SAVED_ADAPTERS).resolve(PeftAdapterFolder.CONFIG_FILE))) {
            return Optional.of(adapterFolder(folder.resolve(LlmFineTune.SAVED_ADAPTERS)));
        }
        String tuned = readJson(job).path("fine_tuned_model").asText("");
        if (tuned.isBlank() || !Files.isRegularFile(Path.of(tuned).resolve(PeftAdapterFolder.CONFIG_FILE))) {
            throw new BadInputException(job + " names the fine-tuned model '" + tuned + "', which is no adapter folder on this machine:"
                    + " a hosted job's model answers only through its provider; an in-process one was moved or deleted (run again to train it)");
        }
        return Optional.of(adapterFolder(Path.of(tuned)));
    }

    private static TunedFolder adapterFolder(Path adapters) {
        String named = PeftAdapterFolder.baseModel(adapters);
        Path config = adapters.resolve(PeftAdapterFolder.CONFIG_FILE);
        if (named.isBlank()) {
            throw new BadInputException(config + " names no base_model_name_or_path: write the base model folder's path there");
        }
        Path base = AdapterMerge.baseOf(adapters);            // as given, or a folder of that name beside the adapters
        if (!Files.isRegularFile(base.resolve("config.json"))) {
            throw new BadInputException(config + " names the base model " + named + ", which is not a model folder here (no "
                    + base.resolve("config.json") + "): download that model and set base_model_name_or_path to its folder");
        }
        return new TunedFolder(adapters, base);
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + " is not valid JSON: " + e.getMessage());
        }
    }
}
