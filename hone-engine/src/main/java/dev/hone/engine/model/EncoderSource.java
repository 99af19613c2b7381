package dev.hone.engine.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.nn.BertConfig;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a pretrained encoder came from, as much as a tuned copy needs to be saved in the
 * ecosystem's formats: the Hugging Face id (or local folder) PEFT adapters name as their base, the
 * base model's {@code config.json}, its tokenizer files, and its sentence-transformers pipeline
 * (pooling, normalisation, maximum length). {@link #writeSentenceTransformersFiles} writes everything
 * but the weights, so that with {@code model.safetensors} (named by {@link #hfName}) the folder loads
 * with {@code SentenceTransformer(DIR)} and {@code AutoModel.from_pretrained(DIR)}.
 *
 * @param hubId the base model's Hugging Face id ({@code BAAI/bge-small-en-v1.5}) or its folder's absolute path
 * @param modelType config.json's {@code model_type}
 * @param tokenizerFiles file name → contents: {@code tokenizer.json} and whichever of the tokenizer's
 *     other files the base model has
 */
public record EncoderSource(String hubId, String modelType, ObjectNode config, Map<String, byte[]> tokenizerFiles,
                            Pooling pooling, boolean normalize, int maxTokens) {
    /** Tokenizer files copied from a model folder when present (tokenizer.json is required elsewhere). */
    static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
            "vocab.txt", "vocab.json", "merges.txt", "sentencepiece.bpe.model", "added_tokens.json");
    private static final String MODULE_PACKAGE = "sentence_transformers.models.";
    private static final String LAYER = "encoder.layer.0.";
    private static final String WEIGHT = ".weight";

    public EncoderSource {
        if (EncoderArchitecture.ofModelType(modelType).isEmpty()) {
            throw new IllegalArgumentException("modelType must be one of " + EncoderArchitecture.supported() + ", got " + modelType);
        }
        if (!tokenizerFiles.containsKey("tokenizer.json")) throw new IllegalArgumentException("tokenizerFiles must hold tokenizer.json");
        tokenizerFiles = Map.copyOf(tokenizerFiles);
    }

    /** A registered encoder or a bare ONNX file: a BERT config.json written from its shape, an uncased WordPiece tokenizer's config. */
    static EncoderSource fromBertShape(String hubId, BertConfig shape, byte[] tokenizerJson, Pooling pooling, int maxTokens) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.putArray("architectures").add("BertModel");
        config.put("model_type", "bert");
        config.put("hidden_act", "gelu");
        config.put("hidden_size", shape.hiddenSize());
        config.put("num_hidden_layers", shape.numberOfLayers());
        config.put("num_attention_heads", shape.numberOfHeads());
        config.put("intermediate_size", shape.intermediateSize());
        config.put("max_position_embeddings", shape.maxPositions());
        config.put("type_vocab_size", shape.typeVocabularySize());
        config.put("vocab_size", shape.vocabularySize());
        config.put("layer_norm_eps", shape.layerNormEps());
        config.put("pad_token_id", 0);
        config.put("position_embedding_type", "absolute");
        config.put("hidden_dropout_prob", 0.1);
        config.put("attention_probs_dropout_prob", 0.1);
        config.put("initializer_range", 0.02);
        ObjectNode tokenizerConfig = Json.MAPPER.createObjectNode();
        tokenizerConfig.put("tokenizer_class", "BertTokenizer");
        tokenizerConfig.put("do_lower_case", true);
        tokenizerConfig.put("model_max_length", maxTokens);
        tokenizerConfig.put("cls_token", "[CLS]");
        tokenizerConfig.put("sep_token", "[SEP]");
        tokenizerConfig.put("pad_token", "[PAD]");
        tokenizerConfig.put("mask_token", "[MASK]");
        tokenizerConfig.put("unk_token", "[UNK]");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("tokenizer.json", tokenizerJson);
        files.put("tokenizer_config.json", bytes(tokenizerConfig));
        return new EncoderSource(hubId, "bert", config, files, pooling, true, maxTokens);
    }

    /** A model folder as read: its own config.json and tokenizer files, named by its absolute path. */
    static EncoderSource of(EncoderFolder folder) {
        ObjectNode config;
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            config = (ObjectNode) Json.MAPPER.readTree(folder.transformer().resolve(EncoderFolder.CONFIG).toFile());
            for (String name : TOKENIZER_FILES) {
                Path file = folder.transformer().resolve(name);
                if (Files.isRegularFile(file)) files.put(name, Files.readAllBytes(file));
            }
        } catch (IOException | ClassCastException e) {
            throw new BadInputException("cannot read " + folder.transformer() + "'s config and tokenizer files: " + e.getMessage(), e);
        }
        return new EncoderSource(folder.folder().toAbsolutePath().normalize().toString(),
                folder.architecture().modelType(), config, files, folder.pooling(), folder.normalize(), folder.maxTokens());
    }

    /** The name this model's own checkpoints give a weight Hone names the BERT way. */
    public String hfName(String bertName) {
        return architecture().hfName(bertName);
    }

    /** The BERT name Hone gives one of this model's own weight names; null for weights the encoder does not use. */
    public String bertName(String hfName) {
        return architecture().bertName(hfName);
    }

    /** This model's name of a module inside a layer ({@code attention.attn.q} for BERT's {@code attention.self.query} in MPNet). */
    public String hfModuleName(String bertModule) {
        return moduleOf(hfName(LAYER + bertModule + WEIGHT));
    }

    /** The BERT name of a module inside a layer, named this model's way: {@link #hfModuleName} backwards. */
    public String bertModuleName(String hfModule) {
        return moduleOf(bertName(LAYER + hfModule + WEIGHT));
    }

    private static String moduleOf(String weightName) {
        return weightName.substring(LAYER.length(), weightName.length() - WEIGHT.length());
    }

    private EncoderArchitecture architecture() {
        return EncoderArchitecture.ofModelType(modelType).orElseThrow();
    }

    /**
     * Writes config.json (the base model's, with {@code architectures} set to its base model class),
     * the tokenizer files, {@code modules.json}, {@code 1_Pooling/config.json}, {@code 2_Normalize/}
     * when the pipeline normalises, and {@code sentence_bert_config.json}, into {@code directory}.
     */
    public void writeSentenceTransformersFiles(Path directory, int hiddenSize) {
        try {
            Files.createDirectories(directory.resolve("1_Pooling"));
            ObjectNode written = config.deepCopy();
            written.putArray("architectures").add(architecture().baseArchitecture());
            Json.PRETTY.writeValue(directory.resolve(EncoderFolder.CONFIG).toFile(), written);
            for (Map.Entry<String, byte[]> file : tokenizerFiles.entrySet()) Files.write(directory.resolve(file.getKey()), file.getValue());
            ArrayNode modules = Json.MAPPER.createArrayNode();
            modules.addObject().put("idx", 0).put("name", "0").put("path", "").put("type", MODULE_PACKAGE + "Transformer");
            modules.addObject().put("idx", 1).put("name", "1").put("path", "1_Pooling").put("type", MODULE_PACKAGE + "Pooling");
            if (normalize) {
                modules.addObject().put("idx", 2).put("name", "2").put("path", "2_Normalize").put("type", MODULE_PACKAGE + "Normalize");
                Files.createDirectories(directory.resolve("2_Normalize"));
            }
            Json.PRETTY.writeValue(directory.resolve("modules.json").toFile(), modules);
            ObjectNode poolingConfig = Json.MAPPER.createObjectNode().put("word_embedding_dimension", hiddenSize);
            for (String key : List.of("pooling_mode_cls_token", "pooling_mode_mean_tokens", "pooling_mode_max_tokens",
                    "pooling_mode_mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken")) {
                poolingConfig.put(key, key.equals(pooling.configKey()));
            }
            poolingConfig.put("include_prompt", true);
            Json.PRETTY.writeValue(directory.resolve("1_Pooling").resolve(EncoderFolder.CONFIG).toFile(), poolingConfig);
            Json.PRETTY.writeValue(directory.resolve("sentence_bert_config.json").toFile(),
                    Json.MAPPER.createObjectNode().put("max_seq_length", maxTokens).put("do_lower_case", false));
        } catch (IOException e) {
            throw new HoneException("cannot write the sentence-transformers files into " + directory + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ObjectNode json) {
        try {
            return Json.PRETTY.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new HoneException("cannot serialise " + json, e);
        }
    }
}
