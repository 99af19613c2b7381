package dev.hone.engine.kernel;

import static dev.hone.engine.kernel.VectorKernels.LANES;
import static dev.hone.engine.kernel.VectorKernels.PANEL;
import static dev.hone.engine.kernel.VectorKernels.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API side of {@link StoredMatrix}: loads that widen {@link #LANES} stored elements to
 * one f32 vector, and the loops of {@link VectorKernels} built on them. A 16-bit element is loaded
 * into a vector of half the float vector's width and sign-extended to 32-bit lanes; then
 * <ul>
 *   <li>bf16 is the top half of an f32: shifted left by 16 it is that f32, exactly;</li>
 *   <li>f16's exponent and mantissa, shifted left by 13, are an f32 whose exponent is 112 too small
 *       (bias 15 against 127): multiplying by 2¹¹² fixes normal and subnormal values alike; an
 *       all-ones exponent (infinity, NaN) becomes f32's all-ones instead, a NaN made quiet as
 *       {@link Float#float16ToFloat} makes it; the sign goes back on last.</li>
 * </ul>
 * Both agree bit for bit with {@link ElementType#widen} (tested over every 16-bit pattern).
 */
final class Widening {
    private static final VectorSpecies<Short> HALVES =
            VectorSpecies.of(short.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> INTS = SPECIES.withLanes(int.class);
    private static final float F16_EXPONENT_FIX = 0x1p112f;
    private static final int F16_INFINITY = 0x7c00;

    private Widening() {
    }

    /** {@link VectorKernels#LANES} elements of W from element {@code at} (row-major), widened to f32. */
    static FloatVector load(StoredMatrix w, int at) {
        return switch (w.type()) {
            case F32 -> FloatVector.fromArray(SPECIES, w.singles(), at);
            case BF16 -> shorts(w.halves(), at).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            case F16 -> widenF16(shorts(w.halves(), at));
        };
    }

    /** 16-bit elements sign-extended to 32-bit lanes. */
    private static IntVector shorts(short[] halves, int at) {
        return (IntVector) ShortVector.fromArray(HALVES, halves, at).convertShape(VectorOperators.S2I, INTS, 0);
    }

    private static FloatVector widenF16(IntVector half) {
        IntVector magnitude = half.and(0x7fff);
        IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
        IntVector finite = shifted.reinterpretAsFloats().mul(F16_EXPONENT_FIX).reinterpretAsInts();
        IntVector unsigned = finite
                .blend(shifted.or(0x7f80_0000), magnitude.compare(VectorOperators.EQ, F16_INFINITY))
                .blend(shifted.or(0x7fc0_0000), magnitude.compare(VectorOperators.GT, F16_INFINITY));
        IntVector sign = half.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        return unsigned.or(sign).reinterpretAsFloats();
    }

    /** Row {@code row} of W widened into {@code out[outOffset…]}. */
    static void widenRow(StoredMatrix w, int row, float[] out, int outOffset) {
        int k = w.columns();
        int at = row * k;
        int kk = 0;
        for (int bound = SPECIES.loopBound(k); kk < bound; kk += LANES) load(w, at + kk).intoArray(out, outOffset + kk);
        for (; kk < k; kk++) out[outOffset + kk] = w.get(row, kk);
    }

    /**
     * C[i][j] = A[i,:]·W[j,:] for every row i < m and W rows j in [from, to): each W row is widened
     * once per four rows of A, in registers.
     */
    static void multiplyFewRows(float[] a, int aOffset, StoredMatrix w, float[] c, int cOffset, int m,
                                boolean accumulate, int from, int to) {
        int n = w.rows();
        for (int j = from; j < to; j++) {
            int i = 0;
            for (; i + 4 <= m; i += 4) multiplyFourRows(a, aOffset + i * w.columns(), w, j, c, cOffset + i * n + j, n, accumulate);
            for (; i < m; i++) multiplyOneRow(a, aOffset + i * w.columns(), w, j, c, cOffset + i * n + j, accumulate);
        }
    }

    /** Rows a0…a0+3k of A against W row j, into C at cAt, cAt+n, cAt+2n, cAt+3n. */
    private static void multiplyFourRows(float[] a, int a0, StoredMatrix w, int j, float[] c, int cAt, int n,
                                         boolean accumulate) {
        int k = w.columns();
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        FloatVector s2 = FloatVector.zero(SPECIES);
        FloatVector s3 = FloatVector.zero(SPECIES);
        int at = j * k;
        int kk = 0;
        for (int bound = SPECIES.loopBound(k); kk < bound; kk += LANES) {
            FloatVector weights = load(w, at + kk);
            s0 = FloatVector.fromArray(SPECIES, a, a0 + kk).fma(weights, s0);
            s1 = FloatVector.fromArray(SPECIES, a, a1 + kk).fma(weights, s1);
            s2 = FloatVector.fromArray(SPECIES, a, a2 + kk).fma(weights, s2);
            s3 = FloatVector.fromArray(SPECIES, a, a3 + kk).fma(weights, s3);
        }
        float r0 = s0.reduceLanes(VectorOperators.ADD);
        float r1 = s1.reduceLanes(VectorOperators.ADD);
        float r2 = s2.reduceLanes(VectorOperators.ADD);
        float r3 = s3.reduceLanes(VectorOperators.ADD);
        for (; kk < k; kk++) {
            float weight = w.get(j, kk);
            r0 += a[a0 + kk] * weight;
            r1 += a[a1 + kk] * weight;
            r2 += a[a2 + kk] * weight;
            r3 += a[a3 + kk] * weight;
        }
        store(c, cAt, r0, accumulate);
        store(c, cAt + n, r1, accumulate);
        store(c, cAt + 2 * n, r2, accumulate);
        store(c, cAt + 3 * n, r3, accumulate);
    }

    private static void multiplyOneRow(float[] a, int a0, StoredMatrix w, int j, float[] c, int cAt, boolean accumulate) {
        int k = w.columns();
        FloatVector sum = FloatVector.zero(SPECIES);
        int at = j * k;
        int kk = 0;
        for (int bound = SPECIES.loopBound(k); kk < bound; kk += LANES) {
            sum = FloatVector.fromArray(SPECIES, a, a0 + kk).fma(load(w, at + kk), sum);
        }
        float result = sum.reduceLanes(VectorOperators.ADD);
        for (; kk < k; kk++) result += a[a0 + kk] * w.get(j, kk);
        store(c, cAt, result, accumulate);
    }

    private static void store(float[] c, int at, float value, boolean accumulate) {
        c[at] = accumulate ? c[at] + value : value;
    }

    /**
     * W rows [first, first + width) — columns of op(B) = Wᵀ — widened into panels of
     * {@link VectorKernels#PANEL} columns laid out as {@link VectorKernels#pack} lays them out, the
     * last panel zero-padded.
     */
    static void packPanels(StoredMatrix w, int first, int width, float[] packed) {
        int k = w.columns();
        int panels = (width + PANEL - 1) / PANEL;
        if (width % PANEL != 0) java.util.Arrays.fill(packed, (panels - 1) * k * PANEL, panels * k * PANEL, 0f);
        float[] row = new float[k];
        for (int r = 0; r < width; r++) {
            widenRow(w, first + r, row, 0);
            int base = r / PANEL * k * PANEL + r % PANEL;
            for (int kk = 0; kk < k; kk++) packed[base + kk * PANEL] = row[kk];
        }
    }
}
