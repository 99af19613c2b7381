package dev.hone.engine.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.kernel.VectorKernels;
import dev.hone.engine.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attention's forward against the definition written out as loops, on both of its paths: short
 * sequences row by row, longer ones through the matrix kernel; with padding in the batch.
 */
class AttentionTest {

    @ParameterizedTest(name = "{0} tokens")
    @ValueSource(ints = {3, Attention.ROW_BY_ROW_UP_TO, Attention.ROW_BY_ROW_UP_TO + 1, 70})
    void matchesSoftmaxOfScaledDotProductsOverUnmaskedKeys(int seq) {
        int batch = 2;
        int heads = 3;
        int d = 8;
        int hidden = heads * d;
        SplittableRandom random = new SplittableRandom(seq);
        float[] q = randoms(random, batch * seq * hidden);
        float[] k = randoms(random, batch * seq * hidden);
        float[] v = randoms(random, batch * seq * hidden);
        float[] mask = new float[batch * seq];
        for (int s = 0; s < seq; s++) {
            mask[s] = 1f;
            mask[seq + s] = s < (seq + 1) / 2 ? 1f : 0f;  // the second sequence is half padding
        }
        float[] actual;
        try (VectorKernels kernels = new VectorKernels(2)) {
            actual = Graph.inference(kernels).attention(Tensor.of(q, batch * seq, hidden), Tensor.of(k, batch * seq, hidden),
                    Tensor.of(v, batch * seq, hidden), mask, batch, seq, heads).data();
        }
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < seq; i++) {
                    double[] weights = new double[seq];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < seq; j++) {
                        if (mask[b * seq + j] == 0f) continue;
                        double dot = 0;
                        for (int x = 0; x < d; x++) dot += q[(b * seq + i) * hidden + h * d + x] * k[(b * seq + j) * hidden + h * d + x];
                        weights[j] = dot / Math.sqrt(d);
                        max = Math.max(max, weights[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < seq; j++) {
                        weights[j] = mask[b * seq + j] == 0f ? 0 : Math.exp(weights[j] - max);
                        sum += weights[j];
                    }
                    for (int x = 0; x < d; x++) {
                        double expected = 0;
                        for (int j = 0; j < seq; j++) expected += weights[j] / sum * v[(b * seq + j) * hidden + h * d + x];
                        assertThat((double) actual[(b * seq + i) * hidden + h * d + x]).as("b %d h %d i %d x %d", b, h, i, x)
                                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextDouble() * 2 - 1);
        return values;
    }
}
