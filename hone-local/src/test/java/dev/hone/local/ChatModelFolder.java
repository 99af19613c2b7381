package dev.hone.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a chat model folder for tests: a random decoder fixture of hone-engine (by default the
 * Llama one; any of the five, all with vocabulary 300, written by decoder_reference.py) beside a
 * byte-level BPE {@code tokenizer.json} whose
 * vocabulary fits in it (256 bytes, chat special tokens, a few merges), a
 * {@code tokenizer_config.json} with a chat template and a {@code generation_config.json}.
 */
public final class ChatModelFolder {
    /** The decoder fixtures, relative to a module folder, where Maven runs tests. */
    public static final Path FIXTURES = Path.of("..", "hone-engine", "src", "test", "resources", "decoder");
    static final String DEFAULT_FIXTURE = "llama-gqa-f32";

    /** Special tokens after the 256 byte tokens, at these ids. */
    static final List<String> SPECIAL_TOKENS = List.of("<s>", "</s>", "<|im_start|>", "<|im_end|>", "<|begin_of_text|>",
            "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>");
    static final int IM_END = 259;
    static final int EOT = 263;
    private static final String[][] MERGES = {{"h", "e"}, {"Ġ", "t"}, {"Ġt", "he"}, {"e", "r"}};

    /** Qwen2.5's ChatML template (its tool branches left out), as tokenizer_config.json stores it. */
    static final String CHATML_TEMPLATE = """
            {%- if messages[0]['role'] == 'system' %}
                {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}
            {%- else %}
                {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}
            {%- endif %}
            {%- for message in messages %}
                {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant") %}
                    {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
                {%- elif message.role != "system" %}
                    {{- raise_exception('Unknown role: ' + message.role) }}
                {%- endif %}
            {%- endfor %}
            {%- if add_generation_prompt %}
                {{- '<|im_start|>assistant\\n' }}
            {%- endif %}
            """;

    /** Llama 3's template, as Meta-Llama-3-8B-Instruct's tokenizer_config.json stores it. */
    static final String LLAMA3_TEMPLATE = "{% set loop_messages = messages %}{% for message in loop_messages %}"
            + "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}"
            + "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatModelFolder() {
    }

    /** A ChatML folder (Qwen's shape) ending answers at {@code <|im_end|>} and {@code </s>}. */
    public static Path chatMl(Path directory) {
        return chatMl(directory, DEFAULT_FIXTURE);
    }

    /** A ChatML folder over the weights of {@code fixture} (a folder name under {@link #FIXTURES}). */
    public static Path chatMl(Path directory, String fixture) {
        return write(directory, fixture, CHATML_TEMPLATE, "<s>", "<|im_end|>", List.of(IM_END, 257));
    }

    /**
     * A ChatML folder whose config reads sequences up to {@code maxPositions} tokens instead of the
     * fixture's 256: rotary positions need no trained table, so the same weights run any length,
     * and run tests need room for few-shot, reasoning and retrieval prompts (about one token per
     * character with this tokenizer).
     */
    public static Path chatMl(Path directory, int maxPositions) {
        Path folder = chatMl(directory);
        try {
            ObjectNode config = (ObjectNode) JSON.readTree(folder.resolve("config.json").toFile());
            config.put("max_position_embeddings", maxPositions);
            Files.writeString(folder.resolve("config.json"), JSON.writeValueAsString(config));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Llama 3 folder ending answers at {@code <|eot_id|>}. */
    public static Path llama3(Path directory) {
        return write(directory, DEFAULT_FIXTURE, LLAMA3_TEMPLATE, "<|begin_of_text|>", "<|eot_id|>", List.of(EOT));
    }

    static Path write(Path directory, String template, String bosToken, String eosToken, List<Integer> stopIds) {
        return write(directory, DEFAULT_FIXTURE, template, bosToken, eosToken, stopIds);
    }

    static Path write(Path directory, String fixture, String template, String bosToken, String eosToken, List<Integer> stopIds) {
        try {
            Files.createDirectories(directory);
            for (Path file : modelFiles(FIXTURES.resolve(fixture))) Files.copy(file, directory.resolve(file.getFileName()));
            Files.writeString(directory.resolve("tokenizer.json"), JSON.writeValueAsString(tokenizer()));
            ObjectNode tokenizerConfig = JSON.createObjectNode();
            tokenizerConfig.put("chat_template", template);
            tokenizerConfig.put("bos_token", bosToken);
            tokenizerConfig.putObject("eos_token").put("content", eosToken).put("special", true);
            tokenizerConfig.put("add_bos_token", false);
            Files.writeString(directory.resolve("tokenizer_config.json"), JSON.writeValueAsString(tokenizerConfig));
            ObjectNode generationConfig = JSON.createObjectNode();
            generationConfig.put("bos_token_id", 256);
            ArrayNode eos = generationConfig.putArray("eos_token_id");
            stopIds.forEach(eos::add);
            Files.writeString(directory.resolve("generation_config.json"), JSON.writeValueAsString(generationConfig));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** config.json and the weights (one file, or the shards and their index); not the PyTorch reference files. */
    private static List<Path> modelFiles(Path fixture) throws IOException {
        if (!Files.isRegularFile(fixture.resolve("config.json"))) {
            throw new IllegalStateException(fixture.toAbsolutePath() + " has no config.json: run the tests from a module folder");
        }
        try (Stream<Path> files = Files.list(fixture)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.equals("config.json") || name.equals("model.safetensors.index.json")
                        || name.startsWith("model") && name.endsWith(".safetensors");
            }).sorted().toList();
        }
    }

    private static ObjectNode tokenizer() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
            added.addObject().put("id", 256 + i).put("content", SPECIAL_TOKENS.get(i)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
                .put("use_regex", true);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        String[] byteTokens = byteLevelAlphabet();
        for (int b = 0; b < 256; b++) vocab.put(byteTokens[b], b);
        for (int i = 0; i < SPECIAL_TOKENS.size(); i++) vocab.put(SPECIAL_TOKENS.get(i), 256 + i);
        ArrayNode merges = model.putArray("merges");
        int next = 256 + SPECIAL_TOKENS.size();
        for (String[] merge : MERGES) {
            merges.add(merge[0] + " " + merge[1]);
            vocab.put(merge[0] + merge[1], next++);
        }
        return root;
    }

    /** GPT-2's bytes_to_unicode: printable bytes stand for themselves, the others for code points from 256 up. */
    private static String[] byteLevelAlphabet() {
        List<Integer> printable = new ArrayList<>();
        for (int c = '!'; c <= '~'; c++) printable.add(c);
        for (int c = '¡'; c <= '¬'; c++) printable.add(c);
        for (int c = '®'; c <= 'ÿ'; c++) printable.add(c);
        String[] tokens = new String[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) tokens[b] = Character.toString(printable.contains(b) ? b : 256 + extra++);
        return tokens;
    }
}
