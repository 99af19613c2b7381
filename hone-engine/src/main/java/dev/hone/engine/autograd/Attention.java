package dev.hone.engine.autograd;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.tensor.Tensor;
import java.util.Arrays;

/**
 * Multi-head attention as one op with a hand-written backward. For each sequence b and head h,
 * with Q, K, V the head's (seq × d) slices:
 * <pre>
 *   S = Q·Kᵀ/√d + maskBias (+ positionBias)      P = softmax(S)      C = P·V
 *   dP = dC·Vᵀ   dV = Pᵀ·dC   dS = P ⊙ (dP − rowsum(dP ⊙ P))   dQ = dS·K/√d   dK = dSᵀ·Q/√d
 * </pre>
 * Up to {@link #ROW_BY_ROW_UP_TO} tokens the forward products run row by row on the rows in place;
 * longer heads are copied into contiguous (seq × d) blocks so every product is one kernel call. The
 * (sequence, head) pairs are spread over the kernels' threads, one range of pairs (with its own
 * scratch buffers) per thread.
 */
final class Attention {
    private static final float MASKED = -1e9f;
    /**
     * Up to this many tokens a head's two products run row by row (dot products and axpys on the
     * rows in place): packing operands for the matrix kernel cost more than the products themselves.
     */
    static final int ROW_BY_ROW_UP_TO = 32;

    private Attention() {
    }

    static Tensor apply(Graph graph, Tape tape, Tensor q, Tensor k, Tensor v, float[] mask, float[] positionBias,
                        int batch, int seq, int heads, boolean tracked) {
        Kernels kernels = graph.kernels();
        int hidden = q.columns();
        int d = hidden / heads;
        float scale = (float) (1 / Math.sqrt(d));
        Tensor context = graph.output(tracked, batch * seq, hidden);
        float[] probabilities = tracked ? new float[batch * heads * seq * seq] : null;
        // Each (sequence, head) pair is independent and writes its own slice of the context.
        boolean rowByRow = seq <= ROW_BY_ROW_UP_TO;
        kernels.forEachRange(batch * heads, (from, to) -> {
            float[] scores = new float[seq * seq];
            float[] qh = rowByRow ? null : new float[seq * d];
            float[] kh = rowByRow ? null : new float[seq * d];
            float[] vh = rowByRow ? null : new float[seq * d];
            float[] ch = rowByRow ? null : new float[seq * d];
            for (int unit = from; unit < to; unit++) {
                int b = unit / heads;
                int h = unit % heads;
                if (rowByRow) {
                    scoresRowByRow(kernels, q.data(), k.data(), b, h, seq, d, hidden, scores);
                } else {
                    gather(q.data(), b, h, seq, d, hidden, qh);
                    gather(k.data(), b, h, seq, d, hidden, kh);
                    kernels.matmul(qh, 0, false, kh, 0, true, scores, 0, seq, seq, d, false);    // (seq, seq)
                }
                for (int i = 0; i < seq; i++) {
                    for (int j = 0; j < seq; j++) {
                        scores[i * seq + j] = scores[i * seq + j] * scale + (mask[b * seq + j] == 0f ? MASKED : 0f);
                    }
                }
                if (positionBias != null) kernels.axpy(1f, positionBias, h * seq * seq, scores, 0, seq * seq);
                kernels.softmaxRows(scores, 0, seq, seq);
                if (rowByRow) {
                    contextRowByRow(kernels, scores, v.data(), b, h, seq, d, hidden, context.data());
                } else {
                    gather(v.data(), b, h, seq, d, hidden, vh);
                    kernels.matmul(scores, 0, false, vh, 0, false, ch, 0, seq, d, seq, false);      // (seq, d)
                    scatter(ch, b, h, seq, d, hidden, context.data());
                }
                if (tracked) System.arraycopy(scores, 0, probabilities, unit * seq * seq, seq * seq);
            }
        });
        if (tracked) {
            tape.record(() -> backward(kernels, q, k, v, context, probabilities, batch, seq, heads, heads, scale));
        }
        return context;
    }

    /**
     * The backward of attention with {@code keyValueHeads} key/value heads (as many as query heads for
     * plain multi-head attention): query head h reads key/value head h / (heads / keyValueHeads), and
     * the dK and dV of a key/value head sum over its query heads. The (sequence, key/value head) pairs
     * are spread over the kernels' threads, so each thread owns the dK and dV slices it writes.
     * {@code probabilities} holds each (sequence, query head)'s P at (b·heads + h)·seq².
     */
    static void backward(Kernels kernels, Tensor q, Tensor k, Tensor v, Tensor context, float[] probabilities,
                                 int batch, int seq, int heads, int keyValueHeads, float scale) {
        int width = q.columns();
        int d = width / heads;
        int kvWidth = keyValueHeads * d;
        int group = heads / keyValueHeads;
        kernels.forEachRange(batch * keyValueHeads, (from, to) -> {
            float[] qh = new float[seq * d];
            float[] kh = new float[seq * d];
            float[] vh = new float[seq * d];
            float[] dc = new float[seq * d];
            float[] dp = new float[seq * seq];
            float[] dq = new float[seq * d];
            float[] dk = new float[seq * d];
            float[] dv = new float[seq * d];
            for (int unit = from; unit < to; unit++) {
                int b = unit / keyValueHeads;
                int g = unit % keyValueHeads;
                gather(k.data(), b, g, seq, d, kvWidth, kh);
                gather(v.data(), b, g, seq, d, kvWidth, vh);
                Arrays.fill(dk, 0f);
                Arrays.fill(dv, 0f);
                for (int h = g * group; h < (g + 1) * group; h++) {
                    int pOffset = (b * heads + h) * seq * seq;
                    gather(q.data(), b, h, seq, d, width, qh);
                    gather(context.gradient(), b, h, seq, d, width, dc);
                    headBackward(kernels, qh, kh, vh, dc, probabilities, pOffset, seq, d, scale, dp, dq, dk, dv, true);
                    if (q.requiresGradient()) scatterAdd(dq, b, h, seq, d, width, q.gradient());
                }
                if (k.requiresGradient()) scatterAdd(dk, b, g, seq, d, kvWidth, k.gradient());
                if (v.requiresGradient()) scatterAdd(dv, b, g, seq, d, kvWidth, v.gradient());
            }
        });
    }

    /**
     * One head's backward from its (seq × d) blocks Q, K, V, the context's gradient dC and its
     * probabilities P (at {@code pOffset}): dQ into {@code dq}, and dK, dV into {@code dk}, {@code dv}
     * — added to them when {@code accumulateKeysValues} (query heads sharing a key/value head), else
     * overwriting. Masked positions need no special case: their P is 0, so is their dS. {@code dp}
     * is (seq × seq) scratch.
     */
    private static void headBackward(Kernels kernels, float[] qh, float[] kh, float[] vh, float[] dc, float[] probabilities, int pOffset,
                             int seq, int d, float scale, float[] dp, float[] dq, float[] dk, float[] dv,
                             boolean accumulateKeysValues) {
        kernels.matmul(dc, 0, false, vh, 0, true, dp, 0, seq, seq, d, false);                                    // dP = dC·Vᵀ
        kernels.matmul(probabilities, pOffset, true, dc, 0, false, dv, 0, seq, d, seq, accumulateKeysValues);    // dV = Pᵀ·dC
        for (int i = 0; i < seq; i++) {
            float rowSum = kernels.dot(dp, i * seq, probabilities, pOffset + i * seq, seq);
            for (int j = 0; j < seq; j++) {
                dp[i * seq + j] = probabilities[pOffset + i * seq + j] * (dp[i * seq + j] - rowSum) * scale;    // dS/√d
            }
        }
        kernels.matmul(dp, 0, false, kh, 0, false, dq, 0, seq, d, seq, false);                                   // dQ = dS·K/√d
        kernels.matmul(dp, 0, true, qh, 0, false, dk, 0, seq, d, seq, accumulateKeysValues);                     // dK = dSᵀ·Q/√d
    }

    /** S = Q·Kᵀ for one (sequence, head) as seq² dot products read in place: Q, K rows are d apart by {@code hidden}. */
    private static void scoresRowByRow(Kernels kernels, float[] q, float[] k, int b, int h, int seq, int d, int hidden,
                                       float[] scores) {
        int base = b * seq * hidden + h * d;
        for (int i = 0; i < seq; i++) {
            for (int j = 0; j < seq; j++) scores[i * seq + j] = kernels.dot(q, base + i * hidden, k, base + j * hidden, d);
        }
    }

    /** C = P·V for one (sequence, head), each context row a sum of V rows written in place (the context starts at zero). */
    private static void contextRowByRow(Kernels kernels, float[] probabilities, float[] v, int b, int h, int seq, int d,
                                        int hidden, float[] context) {
        int base = b * seq * hidden + h * d;
        for (int i = 0; i < seq; i++) {
            for (int j = 0; j < seq; j++) {
                kernels.axpy(probabilities[i * seq + j], v, base + j * hidden, context, base + i * hidden, d);
            }
        }
    }

    /** Head h's (seq × d) slice of sequence b, whose rows are {@code hidden} apart, into a contiguous block. */
    static void gather(float[] source, int b, int h, int seq, int d, int hidden, float[] target) {
        for (int s = 0; s < seq; s++) System.arraycopy(source, (b * seq + s) * hidden + h * d, target, s * d, d);
    }

    private static void scatter(float[] source, int b, int h, int seq, int d, int hidden, float[] target) {
        for (int s = 0; s < seq; s++) System.arraycopy(source, s * d, target, (b * seq + s) * hidden + h * d, d);
    }

    /** Adds a contiguous (seq × d) block back into head h's slice of sequence b. */
    static void scatterAdd(float[] source, int b, int h, int seq, int d, int hidden, float[] target) {
        for (int s = 0; s < seq; s++) {
            int at = (b * seq + s) * hidden + h * d;
            for (int i = 0; i < d; i++) target[at + i] += source[s * d + i];
        }
    }
}
