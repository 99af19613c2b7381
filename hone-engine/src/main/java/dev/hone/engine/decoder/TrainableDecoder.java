package dev.hone.engine.decoder;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.nn.LoraAdapter;
import dev.hone.engine.tensor.Tensor;

/**
 * A decoder with LoRA adapters as autograd ops, for training them: the same forward pass as
 * {@link Decoder}, on a {@link Graph}, over right-padded sequences read from the start. The base
 * weights stay frozen in their stored width (no gradients, no f32 copies); only the adapters' A and
 * B receive gradients. Each block runs under {@link Graph#block}, so a graph that checkpoints
 * blocks keeps one block's activations at a time.
 * <pre>
 *   x = embed(tokens)                                                     (rows, hidden)
 *   per layer:  x = x + o(attention(rope(q(n)), rope(k(n)), v(n)))        n = rmsNorm(x)
 *               x = x + down(silu(gate(n)) ⊙ up(n))                       n = rmsNorm(x)
 *   loss = mean over counted rows of crossEntropy(rmsNorm(x)·Eᵀ, next token)
 * </pre>
 * where every adapted projection p computes {@code x·Wᵀ + b + s·dropout(x)·Aᵀ·Bᵀ}.
 */
public final class TrainableDecoder {
    /**
     * Logits made at once by the loss: chunks of this many floats (32 MiB, about a block's activations
     * at batch 4 × 256 tokens), whatever the vocabulary: 170 rows of a 49 k vocabulary, 55 of 150 k.
     * The head is widened from its stored width once per chunk, so fewer rows cost more: 21-row
     * chunks (4 MiB) made the loss of a SmolLM2-shaped head about twice as slow.
     */
    private static final int LOGIT_CHUNK_FLOATS = 1 << 23;

    private final Decoder base;
    private final DecoderAdapters adapters;

    /** @throws IllegalArgumentException when the base already carries adapters or the adapters are for another shape */
    public TrainableDecoder(Decoder base, DecoderAdapters adapters) {
        if (adapters.layers() != base.config().numberOfLayers()) {
            throw new IllegalArgumentException("adapters for " + adapters.layers() + " layers do not fit a model of "
                    + base.config().numberOfLayers());
        }
        for (DecoderLayer layer : base.layers()) {
            for (DecoderModule module : DecoderModule.values()) {
                if (layer.projection(module).update() != null) {
                    throw new IllegalArgumentException("train adapters on the base model, not on one that already carries adapters");
                }
            }
        }
        this.base = base;
        this.adapters = adapters;
    }

    public Decoder base() {
        return base;
    }

    public DecoderAdapters adapters() {
        return adapters;
    }

    /**
     * The mean next-token cross-entropy over the positions that count ({@code countsInLoss[b][i]}: the
     * token after position i is a response token), a scalar on {@code graph}; backward from it gives
     * the adapters their gradients.
     *
     * @throws dev.hone.error.BadInputException for sequences the model cannot take or masks with nothing to count
     */
    public Tensor loss(Graph graph, int[][] tokens, boolean[][] countsInLoss) {
        TokenBatch batch = TokenBatch.of(tokens, countsInLoss, base.config());
        if (batch.countedTokens() == 0) {
            throw new dev.hone.error.BadInputException("no position of the batch counts in the loss: mark the positions "
                    + "followed by response tokens");
        }
        Tensor hidden = hiddenStates(graph, batch);
        int chunkRows = Math.max(1, LOGIT_CHUNK_FLOATS / base.config().vocabularySize());
        return graph.languageModelLoss(hidden, base.languageModelHead(), batch.targets(), chunkRows);
    }

    /** The logits (tokens × vocabulary) at every position of one sequence, by this training path without recording. */
    public float[][] logits(int[] tokens) {
        TokenBatch batch = TokenBatch.of(new int[][] {tokens}, new boolean[][] {new boolean[tokens.length]}, base.config());
        Graph graph = Graph.inference(base.kernels());
        Tensor logits = graph.linear(hiddenStates(graph, batch), base.languageModelHead(), null);
        int vocabulary = base.config().vocabularySize();
        float[][] rows = new float[tokens.length][];
        for (int i = 0; i < rows.length; i++) rows[i] = java.util.Arrays.copyOfRange(logits.data(), i * vocabulary, (i + 1) * vocabulary);
        return rows;
    }

    /** The final normalised hidden states (rows × hidden) of the batch. */
    private Tensor hiddenStates(Graph graph, TokenBatch batch) {
        DecoderConfig config = base.config();
        int hidden = config.hiddenSize();
        float[] embedded = new float[batch.rows() * hidden];
        for (int r = 0; r < batch.rows(); r++) base.kernels().widenRow(base.embeddings(), batch.ids()[r], embedded, r * hidden);
        Tensor x = Tensor.of(embedded, batch.rows(), hidden);                                            // (rows, hidden)
        float[][] angles = base.layers().getFirst().attention().rotary().tables(batch.seq());
        for (int i = 0; i < base.layers().size(); i++) {
            int layer = i;
            x = graph.block(x, (g, input) -> block(g, input, layer, batch, angles));
        }
        return graph.rmsNorm(x, base.finalNorm().weight(), base.finalNorm().eps());
    }

    /** One decoder block on the residual stream x (rows, hidden). */
    private Tensor block(Graph g, Tensor x, int layer, TokenBatch batch, float[][] angles) {
        DecoderLayer weights = base.layers().get(layer);
        GroupedQueryAttention attention = weights.attention();
        float eps = weights.inputNorm().eps();
        Tensor n = g.rmsNorm(x, weights.inputNorm().weight(), eps);
        Tensor q = g.rotary(project(g, n, layer, DecoderModule.Q_PROJ), angles[0], angles[1], batch.seq(), attention.heads());
        Tensor k = g.rotary(project(g, n, layer, DecoderModule.K_PROJ), angles[0], angles[1], batch.seq(), attention.keyValueHeads());
        Tensor v = project(g, n, layer, DecoderModule.V_PROJ);
        Tensor context = g.causalAttention(q, k, v, batch.batch(), batch.seq(), attention.heads(), attention.keyValueHeads());
        x = g.add(x, project(g, context, layer, DecoderModule.O_PROJ));                                     // x + attention(norm(x))
        n = g.rmsNorm(x, weights.postAttentionNorm().weight(), eps);
        Tensor gated = g.swiGlu(project(g, n, layer, DecoderModule.GATE_PROJ), project(g, n, layer, DecoderModule.UP_PROJ));
        return g.add(x, project(g, gated, layer, DecoderModule.DOWN_PROJ));                                 // x + mlp(norm(x))
    }

    /** {@code x·Wᵀ + b}, plus {@code s·dropout(x)·Aᵀ·Bᵀ} where the module has an adapter. */
    private Tensor project(Graph g, Tensor x, int layer, DecoderModule module) {
        Projection projection = base.layers().get(layer).projection(module);
        Tensor y = g.linear(x, projection.weight(), projection.bias());
        LoraAdapter adapter = adapters.adapter(layer, module);
        if (adapter == null) return y;
        Tensor low = g.linear(g.dropout(x, adapter.dropout()), adapter.a(), null);                         // (rows, rank)
        return g.add(y, g.scale(g.linear(low, adapter.b(), null), adapter.scale()));
    }
}
