package dev.hone.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.SentenceEmbedder;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.weights.NamedTensor;
import dev.hone.engine.weights.Safetensors;
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
 * How tuned models are saved and loaded. A folder holds {@code tuning.json} (method, base model),
 * then by method: LoRA adapters in PEFT layout ({@code adapter_config.json} +
 * {@code adapter_model.safetensors}, names {@code base_model.model.encoder.layer.N….lora_A.weight}),
 * or a full checkpoint ({@code model.safetensors}, Hugging Face BERT names); a classifier adds
 * {@code head.safetensors}.
 */
public final class TunedArtifacts {
    private static final String PEFT_PREFIX = "base_model.model.";

    private TunedArtifacts() {
    }

    static void saveClassifier(Path directory, HeadClassifier classifier) {
        createDirectories(directory);
        if (classifier.encoder() instanceof TunedBertEncoder tuned) {
            saveEncoder(directory, tuned);
        } else {
            throw new IllegalArgumentException("only classifiers over Hone encoders can be saved");
        }
        Safetensors.write(directory.resolve("head.safetensors"), classifier.head().toWeights(), Map.of());
    }

    static void saveEncoder(Path directory, TunedBertEncoder encoder) {
        createDirectories(directory);
        FineTuneOptions options = encoder.options();
        ObjectNode tuning = Json.MAPPER.createObjectNode();
        tuning.put("format", "hone-tuned-1");
        tuning.put("method", options.method().name());
        tuning.put("base_model", encoder.info().name());
        Map<String, Tensor> named = encoder.embedder().model().namedParameters();
        if (options.method() == TuningMethod.LORA) {
            Map<String, NamedTensor> adapters = new LinkedHashMap<>();
            named.forEach((name, t) -> {
                if (name.contains(".lora_")) adapters.put(PEFT_PREFIX + name, new NamedTensor(PEFT_PREFIX + name, t.shape(), t.data()));
            });
            Safetensors.write(directory.resolve("adapter_model.safetensors"), adapters, Map.of("format", "pt"));
            writeJson(directory.resolve("adapter_config.json"), adapterConfig(encoder.info(), options));
        } else if (options.method() == TuningMethod.FULL) {
            Map<String, NamedTensor> weights = new LinkedHashMap<>();
            named.forEach((name, t) -> weights.put(name, new NamedTensor(name, t.shape(), t.data())));
            Safetensors.write(directory.resolve("model.safetensors"), weights, Map.of("format", "pt"));
        }
        writeJson(directory.resolve("tuning.json"), tuning);
    }

    private static ObjectNode adapterConfig(EncoderInfo info, FineTuneOptions options) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("peft_type", "LORA");
        config.put("task_type", "FEATURE_EXTRACTION");
        config.put("base_model_name_or_path", info.name());
        config.put("r", options.loraRank());
        config.put("lora_alpha", options.loraAlpha());
        config.put("lora_dropout", options.loraDropout());
        config.put("bias", "none");
        config.put("fan_in_fan_out", false);
        config.put("inference_mode", true);
        var targets = config.putArray("target_modules");
        options.loraTargets().stream().map(LoraTarget::moduleName).sorted().forEach(targets::add);
        return config;
    }

    public static TunedClassifier loadClassifier(Path directory, EncoderInfo info, SentenceEmbedder base) {
        TunedEncoder encoder = loadEncoder(directory, info, base);
        Path head = directory.resolve("head.safetensors");
        if (!Files.isRegularFile(head)) throw new BadInputException(directory + ": no head.safetensors; is this a classifier folder?");
        SoftmaxHead softmax = SoftmaxHead.fromWeights(Safetensors.read(head));
        return new HeadClassifier(encoder, softmax, base.kernels(), softmax.weight().size() + softmax.bias().size());
    }

    public static TunedEncoder loadEncoder(Path directory, EncoderInfo info, SentenceEmbedder base) {
        JsonNode tuning = readJson(directory.resolve("tuning.json"));
        TuningMethod method;
        try {
            method = TuningMethod.valueOf(tuning.path("method").asText());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(directory.resolve("tuning.json") + ": method must be HEAD, LORA or FULL, got '"
                    + tuning.path("method").asText() + "'");
        }
        String baseModel = tuning.path("base_model").asText();
        if (!baseModel.equals(info.name())) {
            throw new BadInputException(directory + " was tuned from '" + baseModel + "' but is being loaded on '" + info.name() + "'");
        }
        FineTuneOptions options = FineTuneOptions.defaults(method);
        BertModel model = base.model();
        if (method == TuningMethod.LORA) {
            JsonNode config = readJson(directory.resolve("adapter_config.json"));
            List<LoraTarget> targets = new ArrayList<>();
            List<String> moduleNames = new ArrayList<>();
            config.path("target_modules").forEach(n -> moduleNames.add(n.asText()));
            for (LoraTarget target : LoraTarget.values()) if (moduleNames.contains(target.moduleName())) targets.add(target);
            options = new FineTuneOptions(method, config.path("r").asInt(), (float) config.path("lora_alpha").asDouble(),
                    0f, java.util.Set.copyOf(targets), 1, 1, 1e-4f, 1e-3f, 0f, 0f, 1f, 0, 0L);
            model = model.withLora(moduleNames, options.loraRank(), options.loraAlpha(), 0f, 0L);
            Map<String, NamedTensor> saved = Safetensors.read(directory.resolve("adapter_model.safetensors"));
            for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
                if (!e.getKey().contains(".lora_")) continue;
                NamedTensor values = saved.get(PEFT_PREFIX + e.getKey());
                if (values == null || values.values().length != e.getValue().size()) {
                    throw new BadInputException(directory + ": adapter tensor " + PEFT_PREFIX + e.getKey() + " is missing or has the wrong shape");
                }
                System.arraycopy(values.values(), 0, e.getValue().data(), 0, values.values().length);
            }
        } else if (method == TuningMethod.FULL) {
            model = BertModel.fromWeights(model.config(), Safetensors.read(directory.resolve("model.safetensors")), false);
        }
        return new TunedBertEncoder(info, base.withModel(model), options).frozen();
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
