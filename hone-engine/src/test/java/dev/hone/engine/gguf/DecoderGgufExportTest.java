package dev.hone.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.decoder.AdapterMerge;
import dev.hone.engine.decoder.DecoderConfig;
import dev.hone.engine.decoder.RopeScaling;
import dev.hone.engine.kernel.StoredMatrix;
import dev.hone.engine.weights.SafetensorsCheckpoint;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export of the decoder fixtures, read back: names, shapes, metadata and the values llama.cpp's conventions ask for. */
class DecoderGgufExportTest {
    @TempDir
    Path directory;

    private GgufFile export(String fixture, GgufTensorType type) throws IOException {
        Path folder = TestModelFolder.write(directory, fixture);
        Path file = directory.resolve(fixture + "-" + type.optionName() + ".gguf");
        DecoderGgufExport.of(folder, type).writeTo(file, WriteProgress.SILENT);
        return GgufFile.parse(Files.readAllBytes(file));
    }

    @Test
    void aTiedLlamaHasLlamaCppsTensorNamesAndNoOutputMatrix() throws IOException {
        GgufFile gguf = export("llama-gqa-f32", GgufTensorType.F32);

        assertThat(gguf.tensorNames()).startsWith("token_embd.weight", "blk.0.attn_norm.weight", "blk.0.attn_q.weight",
                "blk.0.attn_k.weight", "blk.0.attn_v.weight", "blk.0.attn_output.weight", "blk.0.ffn_norm.weight",
                "blk.0.ffn_gate.weight", "blk.0.ffn_up.weight", "blk.0.ffn_down.weight").endsWith("output_norm.weight")
                .doesNotContain("output.weight").hasSize(1 + 2 * 9 + 1);
        assertThat(gguf.tensor("token_embd.weight").dimensions()).containsExactly(32, 300);
        assertThat(gguf.tensor("blk.0.attn_k.weight").dimensions()).containsExactly(32, 16);   // 2 key/value heads of 8
        assertThat(gguf.tensor("blk.1.ffn_down.weight").dimensions()).containsExactly(64, 32);
        assertThat(gguf.value("general.architecture")).isEqualTo("llama");
        assertThat(gguf.value("general.alignment")).isEqualTo(32L);
        assertThat(gguf.value("general.file_type")).isEqualTo(0L);
        assertThat(gguf.value("llama.block_count")).isEqualTo(2L);
        assertThat(gguf.value("llama.context_length")).isEqualTo(256L);
        assertThat(gguf.value("llama.embedding_length")).isEqualTo(32L);
        assertThat(gguf.value("llama.feed_forward_length")).isEqualTo(64L);
        assertThat(gguf.value("llama.attention.head_count")).isEqualTo(4L);
        assertThat(gguf.value("llama.attention.head_count_kv")).isEqualTo(2L);
        assertThat(gguf.value("llama.rope.dimension_count")).isEqualTo(8L);
        assertThat(gguf.value("llama.rope.freq_base")).isEqualTo(10000f);
        assertThat(gguf.value("llama.attention.layer_norm_rms_epsilon")).isEqualTo(1e-5f);
        assertThat(gguf.value("llama.vocab_size")).isEqualTo(300L);
        assertThat(gguf.metadata()).doesNotContainKey("llama.rope.scaling.type");
    }

    @Test
    void llamaQueryAndKeyRowsAreInterleavedPerHeadAndOtherWeightsAreAsStored() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        GgufFile gguf = export("llama-gqa-f32", GgufTensorType.F32);
        SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(folder);
        StoredMatrix keys = weights.matrix("model.layers.1.self_attn.k_proj.weight", 16, 32);
        StoredMatrix values = weights.matrix("model.layers.1.self_attn.v_proj.weight", 16, 32);

        // Head 1 (rows 8..15), head size 8: GGUF row 8 + 2i + 1 is Hugging Face row 8 + 4 + i.
        for (int column = 0; column < 32; column++) {
            assertThat(gguf.f32("blk.1.attn_k.weight", (8 + 2 * 1 + 1) * 32 + column)).isEqualTo(keys.get(8 + 4 + 1, column));
            assertThat(gguf.f32("blk.1.attn_k.weight", (8 + 2 * 1) * 32 + column)).isEqualTo(keys.get(8 + 1, column));
            assertThat(gguf.f32("blk.1.attn_v.weight", 13 * 32 + column)).isEqualTo(values.get(13, column));
        }
    }

    @Test
    void aMergedAdapterIsAddedToItsWeightsBeforeTheRowsAreInterleaved() throws Exception {
        Path folder = TestModelFolder.write(directory, "llama3-rope-bf16");
        Path adapterFolder = Path.of(getClass().getResource("/decoder/llama3-rope-bf16-lora/adapter_config.json").toURI()).getParent();
        AdapterMerge merge = AdapterMerge.load(folder, adapterFolder);
        Path file = directory.resolve("merged.gguf");
        DecoderGgufExport.merged(merge, GgufTensorType.F32).writeTo(file, WriteProgress.SILENT);
        GgufFile gguf = GgufFile.parse(Files.readAllBytes(file));
        SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(folder);
        StoredMatrix keys = weights.matrix("model.layers.1.self_attn.k_proj.weight", 16, 32);
        float[] keyDelta = merge.delta("model.layers.1.self_attn.k_proj.weight");                     // (16, 32)
        StoredMatrix gate = weights.matrix("model.layers.1.mlp.gate_proj.weight", 64, 32);

        assertThat(gguf.value("general.name")).isEqualTo("llama3-rope-bf16-lora");
        assertThat(merge.delta("model.layers.1.mlp.gate_proj.weight")).as("gate_proj is not a target").isNull();
        // One head of 16: GGUF row 2i + 1 is Hugging Face row 8 + i, merged first.
        for (int column = 0; column < 32; column++) {
            assertThat(gguf.f32("blk.1.attn_k.weight", 3 * 32 + column)).isEqualTo(keys.get(9, column) + keyDelta[9 * 32 + column]);
            assertThat(gguf.f32("blk.1.attn_k.weight", 2 * 32 + column)).isEqualTo(keys.get(1, column) + keyDelta[32 + column]);
            assertThat(gguf.f32("blk.1.ffn_gate.weight", 5 * 32 + column)).isEqualTo(gate.get(5, column));
        }
        assertThat(keyDelta).isNotEqualTo(new float[16 * 32]);
    }

    @Test
    void qwen2KeepsTheRotateHalfLayoutAndItsBiases() throws IOException {
        Path folder = TestModelFolder.write(directory, "qwen2-bias-f16");
        GgufFile gguf = export("qwen2-bias-f16", GgufTensorType.F32);
        SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(folder);
        StoredMatrix queries = weights.matrix("model.layers.0.self_attn.q_proj.weight", 32, 32);
        float[] queryBias = weights.vector("model.layers.0.self_attn.q_proj.bias", 32);

        assertThat(gguf.value("general.architecture")).isEqualTo("qwen2");
        assertThat(gguf.value("qwen2.rope.freq_base")).isEqualTo(1_000_000f);
        assertThat(gguf.tensorNames()).contains("blk.0.attn_q.bias", "blk.0.attn_k.bias", "blk.0.attn_v.bias", "output.weight")
                .doesNotContain("blk.0.attn_output.bias");
        for (int row = 0; row < 32; row++) {
            assertThat(gguf.f32("blk.0.attn_q.weight", row * 32 + 5)).isEqualTo(queries.get(row, 5));
            assertThat(gguf.f32("blk.0.attn_q.bias", row)).isEqualTo(queryBias[row]);
        }
    }

    @Test
    void llama3ScalingBecomesRopeFreqsWhoseFactorsGiveTransformersFrequencies() throws IOException {
        GgufFile gguf = export("llama3-rope-bf16", GgufTensorType.F32);
        DecoderConfig config = DecoderConfig.read(directory.resolve("llama3-rope-bf16").resolve("config.json"));
        int pairs = config.headSize() / 2;
        float[] frequencies = new float[pairs];
        for (int i = 0; i < pairs; i++) frequencies[i] = 1f / (float) Math.pow((float) config.ropeTheta(), (float) (2 * i) / config.headSize());
        float[] scaled = config.ropeScaling().apply(frequencies);

        assertThat(gguf.tensor("rope_freqs.weight").dimensions()).containsExactly(pairs);
        assertThat(gguf.metadata()).doesNotContainKey("llama.rope.scaling.type");
        for (int i = 0; i < pairs; i++) {
            float factor = gguf.f32("rope_freqs.weight", i);
            assertThat((double) frequencies[i] / factor).as("pair %d", i).isCloseTo(scaled[i], org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
        assertThat(gguf.f32("rope_freqs.weight", 0)).isEqualTo(1f);
        assertThat(gguf.f32("rope_freqs.weight", pairs - 1)).isEqualTo(8f);
    }

    @Test
    void linearScalingAndAttentionBiasesAreCarried() throws IOException {
        GgufFile gguf = export("llama-sharded-f16", GgufTensorType.F16);

        assertThat(gguf.value("llama.rope.scaling.type")).isEqualTo("linear");
        assertThat(gguf.value("llama.rope.scaling.factor")).isEqualTo(2f);
        assertThat(gguf.value("general.file_type")).isEqualTo(1L);
        assertThat(gguf.tensorNames()).contains("blk.1.attn_output.bias", "blk.1.attn_q.bias", "output.weight");
        assertThat(gguf.tensor("blk.0.attn_q.weight").ggmlType()).isEqualTo(1);
        assertThat(gguf.tensor("blk.0.attn_q.bias").ggmlType()).isZero();
        assertThat(gguf.tensor("output_norm.weight").ggmlType()).isZero();
    }

    @Test
    void aBfloat16ExportKeepsTheCheckpointsBitsAndIsDeclaredMostlyBf16() throws IOException {
        Path folder = TestModelFolder.write(directory, "mistral-bf16");
        GgufFile gguf = export("mistral-bf16", GgufTensorType.BF16);
        StoredMatrix up = SafetensorsCheckpoint.open(folder).matrix("model.layers.1.mlp.up_proj.weight", 64, 32);

        assertThat(gguf.value("general.file_type")).isEqualTo(32L);               // LLAMA_FTYPE_MOSTLY_BF16
        assertThat(gguf.tensor("blk.1.ffn_up.weight").ggmlType()).isEqualTo(30);  // GGML_TYPE_BF16
        assertThat(gguf.tensor("token_embd.weight").ggmlType()).isEqualTo(30);
        assertThat(gguf.tensor("blk.1.ffn_norm.weight").ggmlType()).isZero();
        for (int row = 0; row < 64; row++) {
            for (int column = 0; column < 32; column++) {
                float stored = up.get(row, column);
                // bf16 is the top half of an f32, so a bf16 checkpoint's value comes back exactly.
                assertThat(Float.intBitsToFloat(gguf.bits16("blk.1.ffn_up.weight", row * 32L + column) << 16))
                        .as("row %d column %d", row, column).isEqualTo(stored);
            }
        }
    }

    @Test
    void mistralsHeadSizeIsWrittenSinceItIsNotHiddenOverHeads() throws IOException {
        GgufFile gguf = export("mistral-bf16", GgufTensorType.Q8_0);

        assertThat(gguf.value("general.architecture")).isEqualTo("llama");
        assertThat(gguf.value("llama.attention.key_length")).isEqualTo(16L);
        assertThat(gguf.value("llama.attention.value_length")).isEqualTo(16L);
        assertThat(gguf.value("general.file_type")).isEqualTo(7L);
        assertThat(gguf.tensor("blk.0.attn_q.weight").dimensions()).containsExactly(32, 64);
        assertThat(gguf.tensor("blk.0.attn_q.weight").ggmlType()).isEqualTo(8);
        assertThat(gguf.tensor("token_embd.weight").ggmlType()).isEqualTo(8);
        assertThat(gguf.tensor("blk.0.attn_norm.weight").ggmlType()).isZero();
    }

    @Test
    void theSameFolderGivesTheSameBytes() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama3-rope-bf16");
        DecoderGgufExport.of(folder, GgufTensorType.Q8_0).writeTo(directory.resolve("a.gguf"), WriteProgress.SILENT);
        DecoderGgufExport.of(folder, GgufTensorType.Q8_0).writeTo(directory.resolve("b.gguf"), WriteProgress.SILENT);

        assertThat(Files.readAllBytes(directory.resolve("a.gguf"))).isEqualTo(Files.readAllBytes(directory.resolve("b.gguf")));
    }

    @Test
    void aFolderWithoutConfigIsRefused() {
        assertThatThrownBy(() -> DecoderGgufExport.of(directory, GgufTensorType.F32)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no config.json: GGUF export reads a Hugging Face decoder folder");
    }

    @Test
    void aMissingWeightIsNamedAndNoPartialFileIsLeft() throws IOException {
        Path folder = TestModelFolder.write(directory, "llama-gqa-f32");
        DecoderGgufExport export = DecoderGgufExport.of(folder, GgufTensorType.F32);
        Path out = directory.resolve("out.gguf");
        Files.delete(folder.resolve("model.safetensors"));

        assertThatThrownBy(() -> export.writeTo(out, WriteProgress.SILENT)).isInstanceOf(RuntimeException.class);
        assertThat(directory.resolve("out.gguf.partial")).doesNotExist();
        assertThat(out).doesNotExist();
    }

    @Test
    void theFactorsOfLlama3ScalingMatchTheSmoothFormula() {
        RopeScaling.Llama3 scaling = new RopeScaling.Llama3(8, 1, 4, 64);
        float[] factors = Llama3RopeFactors.of(scaling, 10000, 16);
        // Pair 2: f = 10000^(-4/16) = 0.1, wavelength 62.8, between 64/4 and 64/1: smooth s = (64/62.83 - 1)/3.
        double smooth = (64 / (2 * Math.PI / 0.1) - 1) / 3;
        assertThat((double) factors[2]).isCloseTo(1 / ((1 - smooth) / 8 + smooth), org.assertj.core.data.Offset.offset(1e-5));
    }
}
