package dev.hone.engine.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json → DecoderConfig: the fixtures' variations, transformers' defaults, and the errors a user meets. */
class DecoderConfigTest {
    @TempDir
    Path directory;

    private static DecoderConfig fixture(String name) {
        return DecoderConfig.read(DecoderReferenceTest.folder(name).resolve("config.json"));
    }

    @Test
    void readsEachArchitecturesVariations() {
        DecoderConfig gqa = fixture("llama-gqa-f32");
        assertThat(gqa.architecture()).isEqualTo(DecoderArchitecture.LLAMA);
        assertThat(gqa.numberOfHeads()).isEqualTo(4);
        assertThat(gqa.numberOfKeyValueHeads()).isEqualTo(2);
        assertThat(gqa.headSize()).isEqualTo(8);
        assertThat(gqa.tieWordEmbeddings()).isTrue();
        assertThat(gqa.ropeScaling()).isEqualTo(new RopeScaling.None());
        assertThat(gqa.beginOfSequenceId()).hasValue(1);
        assertThat(gqa.endOfSequenceIds()).containsExactly(2);
        assertThat(gqa.storedType()).hasValue("float32");

        DecoderConfig llama3 = fixture("llama3-rope-bf16");
        assertThat(llama3.ropeScaling()).isEqualTo(new RopeScaling.Llama3(8, 1, 4, 64));
        assertThat(llama3.endOfSequenceIds()).containsExactly(2, 3);

        DecoderConfig qwen = fixture("qwen2-bias-f16");
        assertThat(qwen.architecture()).isEqualTo(DecoderArchitecture.QWEN2);
        assertThat(qwen.attentionBias()).as("Qwen2 always biases q, k, v").isTrue();
        assertThat(qwen.outputBias()).isFalse();
        assertThat(qwen.slidingWindow()).as("use_sliding_window is false").isEmpty();
        assertThat(qwen.ropeTheta()).isEqualTo(1e6);

        DecoderConfig mistral = fixture("mistral-bf16");
        assertThat(mistral.headSize()).as("head_dim wider than hidden / heads").isEqualTo(16);
        assertThat(mistral.queryWidth()).isEqualTo(64);
        assertThat(mistral.slidingWindow()).isEqualTo(OptionalInt.of(4096));
        assertThat(mistral.maxSequenceLength()).isEqualTo(512);

        DecoderConfig sharded = fixture("llama-sharded-f16");
        assertThat(sharded.numberOfKeyValueHeads()).as("defaults to one per head").isEqualTo(4);
        assertThat(sharded.ropeScaling()).as("the older key \"type\"").isEqualTo(new RopeScaling.Linear(2));
        assertThat(sharded.attentionBias()).isTrue();
        assertThat(sharded.outputBias()).as("Llama's attention_bias covers o_proj").isTrue();
    }

    @Test
    void readsTransformers5RopeParameters() throws IOException {
        DecoderConfig config = DecoderConfig.read(edited(c -> {
            c.remove("rope_theta");
            c.remove("rope_scaling");
            c.putObject("rope_parameters").put("rope_theta", 500000.0).put("rope_type", "llama3").put("factor", 32.0)
                    .put("low_freq_factor", 1.0).put("high_freq_factor", 4.0).put("original_max_position_embeddings", 8192);
        }));
        assertThat(config.ropeTheta()).isEqualTo(500000.0);
        assertThat(config.ropeScaling()).isEqualTo(new RopeScaling.Llama3(32, 1, 4, 8192));
    }

    @Test
    void anUnknownArchitectureNamesTheFileAndWhatIsSupported() throws IOException {
        Path file = edited(c -> c.putArray("architectures").add("GPT2LMHeadModel"));
        assertThatThrownBy(() -> DecoderConfig.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("GPT2LMHeadModel")
                .hasMessageContaining("LlamaForCausalLM, Qwen2ForCausalLM, MistralForCausalLM");
    }

    @Test
    void missingAndInvalidFieldsAreNamed() throws IOException {
        List<Consumer<ObjectNode>> edits = List.of(
                c -> c.remove("hidden_size"),
                c -> c.put("num_key_value_heads", 3),
                c -> c.put("intermediate_size", "wide"),
                c -> c.put("rms_norm_eps", 0.0),
                c -> c.put("hidden_act", "gelu"),
                c -> c.putObject("rope_scaling").put("rope_type", "yarn").put("factor", 4.0),
                c -> c.putObject("rope_scaling").put("rope_type", "llama3").put("factor", 8.0));
        List<String> messages = List.of("missing hidden_size", "must be a multiple of num_key_value_heads (3)",
                "intermediate_size must be an integer, got \"wide\"", "rms_norm_eps must be > 0",
                "hidden_act is \"gelu\"", "rope_scaling type \"yarn\" is not supported", "missing low_freq_factor");
        for (int i = 0; i < edits.size(); i++) {
            Path file = edited(edits.get(i));
            assertThatThrownBy(() -> DecoderConfig.read(file)).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(file + ": ").hasMessageContaining(messages.get(i));
        }
    }

    @Test
    void aMissingFileSaysWhatAModelFolderHolds() {
        assertThatThrownBy(() -> DecoderConfig.read(directory.resolve("config.json"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("config.json does not exist");
    }

    /** The GQA fixture's config.json with one change, written to a fresh file. */
    private Path edited(Consumer<ObjectNode> change) throws IOException {
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(DecoderReferenceTest.folder("llama-gqa-f32").resolve("config.json").toFile());
        change.accept(config);
        Path file = Files.createTempFile(directory, "config", ".json");
        Json.MAPPER.writeValue(file.toFile(), config);
        return file;
    }
}
