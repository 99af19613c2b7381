package dev.hone.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.decoder.DecoderConfig;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufVocabularyTest {
    @TempDir
    Path directory;

    private GgufVocabulary read(Path folder) {
        return GgufVocabulary.read(folder, DecoderConfig.read(folder.resolve("config.json")));
    }

    @Test
    void tokensFillTheVocabularyWithPaddingAndCarryTheirTypes() {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        GgufMetadata metadata = new GgufMetadata();

        read(folder).addTo(metadata);

        List<String> tokens = ((GgufValue.TextArray) metadata.get("tokenizer.ggml.tokens")).values();
        assertThat(tokens).hasSize(300).startsWith("a", "b", "ab", "<s>", "<x>", "[PAD5]").endsWith("[PAD299]");
        int[] types = ((GgufValue.Int32Array) metadata.get("tokenizer.ggml.token_type")).values();
        assertThat(types).startsWith(1, 1, 1, 3, 4, 4);
        assertThat(metadata.get("tokenizer.ggml.model")).isEqualTo(new GgufValue.Text("gpt2"));
        assertThat(metadata.get("tokenizer.ggml.pre")).isEqualTo(new GgufValue.Text("gpt-2"));
        assertThat(metadata.get("tokenizer.ggml.merges")).isEqualTo(new GgufValue.TextArray(List.of("a b")));
        assertThat(metadata.get("tokenizer.ggml.bos_token_id")).isEqualTo(new GgufValue.UInt32(3));
        assertThat(metadata.get("tokenizer.ggml.eos_token_id")).isEqualTo(new GgufValue.UInt32(3));
        assertThat(metadata.get("tokenizer.ggml.add_bos_token")).isEqualTo(new GgufValue.Bool(false));
        assertThat(metadata.get("tokenizer.chat_template")).isEqualTo(new GgufValue.Text("{{ messages }}"));
    }

    @Test
    void withoutTokenizerConfigTheSpecialIdsComeFromConfigJson() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        Files.delete(folder.resolve("tokenizer_config.json"));
        GgufMetadata metadata = new GgufMetadata();

        read(folder).addTo(metadata);

        assertThat(metadata.get("tokenizer.ggml.bos_token_id")).isEqualTo(new GgufValue.UInt32(1));
        assertThat(metadata.get("tokenizer.ggml.eos_token_id")).isEqualTo(new GgufValue.UInt32(2));
        assertThat(metadata.get("tokenizer.chat_template")).isNull();
    }

    @Test
    void withoutAFlagBosIsAddedWhenThePostProcessorPutsItFirst() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\", \"eos_token\": \"<x>\"}");
        Path tokenizer = folder.resolve("tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer).replace("\"decoder\":", "\"post_processor\": {\"type\": "
                + "\"TemplateProcessing\", \"single\": [{\"SpecialToken\": {\"id\": \"<s>\", \"type_id\": 0}}, "
                + "{\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}]}, \"decoder\":"));
        GgufMetadata metadata = new GgufMetadata();

        read(folder).addTo(metadata);

        assertThat(metadata.get("tokenizer.ggml.add_bos_token")).isEqualTo(new GgufValue.Bool(true));
        assertThat(metadata.get("tokenizer.ggml.add_eos_token")).isEqualTo(new GgufValue.Bool(false));
        assertThat(metadata.get("tokenizer.ggml.eos_token_id")).isEqualTo(new GgufValue.UInt32(4));
    }

    @Test
    void knownPreTokenizersAreNamedAsLlamaCppNamesThem() throws IOException {
        String llama3 = "{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\", \"pattern\": {\"Regex\": "
                + com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(PreTokenizerName.LLAMA3_PATTERN)
                + "}, \"behavior\": \"Isolated\"}, {\"type\": \"ByteLevel\", \"use_regex\": false}]}";
        String smollm = "{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Digits\", \"individual_digits\": true},"
                + " {\"type\": \"ByteLevel\", \"use_regex\": true}]}";
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(PreTokenizerName.of(json.readTree(llama3))).contains("llama-bpe");
        assertThat(PreTokenizerName.of(json.readTree(llama3.replace("\\\\p{N}{1,3}", "\\\\p{N}")))).contains("qwen2");
        assertThat(PreTokenizerName.of(json.readTree(smollm))).contains("smollm");
        assertThat(PreTokenizerName.of(json.readTree("{\"type\": \"Whitespace\"}"))).isEmpty();
    }

    @Test
    void anUnknownPreTokenizerIsWrittenAsDefaultWithANote() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        Path tokenizer = folder.resolve("tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer).replace("\"use_regex\": true", "\"use_regex\": false"));
        GgufMetadata metadata = new GgufMetadata();

        GgufVocabulary vocabulary = read(folder);
        vocabulary.addTo(metadata);

        assertThat(metadata.get("tokenizer.ggml.pre")).isEqualTo(new GgufValue.Text("default"));
        assertThat(vocabulary.notes()).singleElement().asString().contains("tokenizer.ggml.pre is \"default\"");
    }

    @Test
    void aTokenBeyondTheVocabularySizeIsRefused() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        Path tokenizer = folder.resolve("tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer).replace("\"ab\": 2", "\"ab\": 300"));

        assertThatThrownBy(() -> read(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("token ab has id 300, outside config.json's vocab_size 300");
    }

    @Test
    void aUnigramTokenizerIsRefusedNamingWhatIsSupported() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        Path tokenizer = folder.resolve("tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer).replace("\"type\": \"BPE\"", "\"type\": \"Unigram\""));

        assertThatThrownBy(() -> read(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is a Unigram tokenizer; Hone exports byte-level BPE tokenizers");
    }

    @Test
    void aMissingTokenizerIsNamed() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        Files.delete(folder.resolve("tokenizer.json"));

        assertThatThrownBy(() -> read(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tokenizer.json is missing: a GGUF file carries the tokenizer");
    }
}
