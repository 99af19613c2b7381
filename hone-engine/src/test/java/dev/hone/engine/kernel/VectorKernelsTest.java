package dev.hone.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The fast kernels against the reference on random data, across shapes, layouts and offsets. */
class VectorKernelsTest {
    private static final ReferenceKernels REFERENCE = new ReferenceKernels();
    private static final VectorKernels FAST = new VectorKernels(2);
    private final SplittableRandom random = new SplittableRandom(7);

    @AfterAll
    static void close() {
        FAST.close();
    }

    private float[] randomArray(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextDouble() * 4 - 2);
        return values;
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance * (1 + Math.abs(expected[i]))));
        }
    }

    @Test
    void matmulMatchesReferenceForEveryLayout() {
        // Beyond tails and both splits (by rows, by panels): depths over one depth block (1024) cut
        // into two and three, 345 rows over three row blocks, and a few rows with enough columns to
        // split the unpacked few-row products over both threads.
        int[][] shapes = {{1, 1, 1}, {1, 17, 5}, {3, 33, 7}, {4, 32, 16}, {5, 31, 64}, {37, 70, 19}, {64, 96, 384},
            {130, 40, 33}, {9, 384, 384}, {20, 70, 2100}, {70, 20, 1500}, {345, 40, 401}, {3, 701, 200}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        int offset = 3;
                        float[] a = randomArray(offset + m * k);
                        float[] b = randomArray(offset + k * n);
                        float[] c0 = randomArray(offset + m * n);
                        float[] c1 = c0.clone();
                        REFERENCE.matmul(a, offset, ta, b, offset, tb, c0, offset, m, n, k, accumulate);
                        FAST.matmul(a, offset, ta, b, offset, tb, c1, offset, m, n, k, accumulate);
                        assertClose(c0, c1, 1e-5 * Math.sqrt(k) + 1e-6);
                        float[] c2 = c1.clone();
                        float[] c3 = c1.clone();
                        REFERENCE.matmul(a, offset, ta, REFERENCE.pack(b, offset, tb, k, n), c2, offset, m, accumulate);
                        FAST.matmul(a, offset, ta, FAST.pack(b, offset, tb, k, n), c3, offset, m, accumulate);
                        assertClose(c2, c3, 2e-5 * Math.sqrt(k) + 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void packedMatricesOnlyWorkWithTheKernelsThatMadeThem() {
        PackedMatrix packed = FAST.pack(randomArray(12), 0, false, 3, 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> REFERENCE.matmul(new float[6], 0, false, packed, new float[8], 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other kernels");
    }

    @Test
    void elementwiseKernelsMatchReference() {
        for (int n : new int[] {1, 7, 16, 31, 384, 1000, 70_001}) {
            float[] x = randomArray(n + 2);
            float[] y = randomArray(n + 2);
            assertThat((double) FAST.dot(x, 2, y, 1, n)).isCloseTo(REFERENCE.dot(x, 2, y, 1, n),
                    org.assertj.core.data.Offset.offset(1e-4 * n));
            float[] y0 = y.clone();
            float[] y1 = y.clone();
            REFERENCE.axpy(0.3f, x, 1, y0, 2, n);
            FAST.axpy(0.3f, x, 1, y1, 2, n);
            assertClose(y0, y1, 1e-6);
            float[] g0 = new float[n + 2];
            float[] g1 = new float[n + 2];
            REFERENCE.gelu(x, 1, g0, 2, n);
            FAST.gelu(x, 1, g1, 2, n);
            assertClose(g0, g1, 1e-6);
            float[] dy = x.clone();
            float[] d0 = new float[n];
            float[] d1 = new float[n];
            java.util.Arrays.fill(d0, 0.25f);
            java.util.Arrays.fill(d1, 0.25f);
            REFERENCE.geluBackward(x, dy, d0, n);
            FAST.geluBackward(x, dy, d1, n);
            assertClose(d0, d1, 1e-5);
            float[] s0 = x.clone();
            float[] s1 = x.clone();
            REFERENCE.softmaxRows(s0, 2, 1, n);
            FAST.softmaxRows(s1, 2, 1, n);
            assertClose(s0, s1, 1e-6);
        }
    }

    @Test
    void layerNormAndBiasMatchReference() {
        int rows = 5;
        for (int cols : new int[] {3, 16, 384, 385}) {
            float[] x = randomArray(rows * cols);
            float[] gamma = randomArray(cols);
            float[] beta = randomArray(cols);
            float[] y0 = new float[rows * cols];
            float[] y1 = new float[rows * cols];
            float[] mean0 = new float[rows];
            float[] mean1 = new float[rows];
            float[] rstd0 = new float[rows];
            float[] rstd1 = new float[rows];
            REFERENCE.layerNorm(x, rows, cols, gamma, beta, 1e-12f, y0, mean0, rstd0);
            FAST.layerNorm(x, rows, cols, gamma, beta, 1e-12f, y1, mean1, rstd1);
            assertClose(y0, y1, 1e-5);
            assertClose(mean0, mean1, 1e-6);
            assertClose(rstd0, rstd1, 1e-5);
            float[] b0 = x.clone();
            float[] b1 = x.clone();
            REFERENCE.addBias(b0, 0, rows, cols, gamma);
            FAST.addBias(b1, 0, rows, cols, gamma);
            assertClose(b0, b1, 1e-7);
        }
    }

    @Test
    void computePoolRunsEveryPartAndRethrowsFailures() {
        try (ComputePool pool = new ComputePool(3)) {
            int[] hits = new int[10];
            pool.forEach(10, i -> hits[i]++);
            assertThat(hits).containsOnly(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.forEach(4, i -> {
                if (i == 2) throw new IllegalStateException("part 2 failed");
            })).hasMessage("part 2 failed");
        }
    }
}
