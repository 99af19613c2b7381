package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.StoredMatrix;
import dev.hone.engine.weights.SafetensorsCheckpoint;
import dev.hone.error.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Hugging Face folder → {@link Decoder}: the one place that knows the checkpoint's tensor names
 * ({@code model.layers.{i}.self_attn.q_proj.weight}, …) and which of them the config makes
 * required. A bias the config does not call for is ignored, as transformers ignores unexpected keys.
 * The matrices are memory-mapped (or, for comparisons, read into the heap); norms and biases,
 * small and read at every step, are widened to f32 arrays.
 */
final class DecoderCheckpoint {
    private final DecoderConfig config;
    private final SafetensorsCheckpoint weights;
    private final boolean inHeap;

    private DecoderCheckpoint(DecoderConfig config, SafetensorsCheckpoint weights, boolean inHeap) {
        this.config = config;
        this.weights = weights;
        this.inHeap = inHeap;
    }

    /** The folder's decoder with its matrices mapped from the safetensors files. */
    static Decoder read(Path folder, Kernels kernels) {
        return read(folder, kernels, false);
    }

    /** The folder's decoder with its matrices mapped, or read into the heap when {@code inHeap}. */
    static Decoder read(Path folder, Kernels kernels, boolean inHeap) {
        DecoderConfig config = DecoderConfig.read(folder.resolve("config.json"));
        return new DecoderCheckpoint(config, SafetensorsCheckpoint.open(folder), inHeap).decoder(kernels);
    }

    private Decoder decoder(Kernels kernels) {
        int hidden = config.hiddenSize();
        StoredMatrix embeddings = matrix("model.embed_tokens.weight", config.vocabularySize(), hidden);
        RotaryEmbedding rotary = new RotaryEmbedding(config.headSize(), config.ropeTheta(), config.ropeScaling());
        List<DecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numberOfLayers(); i++) layers.add(layer("model.layers." + i + ".", rotary));
        return new Decoder(config, embeddings, layers, norm("model.norm"), head(embeddings), kernels);
    }

    private DecoderLayer layer(String prefix, RotaryEmbedding rotary) {
        int hidden = config.hiddenSize();
        int intermediate = config.intermediateSize();
        GroupedQueryAttention attention = new GroupedQueryAttention(
                projection(prefix + "self_attn.q_proj", config.queryWidth(), hidden, config.attentionBias()),
                projection(prefix + "self_attn.k_proj", config.keyValueWidth(), hidden, config.attentionBias()),
                projection(prefix + "self_attn.v_proj", config.keyValueWidth(), hidden, config.attentionBias()),
                projection(prefix + "self_attn.o_proj", hidden, config.queryWidth(), config.outputBias()),
                rotary, config.numberOfHeads(), config.numberOfKeyValueHeads(), config.headSize());
        SwiGluFeedForward feedForward = new SwiGluFeedForward(
                projection(prefix + "mlp.gate_proj", intermediate, hidden, config.mlpBias()),
                projection(prefix + "mlp.up_proj", intermediate, hidden, config.mlpBias()),
                projection(prefix + "mlp.down_proj", hidden, intermediate, config.mlpBias()));
        return new DecoderLayer(norm(prefix + "input_layernorm"), attention, norm(prefix + "post_attention_layernorm"),
                feedForward);
    }

    private Projection projection(String module, int out, int in, boolean biased) {
        float[] bias = biased ? weights.vector(module + ".bias", out) : null;
        return new Projection(matrix(module + ".weight", out, in), bias);
    }

    private RmsNorm norm(String module) {
        return new RmsNorm(weights.vector(module + ".weight", config.hiddenSize()), config.rmsNormEps());
    }

    /** lm_head.weight, or the embeddings when tied (transformers ties them even if the file also has a head). */
    private StoredMatrix head(StoredMatrix embeddings) {
        if (config.tieWordEmbeddings()) return embeddings;
        if (!weights.contains("lm_head.weight")) {
            throw new BadInputException(weights.source() + " has no tensor lm_head.weight, and config.json does not set "
                    + "tie_word_embeddings; if the model shares its embeddings with its head, config.json should say "
                    + "\"tie_word_embeddings\": true");
        }
        return matrix("lm_head.weight", config.vocabularySize(), config.hiddenSize());
    }

    private StoredMatrix matrix(String name, int rows, int columns) {
        return inHeap ? weights.matrixInHeap(name, rows, columns) : weights.matrix(name, rows, columns);
    }
}
