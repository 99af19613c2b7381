package dev.hone.engine.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LoRA fixtures merged into their bases as Hugging Face folders: the merged model, loaded as a
 * plain model, gives the greedy tokens of the base with the adapter applied unmerged, and logits
 * near PyTorch's on the f32 merge (lora_reference.py), the gap being the rounding of the merged
 * weights to the base's 16-bit type, small beside what the adapter changes; the weights the adapter
 * does not touch are copied bit for bit.
 */
class MergedModelFolderTest {
    /**
     * The f32 merge's logits against those of the merged weights rounded to f16 / bf16 (0.11 for bf16
     * here), as a share of how far the adapter moves the logits from the base's (5.8 and 19.5 on the two fixtures).
     */
    private static final double ROUNDING_SHARE_OF_CHANGE = 0.05;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-bias-f16-lora", "llama3-rope-bf16-lora"})
    void theMergedFolderComputesTheAdaptedModel(String fixture) throws Exception {
        Path adapterFolder = DecoderReferenceTest.folder(fixture);
        Path baseFolder = AdapterMerge.baseOf(adapterFolder);
        Path out = merged(fixture);

        ReferenceKernels kernels = new ReferenceKernels();
        Decoder base = Decoder.load(baseFolder, kernels);
        Decoder adapted = base.withAdapters(PeftAdapterFolder.load(adapterFolder, base));
        Decoder merged = Decoder.load(out, kernels);
        DecoderReferenceTest.Reference reference = DecoderReferenceTest.Reference.read(fixture);
        int[] prompt = reference.prompt();
        assertThat(merged.generate(prompt, 32)).containsExactly(adapted.generate(prompt, 32));
        assertThat(merged.generate(prompt, 32)).isNotEqualTo(base.generate(prompt, 32));
        float[][] logits = merged.logits(prompt);
        double tolerance = ROUNDING_SHARE_OF_CHANGE * Json.MAPPER.readTree(adapterFolder.resolve("reference.json").toFile())
                .path("max_abs_change_from_base").asDouble();
        for (int i = 0; i < reference.positions().length; i++) {
            assertThat(DecoderReferenceTest.maxAbsDifference(reference.logitsAt(i), logits[reference.positions()[i]]))
                    .as("position %d", reference.positions()[i]).isLessThan(tolerance);
        }
        assertThat(Files.readString(out.resolve("config.json"))).isEqualTo(Files.readString(baseFolder.resolve("config.json")));
        assertThat(out.resolve(PeftAdapterFolder.CONFIG_FILE)).doesNotExist();
        assertThat(Files.exists(directory.resolve("merged.partial"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-bias-f16-lora", "llama3-rope-bf16-lora"})
    void weightsTheAdapterDoesNotTouchAreCopiedInTheStoredType(String fixture) throws Exception {
        Path baseFolder = AdapterMerge.baseOf(DecoderReferenceTest.folder(fixture));
        Path out = merged(fixture);

        var baseHeader = header(baseFolder.resolve("model.safetensors"));
        var mergedHeader = header(out.resolve("model.safetensors"));
        String stored = baseHeader.path("model.embed_tokens.weight").path("dtype").asText();
        for (String name : new String[] {"model.embed_tokens.weight", "model.layers.1.self_attn.q_proj.weight", "model.norm.weight"}) {
            assertThat(mergedHeader.path(name).path("dtype").asText()).as(name).isEqualTo(stored);
            assertThat(mergedHeader.path(name).path("shape")).as(name).isEqualTo(baseHeader.path(name).path("shape"));
        }
        assertThat(tensorBytes(out, "model.embed_tokens.weight")).isEqualTo(tensorBytes(baseFolder, "model.embed_tokens.weight"));
        assertThat(tensorBytes(out, "model.layers.1.self_attn.q_proj.weight"))
                .isNotEqualTo(tensorBytes(baseFolder, "model.layers.1.self_attn.q_proj.weight"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "folder"})
    void anOccupiedOutputIsRefused(String kind) throws Exception {
        Path adapterFolder = DecoderReferenceTest.folder("qwen2-bias-f16-lora");
        Path out = directory.resolve("taken");
        if (kind.equals("file")) {
            Files.writeString(out, "x");
        } else {
            Files.createDirectories(out);
            Files.writeString(out.resolve("keep.txt"), "x");
        }

        assertThatThrownBy(() -> MergedModelFolder.write(AdapterMerge.load(AdapterMerge.baseOf(adapterFolder), adapterFolder), out))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("it exists and is not an empty folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nowhere-model"})
    void aBaseThatIsNoFolderIsRefusedSayingHowToNameIt(String named) throws Exception {
        Path adapter = directory.resolve("adapter");
        Files.createDirectories(adapter);
        Files.copy(DecoderReferenceTest.folder("qwen2-bias-f16-lora").resolve(PeftAdapterFolder.CONFIG_FILE),
                adapter.resolve(PeftAdapterFolder.CONFIG_FILE));
        Path config = adapter.resolve(PeftAdapterFolder.CONFIG_FILE);
        Files.writeString(config, Files.readString(config).replace("\"qwen2-bias-f16\"", "\"" + named + "\""));

        assertThatThrownBy(() -> AdapterMerge.baseOf(adapter))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("names the base model " + named + ", which is not a folder here")
                .hasMessageContaining("--adapter");
    }

    /** The LoRA fixture merged into its base fixture, as the folder "merged". */
    private Path merged(String fixture) {
        Path adapterFolder = DecoderReferenceTest.folder(fixture);
        Path out = directory.resolve("merged");
        MergedModelFolder.write(AdapterMerge.load(AdapterMerge.baseOf(adapterFolder), adapterFolder), out);
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode header(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        long length = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return Json.MAPPER.readTree(new String(bytes, 8, (int) length, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] tensorBytes(Path folder, String name) throws Exception {
        Path file = folder.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        long length = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        var offsets = header(file).path(name).path("data_offsets");
        int start = (int) (8 + length);
        return Arrays.copyOfRange(bytes, start + offsets.path(0).asInt(), start + offsets.path(1).asInt());
    }
}
