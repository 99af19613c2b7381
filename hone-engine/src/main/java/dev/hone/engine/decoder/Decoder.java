package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.StoredMatrix;
import dev.hone.error.BadInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A Llama-family decoder (Llama, Qwen2, Mistral) with its weights memory-mapped from the
 * checkpoint, in the element type it stores them in. The forward pass:
 * <pre>
 *   x = embed(tokens)                                     (rows, hidden)
 *   for each layer:  x = x + attention(rmsNorm(x))        rotary positions, grouped KV heads, causal, cached
 *                    x = x + mlp(rmsNorm(x))              down(silu(gate(x)) ⊙ up(x))
 *   logits = rmsNorm(x) · Eᵀ                              (rows, vocabulary); E the LM head or the tied embeddings
 * </pre>
 * Immutable and safe to share across threads; each sequence runs in its own {@link DecoderSession}.
 */
public final class Decoder {
    private final DecoderConfig config;
    private final StoredMatrix embeddings;
    private final List<DecoderLayer> layers;
    private final RmsNorm finalNorm;
    private final StoredMatrix languageModelHead;
    private final Kernels kernels;

    Decoder(DecoderConfig config, StoredMatrix embeddings, List<DecoderLayer> layers, RmsNorm finalNorm,
            StoredMatrix languageModelHead, Kernels kernels) {
        this.config = config;
        this.embeddings = embeddings;
        this.layers = List.copyOf(layers);
        this.finalNorm = finalNorm;
        this.languageModelHead = languageModelHead;
        this.kernels = kernels;
    }

    /**
     * Loads a Hugging Face model folder: {@code config.json} and {@code model.safetensors} (or its
     * shards with {@code model.safetensors.index.json}). The weight matrices are memory-mapped in
     * their stored width, so loading reads only headers and the model's resident memory is about its
     * file size; the files must stay unchanged while the decoder is in use. Products run on
     * {@code kernels}.
     *
     * @throws BadInputException naming the file and what is wrong or missing
     */
    public static Decoder load(Path folder, Kernels kernels) {
        return DecoderCheckpoint.read(folder, kernels);
    }

    public DecoderConfig config() {
        return config;
    }

    /** An empty sequence. */
    public DecoderSession newSession() {
        return new DecoderSession(this, new KeyValueCache(config.numberOfLayers(), config.numberOfKeyValueHeads(),
                config.headSize(), config.maxSequenceLength()));
    }

    /** The logits at every position of {@code tokens} read from the start: row i predicts the token after tokens[i]. */
    public float[][] logits(int[] tokens) {
        return newSession().appendAll(tokens);
    }

    /**
     * Greedy decoding: the most likely next token (the lowest id on a tie, as {@code torch.argmax}),
     * up to {@code maxNewTokens} of them, stopping after the first one in {@code stopIds} (which is
     * returned). Returns the new tokens only.
     */
    public int[] generate(int[] prompt, int maxNewTokens, int... stopIds) {
        if (maxNewTokens < 0) throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        DecoderSession session = newSession();
        float[] logits = session.append(prompt);
        int[] generated = new int[maxNewTokens];
        for (int n = 0; n < maxNewTokens; n++) {
            int next = argmax(logits);
            generated[n] = next;
            if (n + 1 == maxNewTokens || Arrays.stream(stopIds).anyMatch(id -> id == next)) return Arrays.copyOf(generated, n + 1);
            logits = session.append(next);
        }
        return generated;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /** Whether the weight matrices are mapped from the checkpoint's files rather than held in the heap. */
    boolean weightsMapped() {
        return embeddings.isMapped();
    }

    /** Bytes the weights take, mapped or in memory (a tied head counted once). */
    public long weightBytes() {
        long bytes = embeddings.bytes() + 4L * finalNorm.weight().length;
        for (DecoderLayer layer : layers) bytes += layer.bytes();
        return languageModelHead == embeddings ? bytes : bytes + languageModelHead.bytes();
    }

    /**
     * Runs {@code tokens} through the model at the cache's next positions, storing their keys and
     * values, and returns the logits (rows, vocabulary) of every token or of the last one only.
     */
    float[] forward(KeyValueCache cache, int[] tokens, boolean everyPosition) {
        checkFits(cache.length(), tokens);
        int rows = tokens.length;
        int hidden = config.hiddenSize();
        float[] x = new float[rows * hidden];                                                  // (rows, hidden)
        for (int r = 0; r < rows; r++) kernels.widenRow(embeddings, tokens[r], x, r * hidden);
        cache.reserve(rows);
        for (int i = 0; i < layers.size(); i++) layers.get(i).apply(kernels, x, rows, cache, i);
        cache.advance(rows);
        int scored = everyPosition ? rows : 1;
        float[] last = Arrays.copyOfRange(x, (rows - scored) * hidden, rows * hidden);       // (scored, hidden)
        float[] logits = new float[scored * config.vocabularySize()];                          // (scored, vocabulary)
        kernels.matmul(finalNorm.apply(kernels, last, scored), 0, languageModelHead, logits, 0, scored, false);
        return logits;
    }

    private void checkFits(int length, int[] tokens) {
        if (tokens == null || tokens.length == 0) throw new IllegalArgumentException("no tokens to append");
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= config.vocabularySize()) {
                throw new IllegalArgumentException("token id " + tokens[i] + " at index " + i + " is outside the vocabulary [0, "
                        + config.vocabularySize() + ")");
            }
        }
        int total = length + tokens.length;
        if (total > config.maxSequenceLength()) {
            String limit = config.maxSequenceLength() < config.maxPositions()
                    ? "its sliding_window of " + config.maxSequenceLength() + " tokens (Hone attends to the whole sequence and "
                            + "does not implement the window, so it runs the model only on sequences that fit it)"
                    : "its max_position_embeddings of " + config.maxPositions();
            throw new BadInputException("a sequence of " + total + " tokens exceeds what this " + config.architecture().className()
                    + " takes: " + limit + "; shorten the prompt or ask for fewer new tokens");
        }
    }
}
