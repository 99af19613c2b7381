package dev.hone.engine.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.kernel.VectorKernels;
import dev.hone.engine.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Attention's backward runs one part per (sequence, head) on the kernels' threads, and every part
 * adds its slice to the same gradient of q, k and v, which the first of them allocates. Two parts
 * that allocated at once each added to their own buffer and one buffer was dropped: contrastive
 * training on two cores lost heads' gradients at random and trained different adapters in every
 * run, while one core gave the same bits every time. On fresh tensors, many times over, two threads
 * must give exactly what one gives.
 */
class ParallelBackwardTest {
    private static final int TRIALS = 30;

    @Test
    void attentionGradientsOnTwoThreadsEqualThoseOnOneBitForBit() {
        int batch = 4;
        int seq = 40;
        int heads = 12;
        int d = 16;
        int hidden = heads * d;
        try (VectorKernels one = new VectorKernels(1); VectorKernels two = new VectorKernels(2)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                SplittableRandom random = new SplittableRandom(trial);
                float[] q = randoms(random, batch * seq * hidden);
                float[] k = randoms(random, batch * seq * hidden);
                float[] v = randoms(random, batch * seq * hidden);
                float[] weights = randoms(random, batch * seq * hidden);
                float[] mask = new float[batch * seq];
                java.util.Arrays.fill(mask, 1f);
                float[][] expected = gradients(one, q, k, v, weights, mask, batch, seq, heads);
                float[][] actual = gradients(two, q, k, v, weights, mask, batch, seq, heads);
                for (int t = 0; t < 3; t++) assertThat(actual[t]).as("trial %d, gradient of %s", trial, "qkv".charAt(t)).isEqualTo(expected[t]);
            }
        }
    }

    @Test
    void groupedCausalAttentionGradientsOnTwoThreadsEqualThoseOnOneBitForBit() {
        // The decoder's attention: key/value heads shared by groups of query heads, whose dK and dV sum over the group.
        int batch = 3;
        int seq = 24;
        int heads = 8;
        int keyValueHeads = 2;
        int d = 8;
        try (VectorKernels one = new VectorKernels(1); VectorKernels two = new VectorKernels(2)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                SplittableRandom random = new SplittableRandom(trial);
                float[] q = randoms(random, batch * seq * heads * d);
                float[] k = randoms(random, batch * seq * keyValueHeads * d);
                float[] v = randoms(random, batch * seq * keyValueHeads * d);
                float[] weights = randoms(random, batch * seq * heads * d);
                float[][] expected = causalGradients(one, q, k, v, weights, batch, seq, heads, keyValueHeads);
                float[][] actual = causalGradients(two, q, k, v, weights, batch, seq, heads, keyValueHeads);
                for (int t = 0; t < 3; t++) assertThat(actual[t]).as("trial %d, gradient of %s", trial, "qkv".charAt(t)).isEqualTo(expected[t]);
            }
        }
    }

    private static float[][] causalGradients(VectorKernels kernels, float[] q, float[] k, float[] v, float[] weights, int batch, int seq,
                                             int heads, int keyValueHeads) {
        Tensor tq = Tensor.parameter(q.clone(), batch * seq, q.length / (batch * seq));
        Tensor tk = Tensor.parameter(k.clone(), batch * seq, k.length / (batch * seq));
        Tensor tv = Tensor.parameter(v.clone(), batch * seq, v.length / (batch * seq));
        Tape tape = new Tape();
        Graph graph = Graph.training(kernels, tape, 1);
        tape.backward(graph.weightedSum(graph.causalAttention(tq, tk, tv, batch, seq, heads, keyValueHeads), weights));
        return new float[][] {tq.gradient(), tk.gradient(), tv.gradient()};
    }

    private static float[][] gradients(VectorKernels kernels, float[] q, float[] k, float[] v, float[] weights, float[] mask,
                                       int batch, int seq, int heads) {
        int hidden = q.length / (batch * seq);
        Tensor tq = Tensor.parameter(q.clone(), batch * seq, hidden);
        Tensor tk = Tensor.parameter(k.clone(), batch * seq, hidden);
        Tensor tv = Tensor.parameter(v.clone(), batch * seq, hidden);
        Tape tape = new Tape();
        Graph graph = Graph.training(kernels, tape, 1);
        tape.backward(graph.weightedSum(graph.attention(tq, tk, tv, mask, batch, seq, heads), weights));
        return new float[][] {tq.gradient(), tk.gradient(), tv.gradient()};
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextDouble() * 2 - 1);
        return values;
    }
}
