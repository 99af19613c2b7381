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
 * The Vector API side of {@link StoredMatrix}: a weight row is widened to f32 once, into a buffer
 * that stays in L1, and the f32 loops multiply by it (an F32 row is read in place). The type is
 * looked at once per row, never inside a loop: a loop that chose its load per step ran 3–5× slower
 * than the f32 one (C2 kept the vectors out of registers). Widening:
 * <ul>
 *   <li>bf16 is the top half of an f32: loaded into a vector of half the float vector's width,
 *       sign-extended to 32-bit lanes and shifted left by 16, it is that f32, exactly;</li>
 *   <li>f16 goes through {@link Float#float16ToFloat} in a plain loop, which C2 compiles to the
 *       hardware conversion (F16C, AVX-512) and vectorises: 3–4× faster here than rebuilding the
 *       exponent with vector integer operations.</li>
 * </ul>
 * Both agree bit for bit with {@link ElementType#widen} (tested over every 16-bit pattern).
 */
final class Widening {
    private static final VectorSpecies<Short> HALVES =
            VectorSpecies.of(short.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> INTS = SPECIES.withLanes(int.class);

    private Widening() {
    }

    /** Row {@code row} of W widened into {@code out[outOffset…]}. */
    static void widenRow(StoredMatrix w, int row, float[] out, int outOffset) {
        widenRange(w, row * w.columns(), out, outOffset, w.columns());
    }

    /** Elements [from, from + k) of W in row-major order (part of a row) widened into {@code out[outOffset…]}. */
    private static void widenRange(StoredMatrix w, int from, float[] out, int outOffset, int k) {
        if (w.type() == ElementType.F32) {
            w.copySingles(from, out, outOffset, k);
            return;
        }
        short[] bits = w.halves();
        if (bits == null) {
            // A mapped row is copied into this thread's buffer first: Java 21's Vector API loads from arrays only.
            bits = Scratch.bits(k);
            w.copyHalves(from, bits, 0, k);
            from = 0;
        }
        if (w.type() == ElementType.BF16) widenBfloat16(bits, from, out, outOffset, k);
        else widenHalf(bits, from, out, outOffset, k);
    }

    private static void widenBfloat16(short[] bits, int from, float[] out, int outOffset, int count) {
        int i = 0;
        for (int bound = SPECIES.loopBound(count); i < bound; i += LANES) {
            bfloat16s(bits, from + i).intoArray(out, outOffset + i);
        }
        for (; i < count; i++) out[outOffset + i] = Float.intBitsToFloat(bits[from + i] << 16);
    }

    private static void widenHalf(short[] bits, int from, float[] out, int outOffset, int count) {
        for (int i = 0; i < count; i++) out[outOffset + i] = Float.float16ToFloat(bits[from + i]);
    }

    /**
     * C[i][j] = A[i,:]·W[j,:] for every row i < m and W rows j in [from, to). From four rows of A
     * on, W rows are widened two at a time and multiplied by four rows of A at a time: each A load
     * feeds two FMAs (with one W row per step, five loads fed four FMAs, and batch-8 decoding was
     * bound by loads from L1). Below four rows
     * (decoding one to three sequences: a product bound by reading W), four W rows are widened at a
     * time and each A row is multiplied by the four together: one A row against one W row is a
     * single chain of dependent FMAs, which ran at a fifth of the four independent sums' speed.
     */
    static void multiplyFewRows(float[] a, int aOffset, StoredMatrix w, float[] c, int cOffset, int m,
                                boolean accumulate, int from, int to) {
        int n = w.rows();
        int k = w.columns();
        // Every type's rows are copied or widened into this buffer, f32 ones too: a weight in an array
        // and the same weight mapped then run the very same code and give the same bits.
        int j = from;
        if (m < 4 && w.type() == ElementType.BF16) {
            // Decoding: bound by reading W. The four rows' bits are widened in registers inside the dot
            // products, never written out as f32: a 4 × k float buffer is 78 KB for a 4,864-wide row,
            // more than L1 holds, and writing then re-reading it cost more than the conversion.
            short[] stored = w.halves();
            short[] bits = stored != null ? stored : Scratch.bits(4 * k);
            for (; j + 4 <= to; j += 4) {
                int at = j * k;
                if (stored == null) {
                    w.copyHalves(at, bits, 0, 4 * k);
                    at = 0;
                }
                for (int i = 0; i < m; i++) fourBfloat16Dots(a, aOffset + i * k, bits, at, k, c, cOffset + i * n + j, accumulate);
            }
        } else if (m < 4) {
            float[] rows = Scratch.rows(4 * k);
            for (; j + 4 <= to; j += 4) {
                for (int r = 0; r < 4; r++) widenRow(w, j + r, rows, r * k);
                for (int i = 0; i < m; i++) fourDots(a, aOffset + i * k, rows, 0, k, c, cOffset + i * n + j, 1, accumulate);
            }
        } else if (w.type() == ElementType.BF16) {
            // Batches of 4–16: the two rows' bits widen in registers too, once per group of four A rows.
            short[] stored = w.halves();
            short[] bits = stored != null ? stored : Scratch.bits(2 * k);
            float[] rows = null;
            for (; j + 2 <= to; j += 2) {
                int at = j * k;
                if (stored == null) {
                    w.copyHalves(at, bits, 0, 2 * k);
                    at = 0;
                }
                int i = 0;
                for (; i + 4 <= m; i += 4) multiplyFourRowsByTwoBfloat16(a, aOffset + i * k, bits, at, k, c, cOffset + i * n + j, n, accumulate);
                if (i < m) {
                    // The rows' bits are already here: widened from them, not read from W a second time.
                    if (rows == null) rows = Scratch.rows(2 * k);
                    widenBfloat16(bits, at, rows, 0, 2 * k);
                    for (; i < m; i++) {
                        multiplyOneRow(a, aOffset + i * k, rows, 0, k, c, cOffset + i * n + j, accumulate);
                        multiplyOneRow(a, aOffset + i * k, rows, k, k, c, cOffset + i * n + j + 1, accumulate);
                    }
                }
            }
        } else {
            float[] rows = Scratch.rows(2 * k);
            for (; j + 2 <= to; j += 2) {
                widenRow(w, j, rows, 0);
                widenRow(w, j + 1, rows, k);
                int i = 0;
                for (; i + 4 <= m; i += 4) multiplyFourRowsByTwo(a, aOffset + i * k, rows, k, c, cOffset + i * n + j, n, accumulate);
                for (; i < m; i++) {
                    multiplyOneRow(a, aOffset + i * k, rows, 0, k, c, cOffset + i * n + j, accumulate);
                    multiplyOneRow(a, aOffset + i * k, rows, k, k, c, cOffset + i * n + j + 1, accumulate);
                }
            }
        }
        float[] row = Scratch.rows(k);
        for (; j < to; j++) {
            widenRow(w, j, row, 0);
            int i = 0;
            for (; i + 4 <= m; i += 4) fourDots(row, 0, a, aOffset + i * k, k, c, cOffset + i * n + j, n, accumulate);
            for (; i < m; i++) multiplyOneRow(a, aOffset + i * k, row, 0, k, c, cOffset + i * n + j, accumulate);
        }
    }

    /**
     * Four dot products of length k sharing one side: {@code shared[s0, s0+k)} against
     * {@code four[f0 + i·k, f0 + i·k + k)} for i = 0..3, into C at cAt + i·cStride. The shared vector is
     * loaded once per step for four FMAs, each into its own sum. One row of A against four weight rows
     * (C's columns, stride 1) and four rows of A against one weight row (C's rows, stride n) are both this;
     * the products are the same either way round, so so are the bits.
     */
    private static void fourDots(float[] shared, int s0, float[] four, int f0, int k, float[] c, int cAt, int cStride,
                                 boolean accumulate) {
        int f1 = f0 + k;
        int f2 = f1 + k;
        int f3 = f2 + k;
        FloatVector sum0 = FloatVector.zero(SPECIES);
        FloatVector sum1 = FloatVector.zero(SPECIES);
        FloatVector sum2 = FloatVector.zero(SPECIES);
        FloatVector sum3 = FloatVector.zero(SPECIES);
        int kk = 0;
        for (int bound = SPECIES.loopBound(k); kk < bound; kk += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, shared, s0 + kk);
            sum0 = FloatVector.fromArray(SPECIES, four, f0 + kk).fma(x, sum0);
            sum1 = FloatVector.fromArray(SPECIES, four, f1 + kk).fma(x, sum1);
            sum2 = FloatVector.fromArray(SPECIES, four, f2 + kk).fma(x, sum2);
            sum3 = FloatVector.fromArray(SPECIES, four, f3 + kk).fma(x, sum3);
        }
        float r0 = TierExact.sum(sum0);
        float r1 = TierExact.sum(sum1);
        float r2 = TierExact.sum(sum2);
        float r3 = TierExact.sum(sum3);
        for (; kk < k; kk++) {
            float x = shared[s0 + kk];
            r0 += four[f0 + kk] * x;
            r1 += four[f1 + kk] * x;
            r2 += four[f2 + kk] * x;
            r3 += four[f3 + kk] * x;
        }
        store(c, cAt, r0, accumulate);
        store(c, cAt + cStride, r1, accumulate);
        store(c, cAt + 2 * cStride, r2, accumulate);
        store(c, cAt + 3 * cStride, r3, accumulate);
    }

    /**
     * {@link #fourDots} of one row of A against four consecutive bf16 weight rows
     * {@code bits[b0 + i·k, b0 + i·k + k)}, each widened in registers as it is loaded: the same
     * products in the same order as widening into a buffer first, so the same bits.
     */
    private static void fourBfloat16Dots(float[] a, int a0, short[] bits, int b0, int k, float[] c, int cAt, boolean accumulate) {
        int b1 = b0 + k;
        int b2 = b1 + k;
        int b3 = b2 + k;
        FloatVector sum0 = FloatVector.zero(SPECIES);
        FloatVector sum1 = FloatVector.zero(SPECIES);
        FloatVector sum2 = FloatVector.zero(SPECIES);
        FloatVector sum3 = FloatVector.zero(SPECIES);
        int kk = 0;
        for (int bound = SPECIES.loopBound(k); kk < bound; kk += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, a0 + kk);
            sum0 = bfloat16s(bits, b0 + kk).fma(x, sum0);
            sum1 = bfloat16s(bits, b1 + kk).fma(x, sum1);
            sum2 = bfloat16s(bits, b2 + kk).fma(x, sum2);
            sum3 = bfloat16s(bits, b3 + kk).fma(x, sum3);
        }
        float r0 = TierExact.sum(sum0);
        float r1 = TierExact.sum(sum1);
        float r2 = TierExact.sum(sum2);
        float r3 = TierExact.sum(sum3);
        for (; kk < k; kk++) {
            float x = a[a0 + kk];
            r0 += Float.intBitsToFloat(bits[b0 + kk] << 16) * x;
            r1 += Float.intBitsToFloat(bits[b1 + kk] << 16) * x;
            r2 += Float.intBitsToFloat(bits[b2 + kk] << 16) * x;
            r3 += Float.intBitsToFloat(bits[b3 + kk] << 16) * x;
        }
        store(c, cAt, r0, accumulate);
        store(c, cAt + 1, r1, accumulate);
        store(c, cAt + 2, r2, accumulate);
        store(c, cAt + 3, r3, accumulate);
    }

    /** One vector of bf16 values from {@code bits[at…]} as f32: sign-extended to 32 bits, shifted into the top half. */
    private static FloatVector bfloat16s(short[] bits, int at) {
        IntVector lanes = (IntVector) ShortVector.fromArray(HALVES, bits, at).convertShape(VectorOperators.S2I, INTS, 0);
        return lanes.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /**
     * Rows a0, a0+k, a0+2k, a0+3k of A against the two weight rows w[0, k) and w[k, 2k), into C at
     * cAt, cAt+n, cAt+2n, cAt+3n and one column to the right of each: eight independent sums.
     */
    private static void multiplyFourRowsByTwo(float[] a, int a0, float[] w, int k, float[] c, int cAt, int n,
                                              boolean accumulate) {
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = FloatVector.zero(SPECIES);
        FloatVector s10 = FloatVector.zero(SPECIES);
        FloatVector s11 = FloatVector.zero(SPECIES);
        FloatVector s20 = FloatVector.zero(SPECIES);
        FloatVector s21 = FloatVector.zero(SPECIES);
        FloatVector s30 = FloatVector.zero(SPECIES);
        FloatVector s31 = FloatVector.zero(SPECIES);
        int kk = 0;
        for (int bound = SPECIES.loopBound(k); kk < bound; kk += LANES) {
            FloatVector first = FloatVector.fromArray(SPECIES, w, kk);
            FloatVector second = FloatVector.fromArray(SPECIES, w, k + kk);
            FloatVector x = FloatVector.fromArray(SPECIES, a, a0 + kk);
            s00 = x.fma(first, s00);
            s01 = x.fma(second, s01);
            x = FloatVector.fromArray(SPECIES, a, a1 + kk);
            s10 = x.fma(first, s10);
            s11 = x.fma(second, s11);
            x = FloatVector.fromArray(SPECIES, a, a2 + kk);
            s20 = x.fma(first, s20);
            s21 = x.fma(second, s21);
            x = FloatVector.fromArray(SPECIES, a, a3 + kk);
            s30 = x.fma(first, s30);
            s31 = x.fma(second, s31);
        }
        float[] sums = {
            TierExact.sum(s00), TierExact.sum(s01),
            TierExact.sum(s10), TierExact.sum(s11),
            TierExact.sum(s20), TierExact.sum(s21),
            TierExact.sum(s30), TierExact.sum(s31)};
        for (; kk < k; kk++) {
            for (int r = 0; r < 4; r++) {
                float x = a[a0 + r * k + kk];
                sums[2 * r] += x * w[kk];
                sums[2 * r + 1] += x * w[k + kk];
            }
        }
        for (int r = 0; r < 4; r++) {
            store(c, cAt + r * n, sums[2 * r], accumulate);
            store(c, cAt + r * n + 1, sums[2 * r + 1], accumulate);
        }
    }


    /** {@link #multiplyFourRowsByTwo} with the two weight rows as bf16 bits at b0 and b0 + k, widened in registers. */
    private static void multiplyFourRowsByTwoBfloat16(float[] a, int a0, short[] bits, int b0, int k, float[] c, int cAt, int n,
                                                      boolean accumulate) {
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = FloatVector.zero(SPECIES);
        FloatVector s10 = FloatVector.zero(SPECIES);
        FloatVector s11 = FloatVector.zero(SPECIES);
        FloatVector s20 = FloatVector.zero(SPECIES);
        FloatVector s21 = FloatVector.zero(SPECIES);
        FloatVector s30 = FloatVector.zero(SPECIES);
        FloatVector s31 = FloatVector.zero(SPECIES);
        int kk = 0;
        for (int bound = SPECIES.loopBound(k); kk < bound; kk += LANES) {
            FloatVector first = bfloat16s(bits, b0 + kk);
            FloatVector second = bfloat16s(bits, b0 + k + kk);
            FloatVector x = FloatVector.fromArray(SPECIES, a, a0 + kk);
            s00 = x.fma(first, s00);
            s01 = x.fma(second, s01);
            x = FloatVector.fromArray(SPECIES, a, a1 + kk);
            s10 = x.fma(first, s10);
            s11 = x.fma(second, s11);
            x = FloatVector.fromArray(SPECIES, a, a2 + kk);
            s20 = x.fma(first, s20);
            s21 = x.fma(second, s21);
            x = FloatVector.fromArray(SPECIES, a, a3 + kk);
            s30 = x.fma(first, s30);
            s31 = x.fma(second, s31);
        }
        float[] sums = {
            TierExact.sum(s00), TierExact.sum(s01),
            TierExact.sum(s10), TierExact.sum(s11),
            TierExact.sum(s20), TierExact.sum(s21),
            TierExact.sum(s30), TierExact.sum(s31)};
        for (; kk < k; kk++) {
            float first = Float.intBitsToFloat(bits[b0 + kk] << 16);
            float second = Float.intBitsToFloat(bits[b0 + k + kk] << 16);
            for (int r = 0; r < 4; r++) {
                float x = a[a0 + r * k + kk];
                sums[2 * r] += x * first;
                sums[2 * r + 1] += x * second;
            }
        }
        for (int r = 0; r < 4; r++) {
            store(c, cAt + r * n, sums[2 * r], accumulate);
            store(c, cAt + r * n + 1, sums[2 * r + 1], accumulate);
        }
    }

    /** One row of A against one weight row, with two accumulators so consecutive FMAs do not wait on each other. */
    private static void multiplyOneRow(float[] a, int a0, float[] w, int w0, int k, float[] c, int cAt, boolean accumulate) {
        FloatVector even = FloatVector.zero(SPECIES);
        FloatVector odd = FloatVector.zero(SPECIES);
        int kk = 0;
        for (int bound = k - 2 * LANES; kk <= bound; kk += 2 * LANES) {
            even = FloatVector.fromArray(SPECIES, a, a0 + kk).fma(FloatVector.fromArray(SPECIES, w, w0 + kk), even);
            odd = FloatVector.fromArray(SPECIES, a, a0 + kk + LANES).fma(FloatVector.fromArray(SPECIES, w, w0 + kk + LANES), odd);
        }
        for (int bound = SPECIES.loopBound(k); kk < bound; kk += LANES) {
            even = FloatVector.fromArray(SPECIES, a, a0 + kk).fma(FloatVector.fromArray(SPECIES, w, w0 + kk), even);
        }
        float result = TierExact.sum(even.add(odd));
        for (; kk < k; kk++) result += a[a0 + kk] * w[w0 + kk];
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

    /**
     * Columns [first, first + width) of W — columns of op(B) = W, for {@code C = A · W} — widened into
     * panels of {@link VectorKernels#PANEL} columns as {@link VectorKernels#pack} lays out an
     * untransposed B, the last panel zero-padded. Each W row's slice is widened once, contiguously.
     */
    static void packColumnPanels(StoredMatrix w, int first, int width, float[] packed) {
        int k = w.rows();
        int n = w.columns();
        int panels = (width + PANEL - 1) / PANEL;
        if (width % PANEL != 0) java.util.Arrays.fill(packed, (panels - 1) * k * PANEL, panels * k * PANEL, 0f);
        float[] slice = new float[width];
        for (int kk = 0; kk < k; kk++) {
            widenRange(w, kk * n + first, slice, 0, width);
            for (int p = 0; p < panels; p++) {
                int count = Math.min(PANEL, width - p * PANEL);
                System.arraycopy(slice, p * PANEL, packed, p * k * PANEL + kk * PANEL, count);
            }
        }
    }

    /** Per-thread buffers for a mapped row's bits and for widened rows, grown on demand, so products allocate nothing in steady state. */
    private static final class Scratch {
        private static final ThreadLocal<short[]> BITS = ThreadLocal.withInitial(() -> new short[0]);
        private static final ThreadLocal<float[]> ROWS = ThreadLocal.withInitial(() -> new float[0]);

        static float[] rows(int size) {
            float[] buffer = ROWS.get();
            if (buffer.length < size) {
                buffer = new float[size];
                ROWS.set(buffer);
            }
            return buffer;
        }

        static short[] bits(int size) {
            short[] buffer = BITS.get();
            if (buffer.length < size) {
                buffer = new short[size];
                BITS.set(buffer);
            }
            return buffer;
        }
    }
}
