package dev.hone.engine.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The name llama.cpp gives a byte-level BPE tokenizer's pre-tokenizer ({@code tokenizer.ggml.pre}),
 * which picks the regular expressions llama.cpp splits text with before BPE. llama.cpp's converter
 * recognises a tokenizer by hashing how it encodes a test text; Hone reads the same fact from
 * tokenizer.json's {@code pre_tokenizer} instead, for the families it loads: Llama 3's split
 * pattern, Qwen2's (digits one at a time), SmolLM2's (Digits then GPT-2's ByteLevel) and plain
 * GPT-2 ByteLevel. Only text tokenization in llama.cpp depends on it; token ids fed directly do not.
 */
final class PreTokenizerName {
    static final String LLAMA3_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String QWEN2_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private PreTokenizerName() {
    }

    /** llama.cpp's name for tokenizer.json's {@code pre_tokenizer}, or empty when it is none of the known ones. */
    static Optional<String> of(JsonNode preTokenizer) {
        String type = preTokenizer.path("type").asText();
        if (type.equals("ByteLevel") && preTokenizer.path("use_regex").asBoolean(true)) return Optional.of("gpt-2");
        if (!type.equals("Sequence")) return Optional.empty();
        JsonNode steps = preTokenizer.path("pretokenizers");
        if (steps.size() != 2 || !steps.get(1).path("type").asText().equals("ByteLevel")) return Optional.empty();
        JsonNode first = steps.get(0);
        if (first.path("type").asText().equals("Digits") && first.path("individual_digits").asBoolean()
                && steps.get(1).path("use_regex").asBoolean(true)) {
            return Optional.of("smollm");
        }
        if (!first.path("type").asText().equals("Split")) return Optional.empty();
        String pattern = first.path("pattern").path("Regex").asText();
        if (pattern.equals(LLAMA3_PATTERN)) return Optional.of("llama-bpe");
        if (pattern.equals(QWEN2_PATTERN)) return Optional.of("qwen2");
        return Optional.empty();
    }
}
