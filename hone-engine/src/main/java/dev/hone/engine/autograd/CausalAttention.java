package dev.hone.engine.autograd;

import static dev.hone.engine.autograd.Attention.gather;
import static dev.hone.engine.autograd.Attention.scatterAdd;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.tensor.Tensor;
import java.util.Arrays;

/**
 * Causal self-attention with grouped key/value heads as one op with a hand-written backward. Query
 * head h reads key/value head g = h / (heads / keyValueHeads); for each sequence, with Q_h, K_g,
 * V_g the heads' (seq × d) slices and row i seeing positions j ≤ i:
 * <pre>
 *   S = Q_h·K_gᵀ/√d (causal)     P = softmax(S)     C_h = P·V_g
 *   dP = dC_h·V_gᵀ   dS = P ⊙ (dP − rowsum(dP ⊙ P))   dQ_h = dS·K_g/√d
 *   dK_g = Σ_{h in g} dSᵀ·Q_h/√d     dV_g = Σ_{h in g} Pᵀ·dC_h
 * </pre>
 * Sequences are right-padded to a common length: a padding position comes after every real one, so
 * causality alone keeps it out of the real positions' attention. The forward spreads (sequence,
 * query head) pairs over the kernels' threads; the backward, shared with the encoder's attention
 * ({@code Attention.backward}), spreads (sequence, key/value head) pairs, so each thread owns the
 * dK and dV slices it sums into.
 */
final class CausalAttention {
    private CausalAttention() {
    }

    /** q (batch·seq × heads·d), k and v (batch·seq × keyValueHeads·d) → context (batch·seq × heads·d). */
    static Tensor apply(Graph graph, Tape tape, Tensor q, Tensor k, Tensor v, int batch, int seq, int heads,
                        int keyValueHeads, boolean tracked) {
        Kernels kernels = graph.kernels();
        int width = q.columns();
        int d = width / heads;
        int kvWidth = keyValueHeads * d;
        if (heads * d != width || heads % keyValueHeads != 0 || k.columns() != kvWidth || v.columns() != kvWidth
                || q.rows() != batch * seq || k.rows() != batch * seq || v.rows() != batch * seq) {
            throw new IllegalArgumentException("causalAttention: q " + q + ", k " + k + ", v " + v + " do not fit " + batch
                    + " sequences of " + seq + " with " + heads + " heads and " + keyValueHeads + " key/value heads");
        }
        int group = heads / keyValueHeads;
        float scale = (float) Math.pow(d, -0.5);
        Tensor context = graph.output(tracked, batch * seq, width);
        float[] probabilities = tracked ? new float[batch * heads * seq * seq] : null;
        kernels.forEachRange(batch * heads, (from, to) -> {
            float[] qh = new float[seq * d];
            float[] kh = new float[seq * d];
            float[] vh = new float[seq * d];
            float[] ch = new float[seq * d];
            float[] scores = new float[seq * seq];
            for (int unit = from; unit < to; unit++) {
                int b = unit / heads;
                int h = unit % heads;
                int g = h / group;
                gather(q.data(), b, h, seq, d, width, qh);
                gather(k.data(), b, g, seq, d, kvWidth, kh);
                gather(v.data(), b, g, seq, d, kvWidth, vh);
                kernels.matmul(qh, 0, false, kh, 0, true, scores, 0, seq, seq, d, false);         // (seq, seq)
                for (int i = 0; i < seq; i++) {
                    int base = i * seq;
                    for (int j = 0; j <= i; j++) scores[base + j] *= scale;
                    kernels.softmaxRows(scores, base, 1, i + 1);
                    Arrays.fill(scores, base + i + 1, base + seq, 0f);                              // causal mask
                }
                kernels.matmul(scores, 0, false, vh, 0, false, ch, 0, seq, d, seq, false);        // (seq, d)
                scatterAdd(ch, b, h, seq, d, width, context.data());
                if (tracked) System.arraycopy(scores, 0, probabilities, unit * seq * seq, seq * seq);
            }
        });
        if (tracked) {
            tape.record(() -> Attention.backward(kernels, q, k, v, context, probabilities, batch, seq, heads, keyValueHeads, scale));
        }
        return context;
    }
}
