package dev.hone.engine.autograd;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.PackedMatrix;
import dev.hone.engine.kernel.StoredMatrix;
import dev.hone.engine.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The differentiable ops a BERT encoder and its training need. Each op computes its forward
 * result with {@link Kernels} and, when recording and any input is trainable, records a
 * hand-written backward step on the {@link Tape}. Without a tape (inference) nothing is recorded.
 *
 * <p>Tensors are treated as 2-D (rows × last dimension) unless an op says otherwise.
 */
public final class Graph {
    private final Kernels kernels;
    private final Tape tape;
    private final SplittableRandom dropoutRandom;
    private final Workspace workspace;
    /** Training: dropout applies, whether or not this graph records (a checkpointed block's first forward does not). */
    private final boolean training;
    private final boolean checkpointBlocks;

    private Graph(Kernels kernels, Tape tape, long seed, Workspace workspace, boolean training, boolean checkpointBlocks) {
        this.kernels = kernels;
        this.tape = tape;
        this.dropoutRandom = new SplittableRandom(seed);
        this.workspace = workspace;
        this.training = training;
        this.checkpointBlocks = checkpointBlocks;
    }

    /** A graph that records for backpropagation and applies dropout (seeded). */
    public static Graph training(Kernels kernels, Tape tape, long seed) {
        return training(kernels, tape, seed, false);
    }

    /**
     * A training graph; with {@code checkpointBlocks}, every {@link #block} keeps only its input and
     * output until backward, which runs it again (activation checkpointing).
     */
    public static Graph training(Kernels kernels, Tape tape, long seed, boolean checkpointBlocks) {
        return new Graph(kernels, tape, seed, null, true, checkpointBlocks);
    }

    /** A graph that records nothing and applies no dropout. */
    public static Graph inference(Kernels kernels) {
        return new Graph(kernels, null, 0, null, false, false);
    }

    /**
     * Inference whose outputs come from, and go back to, the given workspace: the caller copies out
     * what it keeps, then calls {@link Workspace#reset()} before the next pass.
     */
    public static Graph inference(Kernels kernels, Workspace workspace) {
        return new Graph(kernels, null, 0, workspace, false, false);
    }

    /** A group of ops applied to one input on a given graph: a transformer layer. */
    @FunctionalInterface
    public interface Block {
        Tensor apply(Graph graph, Tensor input);
    }

    /**
     * {@code block} applied to {@code input}. On a graph that checkpoints blocks, the block first runs
     * without recording, so its activations are garbage as soon as it returns, and only its input and
     * output are kept; backward runs it again, recording, with the same dropout draws, and
     * backpropagates through that run. Training memory then holds one block's activations at a time
     * instead of every block's, for one more forward pass of compute.
     */
    public Tensor block(Tensor input, Block block) {
        if (tape == null || !checkpointBlocks) return block.apply(this, input);
        long blockSeed = dropoutRandom.nextLong();
        Tensor firstRun = block.apply(new Graph(kernels, null, blockSeed, null, true, false), input);
        Tensor output = Tensor.zeros(true, firstRun.shape());
        System.arraycopy(firstRun.data(), 0, output.data(), 0, output.size());
        tape.record(() -> {
            Tape blockTape = new Tape();
            Tensor again = block.apply(new Graph(kernels, blockTape, blockSeed, null, true, false), input);
            if (again.requiresGradient()) blockTape.backward(again, output.gradient());
        });
        return output;
    }

    public Kernels kernels() {
        return kernels;
    }

    /** Whether dropout applies: a training graph, recording or not. */
    public boolean isTraining() {
        return training;
    }

    private boolean tracks(Tensor... inputs) {
        if (tape == null) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGradient()) return true;
        return false;
    }

    /** An op's zero-filled result: from the workspace in inference with one, else newly allocated. */
    Tensor output(boolean tracked, int... shape) {
        if (tracked || workspace == null) return Tensor.zeros(tracked, shape);
        long size = 1;
        for (int d : shape) size *= d;
        return Tensor.of(workspace.take(Math.toIntExact(size)), shape);
    }

    /**
     * Declares {@code live} the only result of this pass still in use. In inference with a
     * workspace, the buffers of every other op output so far go back for the ops that follow, so a
     * model that calls this between its blocks holds one block's intermediates at a time, whatever
     * its depth. Without a workspace (the garbage collector frees what is unreachable) and while
     * training (backward needs every activation) it does nothing.
     */
    public void keepOnly(Tensor live) {
        if (workspace != null && tape == null) workspace.keepOnly(live.data());
    }

    /** {@code y = x · Wᵀ + b} with x (rows × in), W (out × in) as nn.Linear stores it; b may be null. */
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        int rows = x.rows();
        int in = x.columns();
        int out = weight.dimension(0);
        if (weight.columns() != in) {
            throw new IllegalArgumentException("linear: input has " + in + " columns but weight is " + weight);
        }
        boolean tracked = tracks(x, weight, bias);
        Tensor y = output(tracked, rows, out);
        if (weight.requiresGradient()) {
            kernels.matmul(x.data(), 0, false, weight.data(), 0, true, y.data(), 0, rows, out, in, false);
        } else {
            kernels.matmul(x.data(), 0, false, packedTransposed(weight), y.data(), 0, rows, false);
        }
        if (bias != null) kernels.addBias(y.data(), 0, rows, out, bias.data());
        if (tracked) {
            tape.record(() -> {
                float[] dy = y.gradient();
                // Packed per product, even for a frozen weight: a second cached packing of every frozen
                // weight cost as much memory as the weights, for a packing step of 1/rows of the product.
                if (x.requiresGradient()) {
                    kernels.matmul(dy, 0, false, weight.data(), 0, false, x.gradient(), 0, rows, in, out, true);
                }
                if (weight.requiresGradient()) {
                    kernels.matmul(dy, 0, true, x.data(), 0, false, weight.gradient(), 0, out, in, rows, true);
                }
                if (bias != null && bias.requiresGradient()) {
                    float[] db = bias.gradient();
                    for (int r = 0; r < rows; r++) kernels.axpy(1f, dy, r * out, db, 0, out);
                }
            });
        }
        return y;
    }

    /**
     * A frozen weight (out × in) packed once for these kernels as Wᵀ, the forward product's operand.
     * Trainable weights change every step, so they are packed per product.
     */
    private PackedMatrix packedTransposed(Tensor weight) {
        int out = weight.dimension(0);
        int in = weight.columns();
        return weight.derived(kernels, w -> kernels.pack(w, 0, true, in, out));
    }

    /** Elementwise {@code a + b} (same shape). */
    public Tensor add(Tensor a, Tensor b) {
        if (a.size() != b.size()) throw new IllegalArgumentException("add: " + a + " and " + b + " differ in size");
        boolean tracked = tracks(a, b);
        Tensor y = output(tracked, a.shape());
        float[] yd = y.data();
        System.arraycopy(a.data(), 0, yd, 0, yd.length);
        kernels.axpy(1f, b.data(), 0, yd, 0, yd.length);
        if (tracked) {
            tape.record(() -> {
                if (a.requiresGradient()) kernels.axpy(1f, y.gradient(), 0, a.gradient(), 0, yd.length);
                if (b.requiresGradient()) kernels.axpy(1f, y.gradient(), 0, b.gradient(), 0, yd.length);
            });
        }
        return y;
    }

    /** Elementwise {@code s · x}. */
    public Tensor scale(Tensor x, float s) {
        boolean tracked = tracks(x);
        Tensor y = output(tracked, x.shape());
        kernels.axpy(s, x.data(), 0, y.data(), 0, x.size());
        if (tracked) tape.record(() -> kernels.axpy(s, y.gradient(), 0, x.gradient(), 0, x.size()));
        return y;
    }

    /** Exact GELU, {@code x·Φ(x)}. */
    public Tensor gelu(Tensor x) {
        boolean tracked = tracks(x);
        Tensor y = output(tracked, x.shape());
        kernels.gelu(x.data(), 0, y.data(), 0, x.size());
        if (tracked) {
            tape.record(() -> kernels.geluBackward(x.data(), y.gradient(), x.gradient(), x.size()));
        }
        return y;
    }

    /** LayerNorm over the last dimension with learned gamma and beta. */
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int rows = x.rows();
        int cols = x.columns();
        boolean tracked = tracks(x, gamma, beta);
        Tensor y = output(tracked, x.shape());
        float[] mean = tracked ? new float[rows] : null;
        float[] inverseStd = tracked ? new float[rows] : null;
        kernels.layerNorm(x.data(), rows, cols, gamma.data(), beta.data(), eps, y.data(), mean, inverseStd);
        if (tracked) {
            tape.record(() -> {
                float[] xd = x.data();
                float[] dy = y.gradient();
                float[] g = gamma.data();
                float[] dx = x.requiresGradient() ? x.gradient() : null;
                float[] dGamma = gamma.requiresGradient() ? gamma.gradient() : null;
                float[] dBeta = beta.requiresGradient() ? beta.gradient() : null;
                for (int r = 0; r < rows; r++) {
                    int base = r * cols;
                    float mu = mean[r];
                    float rstd = inverseStd[r];
                    double sumDxHat = 0;
                    double sumDxHatXHat = 0;
                    for (int j = 0; j < cols; j++) {
                        float xHat = (xd[base + j] - mu) * rstd;
                        float dxHat = dy[base + j] * g[j];
                        sumDxHat += dxHat;
                        sumDxHatXHat += dxHat * xHat;
                        if (dGamma != null) dGamma[j] += dy[base + j] * xHat;
                        if (dBeta != null) dBeta[j] += dy[base + j];
                    }
                    if (dx == null) continue;
                    float meanDxHat = (float) (sumDxHat / cols);
                    float meanDxHatXHat = (float) (sumDxHatXHat / cols);
                    for (int j = 0; j < cols; j++) {
                        float xHat = (xd[base + j] - mu) * rstd;
                        float dxHat = dy[base + j] * g[j];
                        dx[base + j] += rstd * (dxHat - meanDxHat - xHat * meanDxHatXHat);
                    }
                }
            });
        }
        return y;
    }

    /** Rows of {@code table} picked by {@code ids}: (ids.length × width). Backward scatter-adds. */
    public Tensor embedding(Tensor table, int[] ids) {
        int width = table.columns();
        int vocabulary = table.rows();
        boolean tracked = tracks(table);
        Tensor y = output(tracked, ids.length, width);
        float[] t = table.data();
        float[] yd = y.data();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabulary) {
                throw new IllegalArgumentException("embedding: id " + ids[i] + " outside [0, " + vocabulary + ")");
            }
            System.arraycopy(t, ids[i] * width, yd, i * width, width);
        }
        if (tracked) {
            tape.record(() -> {
                float[] dt = table.gradient();
                float[] dy = y.gradient();
                for (int i = 0; i < ids.length; i++) kernels.axpy(1f, dy, i * width, dt, ids[i] * width, width);
            });
        }
        return y;
    }

    /** Inverted dropout with probability p while training; identity in inference or when p = 0. */
    public Tensor dropout(Tensor x, float p) {
        if (!training || p <= 0f) return x;
        boolean tracked = tracks(x);
        Tensor y = output(tracked, x.shape());
        float keepScale = 1f / (1f - p);
        float[] mask = new float[x.size()];
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = dropoutRandom.nextDouble() < p ? 0f : keepScale;
            yd[i] = xd[i] * mask[i];
        }
        if (tracked) {
            tape.record(() -> {
                float[] dx = x.gradient();
                float[] dy = y.gradient();
                for (int i = 0; i < mask.length; i++) dx[i] += dy[i] * mask[i];
            });
        }
        return y;
    }

    /**
     * Multi-head scaled dot-product attention. q, k, v are (batch·seq × heads·headSize);
     * {@code mask} is (batch × seq) with 1 for real tokens and 0 for padding, which gets
     * no attention. Returns the context, (batch·seq × heads·headSize).
     */
    public Tensor attention(Tensor q, Tensor k, Tensor v, float[] mask, int batch, int seq, int heads) {
        return Attention.apply(this, tape, q, k, v, mask, null, batch, seq, heads, tracks(q, k, v));
    }

    /**
     * {@link #attention} with a constant {@code positionBias} (heads × seq × seq, the same for every
     * sequence) added to each head's scaled scores before the softmax, as MPNet's relative position
     * bias is. The bias gets no gradient.
     */
    public Tensor attention(Tensor q, Tensor k, Tensor v, float[] mask, float[] positionBias, int batch, int seq, int heads) {
        if (positionBias != null && positionBias.length != heads * seq * seq) {
            throw new IllegalArgumentException("attention: positionBias holds " + positionBias.length
                    + " values, expected heads · seq · seq = " + heads * seq * seq);
        }
        return Attention.apply(this, tape, q, k, v, mask, positionBias, batch, seq, heads, tracks(q, k, v));
    }

    /** Mean of token rows over the mask: (batch·seq × width) → (batch × width). */
    public Tensor meanPool(Tensor x, float[] mask, int batch, int seq) {
        int width = x.columns();
        boolean tracked = tracks(x);
        Tensor y = output(tracked, batch, width);
        float[] counts = new float[batch];
        for (int b = 0; b < batch; b++) {
            float count = 0;
            for (int s = 0; s < seq; s++) {
                float m = mask[b * seq + s];
                if (m != 0f) kernels.axpy(m, x.data(), (b * seq + s) * width, y.data(), b * width, width);
                count += m;
            }
            counts[b] = Math.max(count, 1e-9f);
            float inverse = 1f / counts[b];
            for (int j = 0; j < width; j++) y.data()[b * width + j] *= inverse;
        }
        if (tracked) {
            tape.record(() -> {
                for (int b = 0; b < batch; b++) {
                    for (int s = 0; s < seq; s++) {
                        float m = mask[b * seq + s];
                        if (m != 0f) {
                            kernels.axpy(m / counts[b], y.gradient(), b * width, x.gradient(), (b * seq + s) * width, width);
                        }
                    }
                }
            });
        }
        return y;
    }

    /** The first token of each sequence: (batch·seq × width) → (batch × width). */
    public Tensor clsPool(Tensor x, int batch, int seq) {
        int width = x.columns();
        boolean tracked = tracks(x);
        Tensor y = output(tracked, batch, width);
        for (int b = 0; b < batch; b++) System.arraycopy(x.data(), b * seq * width, y.data(), b * width, width);
        if (tracked) {
            tape.record(() -> {
                for (int b = 0; b < batch; b++) kernels.axpy(1f, y.gradient(), b * width, x.gradient(), b * seq * width, width);
            });
        }
        return y;
    }

    /** The last real (mask 1) token of each right-padded sequence: (batch·seq × width) → (batch × width). */
    public Tensor lastTokenPool(Tensor x, float[] mask, int batch, int seq) {
        int width = x.columns();
        boolean tracked = tracks(x);
        Tensor y = output(tracked, batch, width);
        int[] rows = new int[batch];
        for (int b = 0; b < batch; b++) {
            int last = 0;
            for (int s = 0; s < seq; s++) if (mask[b * seq + s] != 0f) last = s;
            rows[b] = b * seq + last;
            System.arraycopy(x.data(), rows[b] * width, y.data(), b * width, width);
        }
        if (tracked) {
            tape.record(() -> {
                for (int b = 0; b < batch; b++) kernels.axpy(1f, y.gradient(), b * width, x.gradient(), rows[b] * width, width);
            });
        }
        return y;
    }

    /**
     * Per column, the largest value over each sequence's real (mask 1) tokens: (batch·seq × width) →
     * (batch × width). Backward passes each gradient to the token that held the maximum.
     */
    public Tensor maxPool(Tensor x, float[] mask, int batch, int seq) {
        int width = x.columns();
        boolean tracked = tracks(x);
        Tensor y = output(tracked, batch, width);
        int[] winner = new int[batch * width];
        float[] xd = x.data();
        float[] yd = y.data();
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < width; j++) {
                float best = Float.NEGATIVE_INFINITY;
                int bestRow = b * seq;
                for (int s = 0; s < seq; s++) {
                    int row = b * seq + s;
                    if (mask[row] != 0f && xd[row * width + j] > best) {
                        best = xd[row * width + j];
                        bestRow = row;
                    }
                }
                yd[b * width + j] = xd[bestRow * width + j];
                winner[b * width + j] = bestRow;
            }
        }
        if (tracked) {
            tape.record(() -> {
                float[] dx = x.gradient();
                float[] dy = y.gradient();
                for (int i = 0; i < winner.length; i++) dx[winner[i] * width + i % width] += dy[i];
            });
        }
        return y;
    }

    /** Each row divided by its L2 norm. */
    public Tensor l2Normalize(Tensor x) {
        int rows = x.rows();
        int cols = x.columns();
        boolean tracked = tracks(x);
        Tensor y = output(tracked, x.shape());
        float[] norms = new float[rows];
        for (int r = 0; r < rows; r++) {
            float norm = (float) Math.sqrt(kernels.dot(x.data(), r * cols, x.data(), r * cols, cols));
            norms[r] = Math.max(norm, 1e-12f);
            kernels.axpy(1f / norms[r], x.data(), r * cols, y.data(), r * cols, cols);
        }
        if (tracked) {
            tape.record(() -> {
                // d x = (dy − y·(y·dy)) / |x|
                for (int r = 0; r < rows; r++) {
                    float projection = kernels.dot(y.data(), r * cols, y.gradient(), r * cols, cols);
                    float inverse = 1f / norms[r];
                    kernels.axpy(inverse, y.gradient(), r * cols, x.gradient(), r * cols, cols);
                    kernels.axpy(-projection * inverse, y.data(), r * cols, x.gradient(), r * cols, cols);
                }
            });
        }
        return y;
    }

    /** {@code Σ x[i]·weights[i]}, a scalar: projects any tensor to a loss (gradient checks, custom objectives). */
    public Tensor weightedSum(Tensor x, float[] weights) {
        if (weights.length != x.size()) throw new IllegalArgumentException("weightedSum: " + weights.length + " weights for " + x);
        boolean tracked = tracks(x);
        Tensor y = output(tracked, 1);
        y.data()[0] = kernels.dot(x.data(), 0, weights, 0, x.size());
        if (tracked) tape.record(() -> kernels.axpy(y.gradient()[0], weights, 0, x.gradient(), 0, x.size()));
        return y;
    }

    /** Mean softmax cross-entropy of logits (rows × classes) against integer labels; a scalar. */
    public Tensor crossEntropy(Tensor logits, int[] labels) {
        return Losses.crossEntropy(tape, kernels, logits, labels, tracks(logits));
    }

    /** Mean of {@code (cos(a_i, b_i) − target_i)²}: SetFit's CosineSimilarityLoss; a scalar. */
    public Tensor cosineSimilarityLoss(Tensor a, Tensor b, float[] targets) {
        return Losses.cosineSimilarity(tape, kernels, a, b, targets, tracks(a, b));
    }

    /** RMSNorm of each row with a frozen weight: {@code weight ⊙ x/√(mean(x²) + eps)}; gradient to x only. */
    public Tensor rmsNorm(Tensor x, float[] weight, float eps) {
        return DecoderBlocks.rmsNorm(this, tape, x, weight, eps, tracks(x));
    }

    /**
     * Rotary position embeddings ("rotate half") on x (batch·seq × heads·d): row r is position r % seq,
     * whose angles' cosines and sines are rows of {@code cos} and {@code sin} (seq × d/2).
     */
    public Tensor rotary(Tensor x, float[] cos, float[] sin, int seq, int heads) {
        return DecoderBlocks.rotary(this, tape, x, cos, sin, seq, heads, tracks(x));
    }

    /**
     * Causal grouped-query attention over {@code batch} right-padded sequences of {@code seq} rows: q is
     * (batch·seq × heads·d), k and v (batch·seq × keyValueHeads·d); returns (batch·seq × heads·d).
     */
    public Tensor causalAttention(Tensor q, Tensor k, Tensor v, int batch, int seq, int heads, int keyValueHeads) {
        return CausalAttention.apply(this, tape, q, k, v, batch, seq, heads, keyValueHeads, tracks(q, k, v));
    }

    /** {@code silu(gate) ⊙ up}, elementwise. */
    public Tensor swiGlu(Tensor gate, Tensor up) {
        return DecoderBlocks.swiGlu(this, tape, gate, up, tracks(gate, up));
    }

    /** {@code y = x·Wᵀ + b} with W (out × in) frozen in its stored width and b frozen (or null); gradient to x only. */
    public Tensor linear(Tensor x, StoredMatrix weight, float[] bias) {
        return DecoderBlocks.linear(this, tape, x, weight, bias, tracks(x));
    }

    /**
     * Mean next-token cross-entropy of the rows of {@code hidden} (rows × width) whose target is not −1,
     * through the frozen LM head (vocabulary × width), {@code chunkRows} rows of logits at a time; a scalar.
     */
    public Tensor languageModelLoss(Tensor hidden, StoredMatrix head, int[] targets, int chunkRows) {
        return ChunkedCrossEntropy.apply(this, tape, hidden, head, targets, chunkRows, tracks(hidden));
    }
}
