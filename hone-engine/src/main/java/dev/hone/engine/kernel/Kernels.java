package dev.hone.engine.kernel;

/**
 * Array-level compute kernels on row-major f32 data. Two implementations exist and are tested
 * against each other: {@link ReferenceKernels} (plain scalar Java, the definition of correct) and
 * {@link VectorKernels} (Vector API, blocked and multi-threaded: the production path).
 * {@link KernelSelection} chooses one for the running JVM.
 *
 * <p>Offsets let callers address a slice of a larger buffer (one batch item, one head) without copying.
 */
public interface Kernels {

    /**
     * {@code C = op(A) · op(B)} (or {@code C += …} when {@code accumulate}), where op(A) is m×k and
     * op(B) is k×n. Without transposition A is stored m×k and B k×n; with it, A is stored k×m and
     * B n×k (the layout of an nn.Linear weight, so {@code x · Wᵀ} needs no copy).
     */
    void matmul(float[] a, int aOffset, boolean transposeA,
                float[] b, int bOffset, boolean transposeB,
                float[] c, int cOffset, int m, int n, int k, boolean accumulate);

    /** op(B) (k × n, stored as for {@link #matmul}) rearranged for repeated products with it. */
    PackedMatrix pack(float[] b, int bOffset, boolean transposeB, int k, int n);

    /** {@code C = op(A) · B} (or {@code C += …}) with B packed by {@link #pack} on these kernels. */
    void matmul(float[] a, int aOffset, boolean transposeA, PackedMatrix b,
                float[] c, int cOffset, int m, boolean accumulate);

    /**
     * {@code C = A · Wᵀ} (or {@code C += …} when {@code accumulate}): A is m × W.columns() in f32, W is
     * a weight stored (out × in) in its own element type, widened to f32 inside the product, and C is
     * m × W.rows(). The product of a linear layer whose weight stays in its checkpoint's width.
     */
    void matmul(float[] a, int aOffset, StoredMatrix w, float[] c, int cOffset, int m, boolean accumulate);

    /**
     * {@code C = A · W} (or {@code C += …}): A is m × W.rows() in f32, W a weight stored (out × in) in
     * its own element type and widened inside the product, C is m × W.columns(). The backward of a
     * linear layer with a frozen stored weight, {@code dx = dy · W}, without an f32 copy of W.
     */
    void matmulUntransposed(float[] a, int aOffset, StoredMatrix w, float[] c, int cOffset, int m, boolean accumulate);

    /** Row {@code row} of W widened to f32 into {@code out[outOffset…]} (an embedding lookup). */
    void widenRow(StoredMatrix w, int row, float[] out, int outOffset);

    /** {@code Σ a[i]·b[i]} over n elements. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int n);

    /** {@code y[i] += alpha · x[i]} over n elements. */
    void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n);

    /** Adds the row vector {@code bias[0..cols)} to each of {@code rows} rows of x, in place. */
    void addBias(float[] x, int xOffset, int rows, int cols, float[] bias);

    /** Exact GELU, {@code y = x·Φ(x) = 0.5·x·(1 + erf(x/√2))}, over n elements (x and y may alias). */
    void gelu(float[] x, int xOffset, float[] y, int yOffset, int n);

    /** GELU's backward: {@code dx[i] += dy[i] · (Φ(x) + x·φ(x))} over n elements, x the op's input. */
    void geluBackward(float[] x, float[] dy, float[] dx, int n);

    /**
     * LayerNorm of each row: {@code y = (x − mean) / sqrt(var + eps) · gamma + beta}.
     * Writes each row's mean and 1/sqrt(var + eps) into {@code mean} and {@code inverseStd}
     * (length rows) for the backward pass; either may be null in inference.
     */
    void layerNorm(float[] x, int rows, int cols, float[] gamma, float[] beta, float eps,
                   float[] y, float[] mean, float[] inverseStd);

    /** Softmax of each row in place, over {@code cols} elements (numerically stable: max subtracted). */
    void softmaxRows(float[] x, int xOffset, int rows, int cols);

    /** Number of threads this instance may use. */
    int threads();

    /**
     * Splits [0, items) into one contiguous range per thread, runs {@code body} on each on this
     * instance's threads and waits for all of them. Kernels called from inside a range run on that
     * range's thread alone.
     */
    void forEachRange(int items, ComputePool.Range body);
}
