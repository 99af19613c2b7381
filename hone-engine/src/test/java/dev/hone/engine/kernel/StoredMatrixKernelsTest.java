package dev.hone.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        // path in blocks of panels, in chunks of 1024 rows. Depths with tails and beyond one depth
        // block (1024); enough work on some shapes to split over both threads.
        int[][] shapes = {{1, 1, 1}, {1, 17, 5}, {2, 33, 16}, {3, 40, 31}, {4, 300, 64}, {5, 70, 7}, {7, 9, 100},
            {16, 33, 64}, {17, 300, 64}, {33, 70, 19}, {40, 300, 96}, {70, 130, 1100}, {1, 2048, 256}, {9, 700, 384}, {1030, 40, 33}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            StoredMatrix w = StoredMatrix.rounded(randomArray(n * k), type, n, k);
            float[] widened = new float[n * k];
            for (int j = 0; j < n; j++) REFERENCE.widenRow(w, j, widened, j * k);
            assertMatchesReference(String.format("%s %dx%dx%d", type, m, n, k), m * k, m * n, k,
                    (a, offset, c, accumulate) -> REFERENCE.matmul(a, offset, false, widened, 0, true, c, offset, m, n, k, accumulate),
                    (a, offset, c, accumulate) -> FAST.matmul(a, offset, w, c, offset, m, accumulate),
                    (a, offset, c, accumulate) -> REFERENCE.matmul(a, offset, w, c, offset, m, accumulate));
        }
    }

    /** A product into C at an offset, overwriting or adding to it. */
    @FunctionalInterface
    private interface Product {
        void into(float[] a, int offset, float[] c, boolean accumulate);
    }

    /**
     * Both ways (overwriting and accumulating, at an offset): the scalar product with a stored weight
     * equals the f32 reference exactly, the fast one within rounding that grows with the depth.
     */
    private void assertMatchesReference(String shape, int aSize, int cSize, int depth, Product reference, Product fast,
                                        Product scalar) {
        for (boolean accumulate : new boolean[] {false, true}) {
            int offset = 3;
            float[] a = randomArray(offset + aSize);
            float[] expected = randomArray(offset + cSize);
            float[] fastResult = expected.clone();
            float[] scalarResult = expected.clone();
            reference.into(a, offset, expected, accumulate);
            fast.into(a, offset, fastResult, accumulate);
            scalar.into(a, offset, scalarResult, accumulate);
            assertThat(scalarResult).as("reference, %s", shape).containsExactly(expected);
            for (int i = 0; i < expected.length; i++) {
                double tolerance = (1e-5 * Math.sqrt(depth) + 1e-6) * (1 + Math.abs(expected[i]));
                assertThat((double) fastResult[i]).as("%s accumulate=%s, element %d", shape, accumulate, i)
                        .isCloseTo(expected[i], Offset.offset(tolerance));
            }
        }
    }

    /**
     * {@code C = A · W} with W stored (out × in), the backward of a frozen linear layer, against the f32
     * reference on the widened values: few and many rows, widths with a narrow last panel, depths
     * beyond one block, and a mapped W giving the array's bits.
     */
    @ParameterizedTest
    @EnumSource(ElementType.class)
    void untransposedProductsMatchTheFloatReference(ElementType type) {
        int[][] shapes = {{1, 1, 1}, {1, 17, 5}, {3, 40, 31}, {16, 33, 64}, {17, 300, 64}, {40, 300, 96}, {70, 130, 1100},
            {9, 700, 384}, {1030, 40, 33}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int in = shape[1];
            int out = shape[2];
            StoredMatrix w = StoredMatrix.rounded(randomArray(out * in), type, out, in);
            float[] widened = new float[out * in];
            for (int j = 0; j < out; j++) REFERENCE.widenRow(w, j, widened, j * in);
            assertMatchesReference(String.format("untransposed %s %dx%dx%d", type, m, in, out), m * out, m * in, out,
                    (a, offset, c, accumulate) -> REFERENCE.matmul(a, offset, false, widened, 0, false, c, offset, m, in, out, accumulate),
                    (a, offset, c, accumulate) -> FAST.matmulUntransposed(a, offset, w, c, offset, m, accumulate),
                    (a, offset, c, accumulate) -> REFERENCE.matmulUntransposed(a, offset, w, c, offset, m, accumulate));
            StoredMatrix inBuffer = StoredMatrix.mapped(littleEndianBytes(w), type, out, in);
            float[] a = randomArray(m * out);
            float[] fromArray = new float[m * in];
            float[] fromBuffer = new float[m * in];
            FAST.matmulUntransposed(a, 0, w, fromArray, 0, m, false);
            FAST.matmulUntransposed(a, 0, inBuffer, fromBuffer, 0, m, false);
            assertThat(fromBuffer).as("mapped %s %dx%dx%d", type, m, in, out).containsExactly(fromArray);
        }
    }

    /**
     * A matrix over a buffer (as a mapped checkpoint tensor is) multiplies exactly like the same
     * values in an array: the kernels copy its rows out and run the same loops on them. Compared once
     * settled in a JIT tier ({@link SettledResults}).
     */
    @ParameterizedTest
    @EnumSource(ElementType.class)
    void matricesOverABufferGiveTheArrayResultsBitForBit(ElementType type) {
        int[][] shapes = {{1, 17, 5}, {1, 2048, 256}, {3, 40, 31}, {8, 300, 64}, {16, 33, 64}, {40, 300, 96}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            StoredMatrix inArray = StoredMatrix.rounded(randomArray(n * k), type, n, k);
            StoredMatrix inBuffer = StoredMatrix.mapped(littleEndianBytes(inArray), type, n, k);
            assertThat(inBuffer.isMapped()).isTrue();
            float[] a = randomArray(m * k);
            float[][] products = SettledResults.settled(() -> product(a, inArray, m), () -> product(a, inBuffer, m));
            assertThat(products[1]).as("%s %dx%dx%d", type, m, n, k).containsExactly(products[0]);
            float[] row = new float[k];
            float[] bufferRow = new float[k];
            FAST.widenRow(inArray, n - 1, row, 0);
            FAST.widenRow(inBuffer, n - 1, bufferRow, 0);
            assertThat(bufferRow).containsExactly(row);
            assertThat(inBuffer.get(n - 1, k - 1)).isEqualTo(inArray.get(n - 1, k - 1));
        }
    }

    private static float[] product(float[] a, StoredMatrix w, int m) {
        float[] c = new float[m * w.rows()];
        FAST.matmul(a, 0, w, c, 0, m, false);
        return c;
    }

    @Test
    void aBufferOfTheWrongSizeIsRefused() {
        ByteBuffer bytes = ByteBuffer.allocateDirect(10);
        assertThatThrownBy(() -> StoredMatrix.mapped(bytes, ElementType.BF16, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 x 3 BF16 needs 12 bytes, got 10");
    }

    /** The matrix's elements as a safetensors file stores them: little-endian, row-major, in a direct buffer. */
    private static ByteBuffer littleEndianBytes(StoredMatrix w) {
        int count = w.rows() * w.columns();
        ByteBuffer bytes = ByteBuffer.allocateDirect(count * w.type().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            float value = w.get(i / w.columns(), i % w.columns());
            if (w.type() == ElementType.F32) bytes.putFloat(value);
            else bytes.putShort(w.type().narrow(value));
        }
        return bytes.flip();
    }

    private float[] randomArray(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextDouble() * 4 - 2);
        return values;
    }
}
