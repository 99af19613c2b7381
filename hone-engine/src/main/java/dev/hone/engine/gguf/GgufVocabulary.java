package dev.hone.engine.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.decoder.DecoderConfig;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A model folder's byte-level BPE tokenizer as GGUF's {@code tokenizer.ggml.*} keys (model
 * {@code gpt2}): one token per id up to config.json's {@code vocab_size} (ids the tokenizer does
 * not use become {@code [PAD<id>]}, as llama.cpp's converter names them), each token's type
 * (normal; control for special added tokens; user-defined for other added tokens and padding),
 * the merges, the special token ids from tokenizer_config.json (else config.json), whether BOS/EOS
 * are added, and the chat template.
 */
public final class GgufVocabulary {
    static final int NORMAL = 1;
    static final int CONTROL = 3;
    static final int USER_DEFINED = 4;

    private final List<String> tokens;
    private final int[] tokenTypes;
    private final List<String> merges;
    private final String preTokenizer;
    private final Map<String, Integer> specialIds;
    private final Map<String, Boolean> addSpecial;
    private final String chatTemplate;
    private final List<String> notes;

    private GgufVocabulary(List<String> tokens, int[] tokenTypes, List<String> merges, String preTokenizer,
                           Map<String, Integer> specialIds, Map<String, Boolean> addSpecial, String chatTemplate,
                           List<String> notes) {
        this.tokens = tokens;
        this.tokenTypes = tokenTypes;
        this.merges = merges;
        this.preTokenizer = preTokenizer;
        this.specialIds = specialIds;
        this.addSpecial = addSpecial;
        this.chatTemplate = chatTemplate;
        this.notes = notes;
    }

    /**
     * Reads tokenizer.json and tokenizer_config.json from {@code folder}.
     *
     * @throws BadInputException naming the file when one is missing, or the tokenizer is not byte-level BPE
     */
    public static GgufVocabulary read(Path folder, DecoderConfig config) {
        Path tokenizerFile = folder.resolve("tokenizer.json");
        JsonNode tokenizer = readJson(tokenizerFile, "a GGUF file carries the tokenizer, so the folder needs the "
                + "tokenizer.json Hugging Face saves beside config.json");
        Path configFile = folder.resolve("tokenizer_config.json");
        JsonNode tokenizerConfig = Files.exists(configFile) ? readJson(configFile, "") : Json.MAPPER.createObjectNode();
        JsonNode model = tokenizer.path("model");
        if (!model.path("type").asText().equals("BPE") || model.path("byte_fallback").asBoolean(false)
                || !isByteLevel(tokenizer)) {
            throw new BadInputException(tokenizerFile + " is a " + describe(tokenizer) + " tokenizer; Hone exports "
                    + "byte-level BPE tokenizers to GGUF (Llama 3, Qwen2.5, SmolLM2 and GPT-2 style), not SentencePiece-"
                    + "style ones (Llama 2, TinyLlama, Mistral 7B v0.1): convert such a model with llama.cpp's convert_hf_to_gguf.py");
        }
        int size = config.vocabularySize();
        String[] byId = new String[size];
        int[] types = new int[size];
        Map<String, Integer> idOf = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : model.path("vocab").properties()) {
            place(tokenizerFile, byId, types, entry.getKey(), entry.getValue().asInt(), NORMAL);
            idOf.put(entry.getKey(), entry.getValue().asInt());
        }
        for (JsonNode added : tokenizer.path("added_tokens")) {
            String content = added.path("content").asText();
            place(tokenizerFile, byId, types, content, added.path("id").asInt(), added.path("special").asBoolean() ? CONTROL : USER_DEFINED);
            idOf.put(content, added.path("id").asInt());
        }
        List<String> tokens = new ArrayList<>(size);
        for (int id = 0; id < size; id++) {
            if (byId[id] == null) {
                byId[id] = "[PAD" + id + "]";
                types[id] = USER_DEFINED;
            }
            tokens.add(byId[id]);
        }
        List<String> notes = new ArrayList<>();
        String pre = PreTokenizerName.of(tokenizer.path("pre_tokenizer")).orElseGet(() -> {
            notes.add(tokenizerFile + ": the pre-tokenizer is none Hone recognises (Llama 3, Qwen2, SmolLM2, GPT-2); "
                    + "tokenizer.ggml.pre is \"default\", so llama.cpp may split text into tokens differently");
            return "default";
        });
        Map<String, Integer> specialIds = specialIds(tokenizerConfig, idOf, config);
        return new GgufVocabulary(tokens, types, merges(tokenizerFile, model.path("merges")), pre, specialIds,
                addSpecial(tokenizerConfig, tokenizer.path("post_processor"), specialIds, tokens),
                chatTemplate(tokenizerConfig), List.copyOf(notes));
    }

    private static void place(Path file, String[] byId, int[] types, String token, int id, int type) {
        if (id < 0 || id >= byId.length) {
            throw new BadInputException(file + ": token " + token + " has id " + id + ", outside config.json's vocab_size "
                    + byId.length + "; the tokenizer and the weights do not belong together");
        }
        byId[id] = token;
        types[id] = type;
    }

    private static boolean isByteLevel(JsonNode tokenizer) {
        return tokenizer.path("decoder").path("type").asText().equals("ByteLevel")
                || tokenizer.path("pre_tokenizer").toString().contains("\"ByteLevel\"");
    }

    private static String describe(JsonNode tokenizer) {
        JsonNode model = tokenizer.path("model");
        String type = model.path("type").asText("unknown");
        return model.path("byte_fallback").asBoolean(false) ? type + " (with byte fallback)" : type;
    }

    private static List<String> merges(Path file, JsonNode merges) {
        List<String> result = new ArrayList<>(merges.size());
        for (JsonNode merge : merges) {
            // Newer tokenizers store a merge as a pair ["a", "b"], older ones as "a b"; GGUF keeps "a b".
            if (merge.isArray() && merge.size() == 2) result.add(merge.get(0).asText() + " " + merge.get(1).asText());
            else if (merge.isTextual()) result.add(merge.asText());
            else throw new BadInputException(file + ": a merge is " + merge + "; expected \"a b\" or [\"a\", \"b\"]");
        }
        return result;
    }

    /** bos, eos, unk and pad: by name in tokenizer_config.json, else bos and eos by id in config.json. */
    private static Map<String, Integer> specialIds(JsonNode tokenizerConfig, Map<String, Integer> idOf, DecoderConfig config) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String kind : List.of("bos", "eos", "unk", "pad")) {
            JsonNode token = tokenizerConfig.path(kind + "_token");
            String content = token.isObject() ? token.path("content").asText(null) : token.isTextual() ? token.asText() : null;
            if (content != null && idOf.containsKey(content)) ids.put(kind, idOf.get(content));
        }
        OptionalInt bos = config.beginOfSequenceId();
        if (!ids.containsKey("bos") && bos.isPresent() && bos.getAsInt() < config.vocabularySize()) ids.put("bos", bos.getAsInt());
        if (!ids.containsKey("eos") && !config.endOfSequenceIds().isEmpty()) ids.put("eos", config.endOfSequenceIds().get(0));
        return ids;
    }

    /**
     * Whether BOS and EOS are added around a text: tokenizer_config.json's {@code add_bos_token} and
     * {@code add_eos_token} when given, else what tokenizer.json's {@code TemplateProcessing} post-processor
     * puts before and after a single text (Llama 3 adds {@code <|begin_of_text|>} there), else unsaid.
     */
    private static Map<String, Boolean> addSpecial(JsonNode tokenizerConfig, JsonNode postProcessor,
                                                   Map<String, Integer> specialIds, List<String> tokens) {
        JsonNode template = singleTextTemplate(postProcessor);
        Map<String, Boolean> add = new LinkedHashMap<>();
        for (String kind : List.of("bos", "eos")) {
            JsonNode flag = tokenizerConfig.path("add_" + kind + "_token");
            if (flag.isBoolean()) {
                add.put(kind, flag.asBoolean());
            } else if (template != null && specialIds.containsKey(kind) && !template.isEmpty()) {
                JsonNode end = kind.equals("bos") ? template.get(0) : template.get(template.size() - 1);
                add.put(kind, end.path("SpecialToken").path("id").asText("").equals(tokens.get(specialIds.get(kind))));
            }
        }
        return add;
    }

    /** The {@code single} template of a TemplateProcessing post-processor (alone or in a Sequence), or null. */
    private static JsonNode singleTextTemplate(JsonNode postProcessor) {
        if (postProcessor.path("type").asText().equals("TemplateProcessing")) return postProcessor.path("single");
        for (JsonNode step : postProcessor.path("processors")) {
            if (step.path("type").asText().equals("TemplateProcessing")) return step.path("single");
        }
        return null;
    }

    /** The chat template: a string, or from a list of named templates the one named "default". */
    private static String chatTemplate(JsonNode tokenizerConfig) {
        JsonNode template = tokenizerConfig.path("chat_template");
        if (template.isTextual()) return template.asText();
        for (JsonNode named : template) {
            if (named.path("name").asText().equals("default")) return named.path("template").asText();
        }
        return null;
    }

    private static JsonNode readJson(Path file, String why) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file + " is missing" + (why.isEmpty() ? "" : ": " + why));
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Adds the {@code tokenizer.*} keys. */
    public void addTo(GgufMetadata metadata) {
        metadata.putString("tokenizer.ggml.model", "gpt2");
        metadata.putString("tokenizer.ggml.pre", preTokenizer);
        metadata.putStrings("tokenizer.ggml.tokens", tokens);
        metadata.putInt32s("tokenizer.ggml.token_type", tokenTypes);
        metadata.putStrings("tokenizer.ggml.merges", merges);
        Map<String, String> idKeys = Map.of("bos", "bos_token_id", "eos", "eos_token_id", "unk", "unknown_token_id",
                "pad", "padding_token_id");
        specialIds.forEach((kind, id) -> metadata.putUInt32("tokenizer.ggml." + idKeys.get(kind), id));
        addSpecial.forEach((kind, add) -> metadata.putBool("tokenizer.ggml.add_" + kind + "_token", add));
        if (chatTemplate != null) metadata.putString("tokenizer.chat_template", chatTemplate);
    }

    /** Warnings for the user (an unrecognised pre-tokenizer); the export still runs. */
    public List<String> notes() {
        return notes;
    }
}
