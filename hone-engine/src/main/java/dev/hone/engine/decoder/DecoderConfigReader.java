package dev.hone.engine.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * config.json → {@link DecoderConfig}: the one place that knows Hugging Face's field names.
 * Fields that transformers' config classes default (and older files omit) get the same defaults
 * here: {@code num_key_value_heads} = heads, {@code head_dim} = hidden / heads, {@code rope_theta}
 * 10000, no rope scaling, untied embeddings, no biases, {@code hidden_act} silu. Rope settings are
 * read from {@code rope_theta} and {@code rope_scaling}, or from {@code rope_parameters}, where
 * transformers 5 writes them.
 */
final class DecoderConfigReader {
    private final Path file;
    private final JsonNode root;

    private DecoderConfigReader(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static DecoderConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " does not exist: a Hugging Face model folder has a config.json beside its weights");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new BadInputException(file + ": expected a JSON object");
        return new DecoderConfigReader(file, root).config();
    }

    private DecoderConfig config() {
        DecoderArchitecture architecture = architecture();
        String activation = root.path("hidden_act").asText("silu");
        if (!activation.equals("silu")) {
            throw bad("hidden_act is \"" + activation + "\"; Hone's decoder implements the SwiGLU MLP with silu only");
        }
        int hidden = requiredInt("hidden_size");
        int heads = requiredInt("num_attention_heads");
        int keyValueHeads = optionalInt("num_key_value_heads").orElse(heads);
        int headSize = optionalInt("head_dim").orElse(heads > 0 ? hidden / heads : 0);
        boolean llamaBias = architecture == DecoderArchitecture.LLAMA && optionalBoolean("attention_bias");
        boolean attentionBias = architecture == DecoderArchitecture.QWEN2 || llamaBias;
        boolean mlpBias = architecture == DecoderArchitecture.LLAMA && optionalBoolean("mlp_bias");
        JsonNode rope = root.has("rope_parameters") ? root.path("rope_parameters") : root;
        String ropeField = root.has("rope_parameters") ? "rope_parameters" : "rope_scaling";
        try {
            return new DecoderConfig(architecture, requiredInt("vocab_size"), hidden, requiredInt("intermediate_size"),
                    requiredInt("num_hidden_layers"), heads, keyValueHeads, headSize,
                    (float) requiredNumber(root, "rms_norm_eps"), ropeTheta(rope),
                    ropeScaling(root.has("rope_parameters") ? rope : root.path("rope_scaling"), ropeField),
                    requiredInt("max_position_embeddings"), optionalBoolean("tie_word_embeddings"),
                    attentionBias, llamaBias, mlpBias, slidingWindow(architecture),
                    Optional.ofNullable(text(root.has("torch_dtype") ? "torch_dtype" : "dtype")),
                    optionalInt("bos_token_id"), endOfSequenceIds());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private DecoderArchitecture architecture() {
        JsonNode architectures = root.path("architectures");
        List<String> found = new ArrayList<>();
        architectures.forEach(a -> found.add(a.asText()));
        for (String name : found) {
            Optional<DecoderArchitecture> known = DecoderArchitecture.ofClassName(name);
            if (known.isPresent()) return known.get();
        }
        if (found.isEmpty()) {
            Optional<DecoderArchitecture> byType = DecoderArchitecture.ofModelType(root.path("model_type").asText(""));
            if (byType.isPresent()) return byType.get();
        }
        String what = found.isEmpty() ? "names no architecture (no \"architectures\" list, model_type "
                + root.path("model_type") + ")" : "has architectures " + found;
        throw bad(what + "; Hone's decoder runs " + DecoderArchitecture.supported());
    }

    private double ropeTheta(JsonNode rope) {
        JsonNode theta = rope.path("rope_theta");
        if (theta.isMissingNode() || theta.isNull()) return 10000.0;
        return requiredNumber(rope, "rope_theta");
    }

    /** {@code rope_scaling} (or {@code rope_parameters}): null, or an object with {@code rope_type} (formerly {@code type}). */
    private RopeScaling ropeScaling(JsonNode scaling, String field) {
        if (scaling.isMissingNode() || scaling.isNull()) return new RopeScaling.None();
        if (!scaling.isObject()) throw bad(field + " must be an object or null, got " + scaling);
        String type = scaling.has("rope_type") ? scaling.path("rope_type").asText() : scaling.path("type").asText("default");
        return switch (type) {
            case "default" -> new RopeScaling.None();
            case "linear" -> new RopeScaling.Linear(requiredNumber(scaling, "factor"));
            case "llama3" -> new RopeScaling.Llama3(requiredNumber(scaling, "factor"),
                    requiredNumber(scaling, "low_freq_factor"), requiredNumber(scaling, "high_freq_factor"),
                    (int) requiredNumber(scaling, "original_max_position_embeddings"));
            default -> throw bad(field + " type \"" + type + "\" is not supported; Hone's decoder supports no scaling, "
                    + "\"linear\" and \"llama3\"");
        };
    }

    private OptionalInt slidingWindow(DecoderArchitecture architecture) {
        boolean used = switch (architecture) {
            case MISTRAL -> true;
            case QWEN2 -> optionalBoolean("use_sliding_window");
            case LLAMA -> false;
        };
        return used ? optionalInt("sliding_window") : OptionalInt.empty();
    }

    /** {@code eos_token_id}: absent, null, one id or a list of ids (Llama 3 lists several). */
    private List<Integer> endOfSequenceIds() {
        JsonNode eos = root.path("eos_token_id");
        List<Integer> ids = new ArrayList<>();
        if (eos.isArray()) {
            for (JsonNode id : eos) ids.add(integer(id, "eos_token_id"));
        } else if (!eos.isMissingNode() && !eos.isNull()) {
            ids.add(integer(eos, "eos_token_id"));
        }
        return ids;
    }

    private int requiredInt(String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode() || node.isNull()) throw bad("missing " + field);
        return integer(node, field);
    }

    private OptionalInt optionalInt(String field) {
        JsonNode node = root.path(field);
        return node.isMissingNode() || node.isNull() ? OptionalInt.empty() : OptionalInt.of(integer(node, field));
    }

    private int integer(JsonNode node, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) throw bad(field + " must be an integer, got " + node);
        return node.asInt();
    }

    private double requiredNumber(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) throw bad("missing " + field);
        if (!node.isNumber()) throw bad(field + " must be a number, got " + node);
        return node.asDouble();
    }

    private boolean optionalBoolean(String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode() || node.isNull()) return false;
        if (!node.isBoolean()) throw bad(field + " must be true or false, got " + node);
        return node.asBoolean();
    }

    private String text(String field) {
        JsonNode node = root.path(field);
        return node.isTextual() ? node.asText() : null;
    }

    private BadInputException bad(String problem) {
        return new BadInputException(file + ": " + problem);
    }
}
