package dev.hone.engine.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a folder (what a broken one reports), the limits a sequence meets, and what the weights cost in memory. */
class DecoderTest {
    private static final ReferenceKernels KERNELS = new ReferenceKernels();

    @TempDir
    Path directory;

    @Test
    void weightsStayInTheirStoredWidth() {
        for (String fixture : DecoderReferenceTest.FIXTURES) {
            Decoder decoder = Decoder.load(DecoderReferenceTest.folder(fixture), KERNELS);
            DecoderConfig c = decoder.config();
            int bytesPerWeight = fixture.endsWith("f32") ? 4 : 2;
            long perLayer = 2L * c.queryWidth() * c.hiddenSize() + 2L * c.keyValueWidth() * c.hiddenSize()
                    + 3L * c.intermediateSize() * c.hiddenSize();
            long matrices = c.numberOfLayers() * perLayer + (c.tieWordEmbeddings() ? 1L : 2L) * c.vocabularySize() * c.hiddenSize();
            long biases = c.numberOfLayers() * ((c.attentionBias() ? c.queryWidth() + 2L * c.keyValueWidth() : 0)
                    + (c.outputBias() ? c.hiddenSize() : 0));
            long norms = (2L * c.numberOfLayers() + 1) * c.hiddenSize();
            // Matrices keep the checkpoint's width; norms and biases (a few thousand values) are widened to f32.
            assertThat(decoder.weightBytes()).as(fixture).isEqualTo(bytesPerWeight * matrices + 4 * (biases + norms));
        }
    }

    @Test
    void greedyDecodingStopsAfterAStopToken() {
        DecoderReferenceTest.Reference reference = DecoderReferenceTest.Reference.read("qwen2-bias-f16");
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder("qwen2-bias-f16"), KERNELS);
        int stop = reference.greedy()[3];
        int firstStop = Arrays.stream(reference.greedy()).boxed().toList().indexOf(stop);
        assertThat(decoder.generate(reference.prompt(), 32, 299, stop))
                .containsExactly(Arrays.copyOf(reference.greedy(), firstStop + 1));
        assertThat(decoder.generate(reference.prompt(), 0)).isEmpty();
    }

    @Test
    void aTruncatedSessionContinuesAsIfTheDroppedTokensHadNeverBeenAppended() {
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder("llama-gqa-f32"), KERNELS);
        int[] prefix = {5, 17, 42, 99, 3};
        DecoderSession shared = decoder.newSession();
        shared.append(prefix);
        // A long branch makes the cache grow past its first capacity, so truncation must survive a regrowth too.
        shared.append(new java.util.Random(1).ints(80, 0, 300).toArray());
        shared.truncate(prefix.length);

        float[][] branch = shared.appendAll(new int[] {7, 8});

        DecoderSession fresh = decoder.newSession();
        fresh.append(prefix);
        assertThat(shared.length()).isEqualTo(prefix.length + 2);
        float[][] expected = fresh.appendAll(new int[] {7, 8});
        for (int i = 0; i < expected.length; i++) assertThat(branch[i]).containsExactly(expected[i]);
        assertThatThrownBy(() -> shared.truncate(prefix.length + 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot truncate a sequence of 7 tokens to 8");
    }

    @Test
    void tokensOutsideTheVocabularyAreRefused() {
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder("llama-gqa-f32"), KERNELS);
        assertThatThrownBy(() -> decoder.newSession().append(5, 300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token id 300 at index 1 is outside the vocabulary [0, 300)");
        assertThatThrownBy(() -> decoder.newSession().append()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequencesLongerThanTheSlidingWindowOrThePositionsAreRefused() throws IOException {
        int[] prompt = DecoderReferenceTest.Reference.read("mistral-bf16").prompt();
        Decoder windowed = Decoder.load(copy("mistral-bf16", c -> c.put("sliding_window", 80)), KERNELS);
        assertThat(windowed.generate(prompt, 17)).hasSize(17);   // the 17th is predicted after 80 tokens, never appended
        assertThatThrownBy(() -> windowed.generate(prompt, 18)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a sequence of 81 tokens exceeds what this MistralForCausalLM takes: its sliding_window of 80");
        Decoder short_ = Decoder.load(copy("llama-gqa-f32", c -> c.put("max_position_embeddings", 70)), KERNELS);
        DecoderSession session = short_.newSession();
        session.append(prompt);
        assertThatThrownBy(() -> session.append(new int[7])).isInstanceOf(BadInputException.class)
                .hasMessageContaining("its max_position_embeddings of 70");
        assertThat(session.length()).as("a refused append leaves the sequence as it was").isEqualTo(64);
    }

    @Test
    void aMissingTensorIsNamedWithItsFile() throws IOException {
        Path untied = copy("llama-gqa-f32", c -> c.put("tie_word_embeddings", false));
        assertThatThrownBy(() -> Decoder.load(untied, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(untied.resolve("model.safetensors") + " has no tensor lm_head.weight")
                .hasMessageContaining("\"tie_word_embeddings\": true");

        Path sharded = copy("llama-sharded-f16", c -> { });
        Path index = sharded.resolve("model.safetensors.index.json");
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(index.toFile());
        ((ObjectNode) json.path("weight_map")).remove("model.layers.1.mlp.up_proj.weight");
        Json.MAPPER.writeValue(index.toFile(), json);
        assertThatThrownBy(() -> Decoder.load(sharded, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(index + " has no tensor model.layers.1.mlp.up_proj.weight");
    }

    @Test
    void aTensorOfTheWrongShapeOrAFolderWithoutWeightsIsReported() throws IOException {
        Path narrower = copy("llama-gqa-f32", c -> c.put("intermediate_size", 48));
        assertThatThrownBy(() -> Decoder.load(narrower, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tensor model.layers.0.mlp.gate_proj.weight has shape [64, 32], but config.json implies [48, 32]");
        Files.delete(narrower.resolve("model.safetensors"));
        assertThatThrownBy(() -> Decoder.load(narrower, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has neither model.safetensors nor model.safetensors.index.json");
    }

    /** A fixture folder copied into the temporary directory, its config.json changed. */
    private Path copy(String fixture, Consumer<ObjectNode> change) throws IOException {
        Path source = DecoderReferenceTest.folder(fixture);
        Path target = Files.createTempDirectory(directory, fixture);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) Files.copy(file, target.resolve(file.getFileName()));
        }
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(target.resolve("config.json").toFile());
        change.accept(config);
        Json.MAPPER.writeValue(target.resolve("config.json").toFile(), config);
        return target;
    }
}
