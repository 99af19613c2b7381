package dev.hone.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The reference kernels on several threads (what a JVM without the Vector API computes with) give
 * the same bits as on one: each product's rows are split, never a sum.
 */
class ReferenceKernelsTest {
    private static final ReferenceKernels ONE = new ReferenceKernels();
    private static final ReferenceKernels THREE = new ReferenceKernels(3);
    private final SplittableRandom random = new SplittableRandom(11);

    @AfterAll
    static void close() {
        THREE.close();
    }

    private float[] randomArray(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextDouble() * 4 - 2);
        return values;
    }

    @Test
    void productsOnThreeThreadsEqualProductsOnOneBitForBit() {
        assertThat(THREE.threads()).isEqualTo(3);
        int[][] shapes = {{1, 7, 5}, {3, 33, 7}, {70, 64, 96}, {129, 40, 200}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        float[] a = randomArray(2 + m * k);
                        float[] b = randomArray(2 + k * n);
                        float[] c = randomArray(2 + m * n);
                        float[] single = c.clone();
                        float[] threaded = c.clone();
                        ONE.matmul(a, 2, ta, b, 2, tb, single, 2, m, n, k, accumulate);
                        THREE.matmul(a, 2, ta, b, 2, tb, threaded, 2, m, n, k, accumulate);
                        assertThat(threaded).as("%d x %d x %d, ta %s, tb %s", m, n, k, ta, tb).isEqualTo(single);
                    }
                }
            }
            for (ElementType type : ElementType.values()) {
                StoredMatrix w = StoredMatrix.rounded(randomArray(n * k), type, n, k);
                float[] a = randomArray(m * k);
                float[] single = new float[m * n];
                float[] threaded = new float[m * n];
                ONE.matmul(a, 0, w, single, 0, m, false);
                THREE.matmul(a, 0, w, threaded, 0, m, false);
                assertThat(threaded).as("stored %s %d x %d x %d", type, m, n, k).isEqualTo(single);
                float[] gradient = randomArray(m * n);
                float[] singleBack = new float[m * k];
                float[] threadedBack = new float[m * k];
                ONE.matmulUntransposed(gradient, 0, w, singleBack, 0, m, false);
                THREE.matmulUntransposed(gradient, 0, w, threadedBack, 0, m, false);
                assertThat(threadedBack).as("untransposed %s %d x %d x %d", type, m, n, k).isEqualTo(singleBack);
            }
        }
    }
}
