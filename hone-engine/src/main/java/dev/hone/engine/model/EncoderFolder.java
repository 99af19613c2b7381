package dev.hone.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.nn.BertConfig;
import dev.hone.engine.weights.NamedTensor;
import dev.hone.engine.weights.OnnxBertImporter;
import dev.hone.engine.weights.Safetensors;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Hugging Face / sentence-transformers encoder folder, as {@code SentenceTransformer(DIR)} reads
 * it: {@code config.json} (architecture and shape), the weights ({@code model.safetensors}, its
 * shards, or an ONNX export: {@code model.onnx} or {@code onnx/model.onnx}), {@code tokenizer.json},
 * and when present {@code modules.json} with a {@code Pooling} module's {@code config.json}, a
 * {@code Normalize} module, and {@code sentence_bert_config.json}'s {@code max_seq_length}.
 *
 * <p>Without {@code modules.json} the folder is a plain transformers model, which
 * sentence-transformers pools by the mean; without {@code max_seq_length} the limit is what the
 * position embeddings allow. Hone always L2-normalises embeddings (it compares them by cosine), so
 * {@link #normalize()} records whether the folder's own pipeline does too, for saving it back.
 *
 * @param transformer the folder of the Transformer module (the folder itself, or {@code 0_Transformer})
 */
record EncoderFolder(Path folder, Path transformer, EncoderArchitecture architecture, BertConfig config,
                     Pooling pooling, boolean normalize, int maxTokens) {
    static final String CONFIG = "config.json";
    private static final String MODULES = "modules.json";
    private static final String SENTENCE_CONFIG = "sentence_bert_config.json";
    private static final String TOKENIZER = "tokenizer.json";
    private static final String MODULE_PACKAGE = "sentence_transformers.models.";

    /** Whether {@code path} looks like a model folder (it has a config.json or a modules.json). */
    static boolean isFolder(Path path) {
        return Files.isDirectory(path) && (Files.isRegularFile(path.resolve(CONFIG)) || Files.isRegularFile(path.resolve(MODULES)));
    }

    static EncoderFolder read(Path folder) {
        Path transformer = folder;
        Pooling pooling = Pooling.MEAN;
        boolean normalize = false;
        Path modules = folder.resolve(MODULES);
        if (Files.isRegularFile(modules)) {
            boolean sawPooling = false;
            for (JsonNode module : readJson(modules)) {
                String type = module.path("type").asText();
                Path path = folder.resolve(module.path("path").asText(""));
                switch (type.startsWith(MODULE_PACKAGE) ? type.substring(MODULE_PACKAGE.length()) : type) {
                    case "Transformer" -> transformer = path;
                    case "Pooling" -> {
                        pooling = pooling(path.resolve(CONFIG));
                        sawPooling = true;
                    }
                    case "Normalize" -> normalize = true;
                    default -> throw new BadInputException(modules + ": module '" + module.path("name").asText() + "' is a "
                            + type + ", which Hone does not run; it runs a Transformer, a Pooling and a Normalize module");
                }
            }
            if (!sawPooling) {
                throw new BadInputException(modules + " lists no Pooling module; add one (sentence-transformers' "
                        + "models.Pooling) so the folder says how token states become a sentence embedding");
            }
        }
        Path configFile = transformer.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new BadInputException(transformer + " has no " + CONFIG + "; a Hugging Face model folder holds config.json, "
                    + "the weights (model.safetensors) and tokenizer.json");
        }
        JsonNode json = readJson(configFile);
        EncoderArchitecture architecture = architecture(json, configFile);
        BertConfig config = config(json, architecture, configFile);
        int maxTokens = config.maxTokens();
        Path sentenceConfig = transformer.resolve(SENTENCE_CONFIG);
        if (!Files.isRegularFile(sentenceConfig)) sentenceConfig = folder.resolve(SENTENCE_CONFIG);
        if (Files.isRegularFile(sentenceConfig)) {
            JsonNode length = readJson(sentenceConfig).path("max_seq_length");
            if (length.canConvertToInt() && length.asInt() >= 2) maxTokens = Math.min(maxTokens, length.asInt());
        }
        if (!Files.isReadable(transformer.resolve(TOKENIZER))) {
            throw new BadInputException(transformer + " has no readable " + TOKENIZER + "; save the fast tokenizer "
                    + "(tokenizer.save_pretrained(folder)) beside config.json");
        }
        return new EncoderFolder(folder, transformer, architecture, config, pooling, normalize, maxTokens);
    }

    Path tokenizer() {
        return transformer.resolve(TOKENIZER);
    }

    /**
     * The weights under BERT names: from safetensors when the folder has them, else from its ONNX
     * export; weights the encoder does not use (pooler, task heads) are left out.
     */
    Map<String, NamedTensor> weights() {
        Map<String, NamedTensor> raw = new LinkedHashMap<>();
        Path single = transformer.resolve("model.safetensors");
        Path index = transformer.resolve("model.safetensors.index.json");
        if (Files.isRegularFile(single)) {
            raw.putAll(Safetensors.readFloatingPoint(single));
        } else if (Files.isRegularFile(index)) {
            Set<String> shards = new TreeSet<>();
            readJson(index).path("weight_map").forEach(shard -> shards.add(shard.asText()));
            for (String shard : shards) raw.putAll(Safetensors.readFloatingPoint(transformer.resolve(shard)));
        } else {
            Path onnx = onnxFile();
            try {
                raw.putAll(OnnxBertImporter.readWeights(Files.readAllBytes(onnx), onnx.toString(), onnx.getParent()));
            } catch (IOException e) {
                throw new BadInputException("cannot read " + onnx + ": " + e.getMessage(), e);
            }
        }
        Map<String, NamedTensor> weights = new LinkedHashMap<>();
        raw.forEach((name, tensor) -> {
            String bertName = architecture.bertName(name);
            if (bertName != null) weights.put(bertName, new NamedTensor(bertName, tensor.shape(), tensor.values()));
        });
        return weights;
    }

    private Path onnxFile() {
        for (Path candidate : List.of(transformer.resolve("model.onnx"), transformer.resolve("onnx").resolve("model.onnx"))) {
            if (Files.isRegularFile(candidate)) return candidate;
        }
        String hint = Files.exists(transformer.resolve("pytorch_model.bin"))
                ? "; it has pytorch_model.bin, which Hone does not read: save the model again with safetensors "
                        + "(model.save_pretrained(folder, safe_serialization=True))"
                : "";
        throw new BadInputException(transformer + " has no weights Hone reads: expected model.safetensors (or its shards "
                + "and model.safetensors.index.json), model.onnx or onnx/model.onnx" + hint);
    }

    private static EncoderArchitecture architecture(JsonNode json, Path configFile) {
        String modelType = json.path("model_type").asText("");
        return EncoderArchitecture.ofModelType(modelType).orElseThrow(() -> new BadInputException(configFile
                + ": model_type '" + modelType + "' (architectures " + json.path("architectures")
                + ") is not an encoder Hone runs; supported model types: " + EncoderArchitecture.supported()));
    }

    private static BertConfig config(JsonNode json, EncoderArchitecture architecture, Path configFile) {
        String activation = json.path("hidden_act").asText("gelu");
        if (!activation.equals("gelu")) {
            throw new BadInputException(configFile + ": hidden_act '" + activation + "' is not supported; Hone's "
                    + architecture.modelType() + " encoder uses the exact GELU (hidden_act \"gelu\")");
        }
        String positions = json.path("position_embedding_type").asText("absolute");
        if (!positions.equals("absolute")) {
            throw new BadInputException(configFile + ": position_embedding_type '" + positions
                    + "' is not supported; Hone runs absolute position embeddings");
        }
        int maxPositions = required(json, "max_position_embeddings", configFile);
        int offset = architecture.positionsAfterPadding() ? json.path("pad_token_id").asInt(1) + 1 : 0;
        int typeVocabulary = architecture.hasTokenTypes() ? json.path("type_vocab_size").asInt(2) : 0;
        int buckets = architecture == EncoderArchitecture.MPNET ? json.path("relative_attention_num_buckets").asInt(32) : 0;
        float defaultEps = architecture == EncoderArchitecture.BERT ? 1e-12f : 1e-5f;
        try {
            return new BertConfig(required(json, "vocab_size", configFile), required(json, "hidden_size", configFile),
                    required(json, "num_hidden_layers", configFile), required(json, "num_attention_heads", configFile),
                    required(json, "intermediate_size", configFile), maxPositions, typeVocabulary,
                    (float) json.path("layer_norm_eps").asDouble(defaultEps), offset, buckets);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(configFile + ": " + e.getMessage(), e);
        }
    }

    private static int required(JsonNode json, String field, Path configFile) {
        JsonNode value = json.path(field);
        if (!value.canConvertToInt() || value.asInt() < 1) {
            throw new BadInputException(configFile + ": " + field + " must be a positive integer, found " + value);
        }
        return value.asInt();
    }

    /** The one pooling mode a sentence-transformers Pooling config turns on. */
    private static Pooling pooling(Path configFile) {
        JsonNode json = readJson(configFile);
        List<String> on = new java.util.ArrayList<>();
        json.properties().forEach(e -> {
            if (e.getKey().startsWith("pooling_mode_") && e.getValue().asBoolean(false)) on.add(e.getKey());
        });
        String supported = String.join(", ", java.util.Arrays.stream(Pooling.values()).map(Pooling::configKey).toList());
        if (on.size() != 1) {
            throw new BadInputException(configFile + ": expected exactly one pooling mode set to true, found " + on.size()
                    + " " + on + "; Hone pools one way: " + supported);
        }
        for (Pooling pooling : Pooling.values()) if (pooling.configKey().equals(on.get(0))) return pooling;
        throw new BadInputException(configFile + ": pooling mode " + on.get(0) + " is not supported; Hone pools by "
                + supported);
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
