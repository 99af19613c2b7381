package dev.hone.engine.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.tensor.Tensor;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved form of a tuned encoder or classifier: one folder holding {@code tuning.json}
 * ({@code format} {@value #FORMAT}, {@code method}, {@code base_model}), then by method
 * <ul>
 *   <li>{@link Method#HEAD}: no encoder weights; the base model is used unchanged;
 *   <li>{@link Method#LORA}: adapters in PEFT layout, {@code adapter_config.json}
 *       ({@link LoraAdapterConfig}) and {@code adapter_model.safetensors} with names
 *       {@code base_model.model.encoder.layer.N….lora_A.weight};
 *   <li>{@link Method#FULL}: every encoder weight in {@code model.safetensors}, under the base
 *       architecture's Hugging Face names, beside which the caller writes config.json, the tokenizer
 *       and the sentence-transformers modules ({@link dev.hone.engine.model.EncoderSource}), so the
 *       folder is also a sentence-transformers model;
 * </ul>
 * and, for a classifier, {@code head.safetensors}. Encoder weights are named as
 * {@link dev.hone.engine.nn.BertModel#namedParameters()} names them; an adapter is a weight whose
 * name contains {@code .lora_}.
 *
 * <p>{@link #read(Path)} reads only {@code tuning.json}; the weights are read when asked for, so
 * that a caller can check the base model first and a folder without a head still loads as an encoder.
 *
 * @param directory the folder
 * @param method which weights were tuned
 * @param baseModel the name of the pretrained encoder the tuning started from
 */
public record TunedCheckpoint(Path directory, Method method, String baseModel) {
    /** The value of {@code tuning.json}'s {@code format} field. */
    public static final String FORMAT = "hone-tuned-1";
    private static final String TUNING = "tuning.json";
    private static final String ADAPTER_CONFIG = "adapter_config.json";
    private static final String ADAPTER_WEIGHTS = "adapter_model.safetensors";
    private static final String ENCODER_WEIGHTS = "model.safetensors";
    private static final String HEAD_WEIGHTS = "head.safetensors";
    /** PEFT's prefix in front of the Hugging Face name of each adapter weight. */
    private static final String PEFT_PREFIX = "base_model.model.";
    /** Safetensors metadata of the encoder weight files, as PyTorch writers set it. */
    private static final Map<String, String> PYTORCH_METADATA = Map.of("format", "pt");

    /**
     * The values of {@code tuning.json}'s {@code method} field. The training side maps its own
     * method onto these, so that renaming a training option cannot change what saved folders say.
     */
    public enum Method {
        HEAD,
        LORA,
        FULL
    }

    public TunedCheckpoint {
        if (directory == null) throw new IllegalArgumentException("directory must be set");
        if (method == null) throw new IllegalArgumentException("method must be set (HEAD, LORA or FULL)");
        if (baseModel == null) throw new IllegalArgumentException("baseModel must be set (the pretrained encoder's name)");
    }

    /** Saves a head-only tuning: {@code tuning.json} alone. */
    public static TunedCheckpoint writeHeadOnly(Path directory, String baseModel) {
        createDirectories(directory);
        return writeTuning(new TunedCheckpoint(directory, Method.HEAD, baseModel));
    }

    /**
     * Saves the adapters among {@code parameters} (Hugging Face names) with their PEFT config, whose
     * {@code base_model_name_or_path} is {@code baseModelId}: the base model's Hugging Face id (or
     * folder), so that PEFT finds the base the adapters apply to.
     */
    public static TunedCheckpoint writeLora(Path directory, String baseModel, String baseModelId, LoraAdapterConfig config,
                                            Map<String, Tensor> parameters) {
        createDirectories(directory);
        Map<String, NamedTensor> adapters = new LinkedHashMap<>();
        parameters.forEach((name, tensor) -> {
            if (isAdapter(name)) adapters.put(PEFT_PREFIX + name, new NamedTensor(PEFT_PREFIX + name, tensor.shape(), tensor.data()));
        });
        Safetensors.write(directory.resolve(ADAPTER_WEIGHTS), adapters, PYTORCH_METADATA);
        writeJson(directory.resolve(ADAPTER_CONFIG), config.toPeftJson(baseModelId, "FEATURE_EXTRACTION"));
        return writeTuning(new TunedCheckpoint(directory, Method.LORA, baseModel));
    }

    /** Saves every one of {@code parameters} (Hugging Face names) as a full checkpoint. */
    public static TunedCheckpoint writeFull(Path directory, String baseModel, Map<String, Tensor> parameters) {
        createDirectories(directory);
        Map<String, NamedTensor> weights = new LinkedHashMap<>();
        parameters.forEach((name, tensor) -> weights.put(name, new NamedTensor(name, tensor.shape(), tensor.data())));
        Safetensors.write(directory.resolve(ENCODER_WEIGHTS), weights, PYTORCH_METADATA);
        return writeTuning(new TunedCheckpoint(directory, Method.FULL, baseModel));
    }

    /** Adds a classifier head's weights to this folder. */
    public void writeHead(Map<String, NamedTensor> head) {
        Safetensors.write(directory.resolve(HEAD_WEIGHTS), head, Map.of());
    }

    /** Reads {@code tuning.json}; fails naming the file when it is unreadable or its method unknown. */
    public static TunedCheckpoint read(Path directory) {
        Path file = directory.resolve(TUNING);
        JsonNode tuning = readJson(file);
        Method method;
        try {
            method = Method.valueOf(tuning.path("method").asText());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": method must be HEAD, LORA or FULL, got '" + tuning.path("method").asText() + "'");
        }
        return new TunedCheckpoint(directory, method, tuning.path("base_model").asText());
    }

    /** The LoRA settings from {@code adapter_config.json}. */
    public LoraAdapterConfig loraConfig() {
        JsonNode config = readJson(directory.resolve(ADAPTER_CONFIG));
        List<String> targetModules = new ArrayList<>();
        config.path("target_modules").forEach(module -> targetModules.add(module.asText()));
        return new LoraAdapterConfig(config.path("r").asInt(), (float) config.path("lora_alpha").asDouble(),
                (float) config.path("lora_dropout").asDouble(), targetModules);
    }

    /**
     * Copies the saved adapters into the adapters among {@code parameters} (Hugging Face names,
     * tensors already of the saved size); fails naming the first one missing or of another size.
     * Saved tensors no parameter asks for are ignored.
     */
    public void readLoraAdaptersInto(Map<String, Tensor> parameters) {
        Map<String, NamedTensor> saved = Safetensors.read(directory.resolve(ADAPTER_WEIGHTS));
        for (Map.Entry<String, Tensor> parameter : parameters.entrySet()) {
            if (!isAdapter(parameter.getKey())) continue;
            NamedTensor values = saved.get(PEFT_PREFIX + parameter.getKey());
            if (values == null || values.values().length != parameter.getValue().size()) {
                throw new BadInputException(directory + ": adapter tensor " + PEFT_PREFIX + parameter.getKey()
                        + " is missing or has the wrong shape");
            }
            System.arraycopy(values.values(), 0, parameter.getValue().data(), 0, values.values().length);
        }
    }

    /** Every encoder weight of a full checkpoint, by Hugging Face name. */
    public Map<String, NamedTensor> encoderWeights() {
        return Safetensors.read(directory.resolve(ENCODER_WEIGHTS));
    }

    /** The classifier head's weights; fails when this folder holds an encoder only. */
    public Map<String, NamedTensor> head() {
        Path head = directory.resolve(HEAD_WEIGHTS);
        if (!Files.isRegularFile(head)) throw new BadInputException(directory + ": no head.safetensors; is this a classifier folder?");
        return Safetensors.read(head);
    }

    private static boolean isAdapter(String name) {
        return name.contains(".lora_");
    }

    private static TunedCheckpoint writeTuning(TunedCheckpoint checkpoint) {
        ObjectNode tuning = Json.MAPPER.createObjectNode();
        tuning.put("format", FORMAT);
        tuning.put("method", checkpoint.method().name());
        tuning.put("base_model", checkpoint.baseModel());
        writeJson(checkpoint.directory().resolve(TUNING), tuning);
        return checkpoint;
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new HoneException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void writeJson(Path file, JsonNode node) {
        try {
            Json.PRETTY.writeValue(file.toFile(), node);
        } catch (IOException e) {
            throw new HoneException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
