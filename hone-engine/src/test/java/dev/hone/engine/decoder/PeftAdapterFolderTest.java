package dev.hone.engine.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.weights.NamedTensor;
import dev.hone.engine.weights.Safetensors;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adapters saved PEFT-style and loaded back, and the clear refusals of folders Hone cannot apply. */
class PeftAdapterFolderTest {
    private static final ReferenceKernels KERNELS = new ReferenceKernels();

    @TempDir
    Path directory;

    private static Decoder base() {
        return Decoder.load(DecoderReferenceTest.folder("qwen2-bias-f16"), KERNELS);
    }

    private static DecoderAdapters adapters(Decoder base) {
        DecoderAdapters adapters = DecoderAdapters.create(base, new LoraSettings(2, 6, 0.1f,
                EnumSet.of(DecoderModule.Q_PROJ, DecoderModule.V_PROJ, DecoderModule.GATE_PROJ, DecoderModule.DOWN_PROJ), 4));
        SplittableRandom random = new SplittableRandom(8);
        for (Tensor parameter : adapters.parameters()) {
            for (int i = 0; i < parameter.size(); i++) parameter.data()[i] = (float) random.nextDouble() - 0.5f;
        }
        return adapters;
    }

    @Test
    void savedAdaptersLoadBackToTheSameModel() throws IOException {
        Decoder base = base();
        DecoderAdapters saved = adapters(base);
        PeftAdapterFolder.save(saved, directory, "/models/qwen2-tiny");

        JsonNode config = Json.MAPPER.readTree(directory.resolve("adapter_config.json").toFile());
        assertThat(config.path("peft_type").asText()).isEqualTo("LORA");
        assertThat(config.path("task_type").asText()).isEqualTo("CAUSAL_LM");
        assertThat(config.path("r").asInt()).isEqualTo(2);
        assertThat(config.path("lora_alpha").asDouble()).isEqualTo(6);
        assertThat(config.path("lora_dropout").floatValue()).isEqualTo(0.1f);
        assertThat(config.path("bias").asText()).isEqualTo("none");
        assertThat(config.path("base_model_name_or_path").asText()).isEqualTo("/models/qwen2-tiny");
        assertThat(config.path("target_modules").toString()).isEqualTo("[\"down_proj\",\"gate_proj\",\"q_proj\",\"v_proj\"]");
        Map<String, NamedTensor> tensors = Safetensors.read(directory.resolve("adapter_model.safetensors"));
        assertThat(tensors).hasSize(2 * 4 * 2);
        assertThat(tensors.get("base_model.model.model.layers.1.mlp.gate_proj.lora_B.weight").shape())
                .containsExactly(base.config().intermediateSize(), 2);
        assertThat(tensors.get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape())
                .containsExactly(2, base.config().hiddenSize());

        DecoderAdapters loaded = PeftAdapterFolder.load(directory, base);
        assertThat(loaded.settings().scale()).isEqualTo(3f);
        assertThat(PeftAdapterFolder.baseModel(directory)).isEqualTo("/models/qwen2-tiny");
        int[] tokens = {4, 90, 17, 250, 3, 3, 61};
        float[][] expected = base.withAdapters(saved).logits(tokens);
        float[][] actual = base.withAdapters(loaded).logits(tokens);
        for (int i = 0; i < tokens.length; i++) assertThat(actual[i]).containsExactly(expected[i]);
    }

    private void saveAndEditConfig(Consumer<ObjectNode> edit) throws IOException {
        PeftAdapterFolder.save(adapters(base()), directory, "base");
        Path file = directory.resolve("adapter_config.json");
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        edit.accept(config);
        Json.PRETTY.writeValue(file.toFile(), config);
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, base())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("adapter_config.json not found");
        PeftAdapterFolder.save(adapters(base()), directory, "base");
        Files.delete(directory.resolve("adapter_model.safetensors"));
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, base())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("adapter_model.safetensors not found");
    }

    @Test
    void anUnknownTargetModuleIsRefused() throws IOException {
        saveAndEditConfig(config -> config.putArray("target_modules").add("q_proj").add("lm_head"));
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, base())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown LoRA target module \"lm_head\"");
    }

    @Test
    void aRankThatDoesNotMatchTheTensorsIsRefused() throws IOException {
        saveAndEditConfig(config -> config.put("r", 4));
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, base())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight is [2, 32]")
                .hasMessageContaining("need [4, 32]");
    }

    @Test
    void anAdapterForAnotherBaseIsRefused() throws IOException {
        PeftAdapterFolder.save(adapters(base()), directory, "base");
        Decoder other = Decoder.load(DecoderReferenceTest.folder("mistral-bf16"), KERNELS);      // q_proj 64 x 32, not 32 x 32
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, other)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("belongs to another base model");
    }

    @Test
    void targetsWithoutTensorsAndTensorsWithoutTargetsAreRefused() throws IOException {
        saveAndEditConfig(config -> config.putArray("target_modules").add("q_proj").add("v_proj").add("gate_proj").add("down_proj")
                .add("o_proj"));
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, base())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no tensor base_model.model.model.layers.0.self_attn.o_proj.lora_A.weight");
        saveAndEditConfig(config -> config.putArray("target_modules").add("q_proj").add("v_proj").add("gate_proj"));
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, base())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has tensors Hone does not apply, e.g. base_model.model.model.layers.0.mlp.down_proj.lora_A.weight");
    }

    @Test
    void optionsThatChangeTheMathAreRefused() throws IOException {
        saveAndEditConfig(config -> config.put("use_rslora", true));
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, base())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sets use_rslora");
        saveAndEditConfig(config -> config.put("peft_type", "IA3"));
        assertThatThrownBy(() -> PeftAdapterFolder.load(directory, base())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Hone loads LORA adapters only");
    }
}
