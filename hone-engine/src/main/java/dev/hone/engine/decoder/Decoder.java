package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.StoredMatrix;
import dev.hone.error.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A Llama-family decoder (Llama, Qwen2, Mistral) with its weights memory-mapped from the
 * checkpoint, in the element type it stores them in. The forward pass:
 * <pre>
 *   x = embed(tokens)                                     (rows, hidden)
 *   for each layer:  x = x + attention(rmsNorm(x))        rotary positions, grouped KV heads, causal, cached
 *                    x = x + mlp(rmsNorm(x))              down(silu(gate(x)) ⊙ up(x))
 *   logits = rmsNorm(x) · Eᵀ                              (rows, vocabulary); E the LM head or the tied embeddings
 * </pre>
 * Immutable and safe to share across threads; each sequence runs in its own {@link DecoderSession},
 * and {@link #step} advances several sessions in one pass.
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

    /**
     * This model with {@code adapters} applied unmerged ({@code y = x·Wᵀ + s·(x·Aᵀ)·Bᵀ} in every
     * adapted projection), their current values copied: the base weights stay mapped and shared, and
     * sessions, steps and generation work as on the base model. Adapters on a model that already has
     * some replace them.
     *
     * @throws IllegalArgumentException when the adapters were made for a model of another shape
     */
    public Decoder withAdapters(DecoderAdapters adapters) {
        if (adapters.layers() != layers.size()) {
            throw new IllegalArgumentException("adapters for " + adapters.layers() + " layers do not fit a model of " + layers.size());
        }
        List<DecoderLayer> adapted = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            int layer = i;
            adapted.add(layers.get(i).withProjections((module, projection) -> projection.withUpdate(adapters.update(layer, module))));
        }
        return new Decoder(config, embeddings, adapted, finalNorm, languageModelHead, kernels);
    }

    List<DecoderLayer> layers() {
        return layers;
    }

    StoredMatrix embeddings() {
        return embeddings;
    }

    RmsNorm finalNorm() {
        return finalNorm;
    }

    StoredMatrix languageModelHead() {
        return languageModelHead;
    }

    /** The kernels its products run on; training this model's adapters runs on the same pool. */
    public Kernels kernels() {
        return kernels;
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
     * Advances several sequences by one token each in one forward pass: {@code tokens[i]} is
     * appended to {@code sessions.get(i)}, and row i of the result (vocabulary size) is that
     * session's logits for the token after it. The projections, the MLP and the LM head multiply
     * all the sessions' rows at once, so each weight is read once per step for the whole batch;
     * attention runs per session on its own cache. The logits equal those of appending to each
     * session alone within f32 rounding (the products sum a few rows in a different order).
     *
     * @throws IllegalArgumentException when the lists differ in size, a session is not this
     *     decoder's or appears twice, or a token is outside the vocabulary; no session changes then
     * @throws BadInputException when a sequence would outgrow the model; no session changes then
     */
    public float[][] step(List<DecoderSession> sessions, int[] tokens) {
        int[][] single = new int[tokens.length][];
        for (int i = 0; i < tokens.length; i++) single[i] = new int[] {tokens[i]};
        return append(sessions, single);
    }

    /**
     * Appends {@code tokens[i]} (a whole prompt, or any number of tokens) to {@code sessions.get(i)}
     * for every i in one forward pass — a batched prefill — and returns, per session, the logits
     * for the token after its last one. Errors as for {@link #step}.
     */
    public float[][] append(List<DecoderSession> sessions, int[][] tokens) {
        if (sessions.isEmpty()) throw new IllegalArgumentException("no sessions to advance");
        if (sessions.size() != tokens.length) {
            throw new IllegalArgumentException(sessions.size() + " sessions but " + tokens.length + " token lists: give one per session");
        }
        Set<DecoderSession> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        List<KeyValueCache> caches = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            DecoderSession session = sessions.get(s);
            if (session.decoder() != this) throw new IllegalArgumentException("session " + s + " belongs to another decoder");
            if (!distinct.add(session)) throw new IllegalArgumentException("session " + s + " appears twice in one batch");
            caches.add(session.cache());
        }
        float[] logits = forward(caches, tokens, false);
        int vocabulary = config.vocabularySize();
        float[][] rows = new float[tokens.length][];
        for (int s = 0; s < rows.length; s++) rows[s] = Arrays.copyOfRange(logits, s * vocabulary, (s + 1) * vocabulary);
        return rows;
    }

    /**
     * Runs each {@code tokens[s]} through the model at {@code caches.get(s)}'s next positions, all
     * sequences' rows in one pass, storing their keys and values, and returns the logits (rows,
     * vocabulary) of every row (one sequence only) or of each sequence's last row.
     */
    float[] forward(List<KeyValueCache> caches, int[][] tokens, boolean everyPosition) {
        int[] rowCounts = new int[tokens.length];
        for (int s = 0; s < tokens.length; s++) {
            checkFits(caches.get(s).length(), tokens[s], tokens.length == 1 ? "" : "sequence " + s + ": ");
            rowCounts[s] = tokens[s].length;
        }
        if (everyPosition && tokens.length != 1) throw new IllegalArgumentException("logits at every position are for one sequence");
        SequenceBatch batch = new SequenceBatch(caches, rowCounts);
        int rows = batch.rows();
        int hidden = config.hiddenSize();
        float[] x = new float[rows * hidden];                                                  // (rows, hidden)
        for (int s = 0; s < batch.size(); s++) {
            for (int r = 0; r < rowCounts[s]; r++) kernels.widenRow(embeddings, tokens[s][r], x, (batch.firstRow(s) + r) * hidden);
            caches.get(s).reserve(rowCounts[s]);
        }
        for (int i = 0; i < layers.size(); i++) layers.get(i).apply(kernels, x, batch, i);
        for (int s = 0; s < batch.size(); s++) caches.get(s).advance(rowCounts[s]);
        int scored = everyPosition ? rows : batch.size();
        float[] last = new float[scored * hidden];                                             // (scored, hidden)
        if (everyPosition) {
            System.arraycopy(x, 0, last, 0, last.length);
        } else {
            for (int s = 0; s < scored; s++) System.arraycopy(x, (batch.firstRow(s) + rowCounts[s] - 1) * hidden, last, s * hidden, hidden);
        }
        float[] logits = new float[scored * config.vocabularySize()];                          // (scored, vocabulary)
        kernels.matmul(finalNorm.apply(kernels, last, scored), 0, languageModelHead, logits, 0, scored, false);
        return logits;
    }

    private void checkFits(int length, int[] tokens, String sequence) {
        if (tokens == null || tokens.length == 0) throw new IllegalArgumentException(sequence + "no tokens to append");
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= config.vocabularySize()) {
                throw new IllegalArgumentException(sequence + "token id " + tokens[i] + " at index " + i + " is outside the vocabulary [0, "
                        + config.vocabularySize() + ")");
            }
        }
        int total = length + tokens.length;
        if (total > config.maxSequenceLength()) {
            String limit = config.maxSequenceLength() < config.maxPositions()
                    ? "its sliding_window of " + config.maxSequenceLength() + " tokens (Hone attends to the whole sequence and "
                            + "does not implement the window, so it runs the model only on sequences that fit it)"
                    : "its max_position_embeddings of " + config.maxPositions();
            throw new BadInputException(sequence + "a sequence of " + total + " tokens exceeds what this " + config.architecture().className()
                    + " takes: " + limit + "; shorten the prompt or ask for fewer new tokens");
        }
    }
}
