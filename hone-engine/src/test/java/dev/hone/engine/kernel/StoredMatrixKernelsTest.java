package dev.hone.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Products with weights kept in their stored width (f32, f16, bf16) against the f32 reference
 * product on the same values widened. Runs at the native vector width and again with 256-bit
 * vectors (the pom's kernels-256-bit execution), so both register tiles and both widths of the
 * 16-bit loads are checked.
 */
class StoredMatrixKernelsTest {
    private static final ReferenceKernels REFERENCE = new ReferenceKernels();
    private static final VectorKernels FAST = new VectorKernels(2);
    private final SplittableRandom random = new SplittableRandom(11);

    @AfterAll
    static void close() {
        FAST.close();
    }

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = {"F16", "BF16"})
    void widensEverySixteenBitPatternExactly(ElementType type) {
        short[] bits = new short[1 << 16];
        for (int i = 0; i < bits.length; i++) bits[i] = (short) i;
        StoredMatrix all = StoredMatrix.ofHalves(bits, type, 1, bits.length);
        float[] fast = new float[bits.length + 1];
        float[] reference = new float[bits.length + 1];
        FAST.widenRow(all, 0, fast, 1);
        REFERENCE.widenRow(all, 0, reference, 1);
        for (int i = 0; i < bits.length; i++) {
            float expected = type.widen(bits[i]);
            assertThat(Float.floatToRawIntBits(fast[i + 1])).as("%s bits 0x%04x", type, i).isEqualTo(Float.floatToRawIntBits(expected));
            assertThat(Float.floatToRawIntBits(reference[i + 1])).isEqualTo(Float.floatToRawIntBits(expected));
        }
    }

    @Test
    void roundsToNearestEvenAsPyTorchDoes() {
        // bf16 keeps 8 significant bits: 1 + 2⁻⁸ is halfway between 1 and 1 + 2⁻⁷ and rounds to the even 1.
        assertThat(ElementType.BF16.widen(ElementType.BF16.narrow(1 + 0x1p-8f))).isEqualTo(1f);
        assertThat(ElementType.BF16.widen(ElementType.BF16.narrow(1 + 0x1p-8f + 0x1p-20f))).isEqualTo(1 + 0x1p-7f);
        assertThat(ElementType.F16.widen(ElementType.F16.narrow(1 + 0x1p-11f))).isEqualTo(1f);
        assertThat(ElementType.BF16.widen(ElementType.BF16.narrow(Float.NaN))).isNaN();
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void productsMatchTheFloatReferenceOnTheWidenedValues(ElementType type) {
        // Rows up to 16 take the few-rows path (4 at a time, then singles); more take the packed tile
        // path in blocks of panels. Depths with tails and beyond one depth block (1024); enough work
        // on some shapes to split over both threads.
        int[][] shapes = {{1, 1, 1}, {1, 17, 5}, {2, 33, 16}, {3, 40, 31}, {4, 300, 64}, {5, 70, 7}, {7, 9, 100},
            {16, 33, 64}, {17, 300, 64}, {33, 70, 19}, {40, 300, 96}, {70, 130, 1100}, {1, 2048, 256}, {9, 700, 384}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            StoredMatrix w = StoredMatrix.rounded(randomArray(n * k), type, n, k);
            float[] widened = new float[n * k];
            for (int j = 0; j < n; j++) REFERENCE.widenRow(w, j, widened, j * k);
            for (boolean accumulate : new boolean[] {false, true}) {
                int offset = 3;
                float[] a = randomArray(offset + m * k);
                float[] expected = randomArray(offset + m * n);
                float[] fast = expected.clone();
                float[] scalar = expected.clone();
                REFERENCE.matmul(a, offset, false, widened, 0, true, expected, offset, m, n, k, accumulate);
                FAST.matmul(a, offset, w, fast, offset, m, accumulate);
                REFERENCE.matmul(a, offset, w, scalar, offset, m, accumulate);
                assertThat(scalar).as("reference, %s %dx%dx%d", type, m, n, k).containsExactly(expected);
                for (int i = 0; i < expected.length; i++) {
                    double tolerance = (1e-5 * Math.sqrt(k) + 1e-6) * (1 + Math.abs(expected[i]));
                    assertThat((double) fast[i]).as("%s %dx%dx%d accumulate=%s, element %d", type, m, n, k, accumulate, i)
                            .isCloseTo(expected[i], Offset.offset(tolerance));
                }
            }
        }
    }

    private float[] randomArray(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextDouble() * 4 - 2);
        return values;
    }
}
