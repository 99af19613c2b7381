package dev.hone.local.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.local.ChatModelFolder;
import dev.hone.local.LocalModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneralTextPerplexityTest {
    private static final ReferenceKernels KERNELS = new ReferenceKernels();

    @TempDir
    Path directory;

    @Test
    void theProbeIsTheShippedParagraphs() {
        List<String> texts = GeneralTextPerplexity.texts();
        assertThat(texts).hasSizeBetween(30, 60).doesNotHaveDuplicates();
        assertThat(texts).allSatisfy(t -> assertThat(t.split("\\s+").length).isBetween(30, 120));
    }

    @Test
    void aFixturesPerplexityIsFiniteAboveOneAndRepeats() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);

        Perplexity first = GeneralTextPerplexity.of(model);
        Perplexity again = GeneralTextPerplexity.of(model);

        assertThat(first.perplexity()).isFinite().isGreaterThan(1);
        assertThat(again).isEqualTo(first);
        assertThat(first.texts()).isEqualTo(GeneralTextPerplexity.texts().size());
        long expected = GeneralTextPerplexity.texts().stream().mapToLong(t -> model.tokenizer().encode(t).length - 1).sum();
        assertThat(first.tokens()).as("every token but each text's first, once").isEqualTo(expected);
        // Random weights over a 300-token vocabulary guess about uniformly: near 300, far from a trained model's.
        assertThat(first.perplexity()).isBetween(30.0, 3000.0);
    }

    /** The fixture reads 256 tokens; at 40 every paragraph spans several windows and each token is still predicted once. */
    @Test
    void windowsShorterThanAParagraphPredictEveryTokenOnce() {
        LocalModel wide = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("wide"), 4096), KERNELS);
        LocalModel narrow = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("narrow"), 40), KERNELS);
        List<String> texts = GeneralTextPerplexity.texts().subList(0, 3);
        assertThat(texts).allSatisfy(t -> assertThat(narrow.tokenizer().encode(t).length).isGreaterThan(3 * 40));

        Perplexity whole = GeneralTextPerplexity.of(wide.decoder(), wide.tokenizer(), texts);
        Perplexity windows = GeneralTextPerplexity.of(narrow.decoder(), narrow.tokenizer(), texts);

        assertThat(windows.tokens()).isEqualTo(whole.tokens());
        assertThat(windows.meanNegativeLogLikelihood()).as("less context per prediction, a different figure")
                .isNotEqualTo(whole.meanNegativeLogLikelihood());
        // The same weights: the first window's predictions agree, so the figures stay close.
        assertThat(windows.meanNegativeLogLikelihood()).isCloseTo(whole.meanNegativeLogLikelihood(), within(0.5));
    }

    /** The Qwen2 fixture's own LM head (f16, untied from the embeddings), tripled: every logit triples. */
    @Test
    void aModelWithAScaledHeadHasAnotherPerplexity() throws IOException {
        LocalModel base = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("base"), "qwen2-bias-f16"), KERNELS);
        Path alteredFolder = ChatModelFolder.chatMl(directory.resolve("altered"), "qwen2-bias-f16");
        scaleTensor(alteredFolder.resolve("model.safetensors"), "lm_head.weight", 3f);
        LocalModel altered = LocalModel.load(alteredFolder, KERNELS);

        Perplexity before = GeneralTextPerplexity.of(base);
        Perplexity after = GeneralTextPerplexity.of(altered);

        assertThat(after.tokens()).isEqualTo(before.tokens());
        assertThat(Math.abs(after.perplexity() - before.perplexity())).isGreaterThan(0.01 * before.perplexity());
    }

    /** Multiplies one F16 tensor of a safetensors file in place. */
    private static void scaleTensor(Path file, String name, float factor) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(buffer.getLong(0));
        JsonNode tensor = new ObjectMapper().readTree(new String(bytes, 8, headerLength, StandardCharsets.UTF_8)).get(name);
        assertThat(tensor.path("dtype").asText()).isEqualTo("F16");
        int begin = 8 + headerLength + tensor.path("data_offsets").get(0).asInt();
        int end = 8 + headerLength + tensor.path("data_offsets").get(1).asInt();
        for (int at = begin; at < end; at += 2) {
            buffer.putShort(at, Float.floatToFloat16(Float.float16ToFloat(buffer.getShort(at)) * factor));
        }
        Files.write(file, bytes);
    }
}
