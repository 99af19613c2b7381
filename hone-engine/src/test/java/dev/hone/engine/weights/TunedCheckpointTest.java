package dev.hone.engine.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.tensor.Tensor;
import dev.hone.error.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuned-model folder written and read back, with its JSON fixed byte for byte. */
class TunedCheckpointTest {
    private static final String QUERY = "encoder.layer.0.attention.self.query";

    /** A query projection with a rank-1 adapter, named as BertModel.namedParameters names them. */
    private static Map<String, Tensor> parametersWithAdapter() {
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        parameters.put(QUERY + ".weight", Tensor.parameter(new float[] {1, 2, 3, 4}, 2, 2));
        parameters.put(QUERY + ".bias", Tensor.parameter(new float[] {5, 6}, 2));
        parameters.put(QUERY + ".lora_A.weight", Tensor.parameter(new float[] {0.25f, -0.5f}, 1, 2));
        parameters.put(QUERY + ".lora_B.weight", Tensor.parameter(new float[] {1.5f, -2f}, 2, 1));
        return parameters;
    }

    @Test
    void loraRoundTripsInPeftLayout(@TempDir Path directory) throws Exception {
        LoraAdapterConfig config = new LoraAdapterConfig(1, 2f, 0.1f, List.of("attention.self.value", "attention.self.query"));
        TunedCheckpoint written = TunedCheckpoint.writeLora(directory, "tiny-bert", "tiny-bert", config, parametersWithAdapter());

        TunedCheckpoint read = TunedCheckpoint.read(directory);
        assertThat(read).isEqualTo(written).isEqualTo(new TunedCheckpoint(directory, TunedCheckpoint.Method.LORA, "tiny-bert"));
        assertThat(read.loraConfig()).isEqualTo(new LoraAdapterConfig(1, 2f, 0.1f, List.of("attention.self.query", "attention.self.value")));
        // Only the adapters are saved, under PEFT's names, with PyTorch's metadata.
        assertThat(Safetensors.read(directory.resolve("adapter_model.safetensors")))
                .containsOnlyKeys("base_model.model." + QUERY + ".lora_A.weight", "base_model.model." + QUERY + ".lora_B.weight");
        assertThat(new String(Files.readAllBytes(directory.resolve("adapter_model.safetensors")), StandardCharsets.ISO_8859_1))
                .contains("\"__metadata__\":{\"format\":\"pt\"}");
        assertThat(directory.resolve("model.safetensors")).doesNotExist();

        Map<String, Tensor> fresh = new LinkedHashMap<>();
        fresh.put(QUERY + ".weight", Tensor.parameter(new float[4], 2, 2));
        fresh.put(QUERY + ".lora_A.weight", Tensor.parameter(new float[2], 1, 2));
        fresh.put(QUERY + ".lora_B.weight", Tensor.parameter(new float[2], 2, 1));
        read.readLoraAdaptersInto(fresh);
        assertThat(fresh.get(QUERY + ".lora_A.weight").data()).containsExactly(0.25f, -0.5f);
        assertThat(fresh.get(QUERY + ".lora_B.weight").data()).containsExactly(1.5f, -2f);
        assertThat(fresh.get(QUERY + ".weight").data()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void jsonFilesAreTheSavedFormat(@TempDir Path directory) throws Exception {
        TunedCheckpoint.writeLora(directory, "all-minilm-l6-v2", "sentence-transformers/all-MiniLM-L6-v2",
                new LoraAdapterConfig(8, 16f, 0.1f, List.of("attention.self.value", "attention.self.query")), parametersWithAdapter());
        assertThat(Files.readString(directory.resolve("tuning.json"))).isEqualTo("""
                {
                  "format" : "hone-tuned-1",
                  "method" : "LORA",
                  "base_model" : "all-minilm-l6-v2"
                }""");
        assertThat(Files.readString(directory.resolve("adapter_config.json"))).isEqualTo("""
                {
                  "peft_type" : "LORA",
                  "task_type" : "FEATURE_EXTRACTION",
                  "base_model_name_or_path" : "sentence-transformers/all-MiniLM-L6-v2",
                  "r" : 8,
                  "lora_alpha" : 16.0,
                  "lora_dropout" : 0.1,
                  "bias" : "none",
                  "fan_in_fan_out" : false,
                  "inference_mode" : true,
                  "target_modules" : [ "attention.self.query", "attention.self.value" ]
                }""");
    }

    @Test
    void fullCheckpointRoundTripsEveryWeight(@TempDir Path directory) {
        TunedCheckpoint.writeFull(directory, "tiny-bert", parametersWithAdapter());

        TunedCheckpoint read = TunedCheckpoint.read(directory);
        assertThat(read.method()).isEqualTo(TunedCheckpoint.Method.FULL);
        Map<String, NamedTensor> weights = read.encoderWeights();
        assertThat(weights).containsOnlyKeys(parametersWithAdapter().keySet());
        assertThat(weights.get(QUERY + ".weight").shape()).containsExactly(2, 2);
        assertThat(weights.get(QUERY + ".weight").values()).containsExactly(1, 2, 3, 4);
        assertThat(weights.get(QUERY + ".lora_B.weight").values()).containsExactly(1.5f, -2f);
        assertThat(directory.resolve("adapter_config.json")).doesNotExist();
    }

    @Test
    void headOnlyClassifierRoundTripsItsHead(@TempDir Path directory) throws Exception {
        Map<String, NamedTensor> head = new LinkedHashMap<>();
        head.put("head.weight", new NamedTensor("head.weight", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        head.put("head.bias", new NamedTensor("head.bias", new int[] {2}, new float[] {-1, 1}));
        TunedCheckpoint.writeHeadOnly(directory, "tiny-bert").writeHead(head);

        TunedCheckpoint read = TunedCheckpoint.read(directory);
        assertThat(read).isEqualTo(new TunedCheckpoint(directory, TunedCheckpoint.Method.HEAD, "tiny-bert"));
        assertThat(read.head()).containsOnlyKeys("head.weight", "head.bias");
        assertThat(read.head().get("head.weight").values()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(read.head().get("head.bias").shape()).containsExactly(2);
        try (var files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("tuning.json", "head.safetensors");
        }
    }

    @Test
    void badFoldersFailNamingTheFile(@TempDir Path directory) throws Exception {
        assertThatThrownBy(() -> TunedCheckpoint.read(directory))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("cannot read " + directory.resolve("tuning.json"));

        Files.writeString(directory.resolve("tuning.json"), "{\"format\": \"hone-tuned-1\", \"method\": \"QLORA\", \"base_model\": \"x\"}");
        assertThatThrownBy(() -> TunedCheckpoint.read(directory))
                .isInstanceOf(BadInputException.class)
                .hasMessage(directory.resolve("tuning.json") + ": method must be HEAD, LORA or FULL, got 'QLORA'");

        TunedCheckpoint encoderOnly = TunedCheckpoint.writeLora(directory, "tiny-bert", "tiny-bert",
                new LoraAdapterConfig(1, 2f, 0f, List.of("attention.self.query")), parametersWithAdapter());
        assertThatThrownBy(encoderOnly::head)
                .isInstanceOf(BadInputException.class)
                .hasMessage(directory + ": no head.safetensors; is this a classifier folder?");

        Map<String, Tensor> rankTwo = Map.of(QUERY + ".lora_A.weight", Tensor.parameter(new float[4], 2, 2));
        assertThatThrownBy(() -> encoderOnly.readLoraAdaptersInto(rankTwo))
                .isInstanceOf(BadInputException.class)
                .hasMessage(directory + ": adapter tensor base_model.model." + QUERY + ".lora_A.weight is missing or has the wrong shape");
    }
}
