package dev.hone.engine.kernel;

import java.util.Arrays;

/**
 * The scalar definition of every kernel: straightforward loops, accumulated in double where
 * that makes the result a better oracle. Tests compare {@link VectorKernels} to it, and it is what
 * Hone computes with on a JVM started without the Vector API ({@link KernelSelection}).
 *
 * <p>With more than one thread, products split their rows over a {@link ComputePool}: every output
 * element is still the same sum in the same order, so the result does not depend on the thread
 * count. Element-wise kernels run on the calling thread.
 */
public final class ReferenceKernels implements Kernels, AutoCloseable {
    /** Below this many multiply-adds a product runs on the calling thread only. */
    private static final long PARALLEL_THRESHOLD = 1L << 16;

    private final ComputePool pool;

    /** Single-threaded: the oracle the tests compare with. */
    public ReferenceKernels() {
        this(1);
    }

    /** Products split over {@code threads} threads (the calling one included). */
    public ReferenceKernels(int threads) {
        this.pool = new ComputePool(threads);
    }

    @Override
    public void matmul(float[] a, int aOffset, boolean transposeA,
                       float[] b, int bOffset, boolean transposeB,
                       float[] c, int cOffset, int m, int n, int k, boolean accumulate) {
        forEachRow(m, (long) m * n * k, (from, to) -> {
            double[] sums = new double[n];
            for (int i = from; i < to; i++) {
                Arrays.fill(sums, 0);
                if (transposeB) {
                    // B stored (n × k): each sum runs along a row of A and a row of B.
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int p = 0; p < k; p++) {
                            float av = transposeA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                            sum += (double) av * b[bOffset + j * k + p];
                        }
                        sums[j] = sum;
                    }
                } else {
                    // B stored (k × n): row i's n sums advance together, one row of B at a time (the same
                    // additions in the same order as one sum at a time, reading B along its rows).
                    for (int p = 0; p < k; p++) {
                        double av = transposeA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                        int row = bOffset + p * n;
                        for (int j = 0; j < n; j++) sums[j] += av * b[row + j];
                    }
                }
                store(sums, c, cOffset + i * n, accumulate);
            }
        });
    }

    @Override
    public PackedMatrix pack(float[] b, int bOffset, boolean transposeB, int k, int n) {
        float[] values = new float[k * n];
        for (int kk = 0; kk < k; kk++) {
            for (int j = 0; j < n; j++) values[kk * n + j] = transposeB ? b[bOffset + j * k + kk] : b[bOffset + kk * n + j];
        }
        return new PackedMatrix(this, k, n, values);
    }

    @Override
    public void matmul(float[] a, int aOffset, boolean transposeA, PackedMatrix b, float[] c, int cOffset, int m,
                       boolean accumulate) {
        b.checkOwner(this);
        matmul(a, aOffset, transposeA, b.values(), 0, false, c, cOffset, m, b.n(), b.k(), accumulate);
    }

    @Override
    public void matmul(float[] a, int aOffset, StoredMatrix w, float[] c, int cOffset, int m, boolean accumulate) {
        int n = w.rows();
        int k = w.columns();
        forEachRow(m, (long) m * n * k, (from, to) -> {
            double[] sums = new double[n];
            float[] weights = new float[k];
            for (int i = from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    widenRow(w, j, weights, 0);
                    double sum = 0;
                    for (int p = 0; p < k; p++) sum += (double) a[aOffset + i * k + p] * weights[p];
                    sums[j] = sum;
                }
                store(sums, c, cOffset + i * n, accumulate);
            }
        });
    }

    @Override
    public void matmulUntransposed(float[] a, int aOffset, StoredMatrix w, float[] c, int cOffset, int m, boolean accumulate) {
        int k = w.rows();
        int n = w.columns();
        forEachRow(m, (long) m * n * k, (from, to) -> {
            double[] sums = new double[n];
            float[] weights = new float[n];
            for (int i = from; i < to; i++) {
                Arrays.fill(sums, 0);
                for (int p = 0; p < k; p++) {
                    widenRow(w, p, weights, 0);
                    double av = a[aOffset + i * k + p];
                    for (int j = 0; j < n; j++) sums[j] += av * weights[j];
                }
                store(sums, c, cOffset + i * n, accumulate);
            }
        });
    }

    /** Rows [from, to) of a product, split over the pool when the product has {@code work} multiply-adds or more. */
    private void forEachRow(int m, long work, ComputePool.Range rows) {
        if (work < PARALLEL_THRESHOLD || pool.threads() == 1) {
            rows.run(0, m);
        } else {
            pool.forEachRange(m, pool.threads(), 1, rows);
        }
    }

    /** One row of C: the sums rounded to f32, written or added. */
    private static void store(double[] sums, float[] c, int at, boolean accumulate) {
        for (int j = 0; j < sums.length; j++) c[at + j] = accumulate ? (float) (c[at + j] + sums[j]) : (float) sums[j];
    }

    @Override
    public void widenRow(StoredMatrix w, int row, float[] out, int outOffset) {
        for (int j = 0; j < w.columns(); j++) out[outOffset + j] = w.get(row, j);
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += (double) a[aOffset + i] * b[bOffset + i];
        return (float) sum;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        for (int i = 0; i < n; i++) y[yOffset + i] += alpha * x[xOffset + i];
    }

    @Override
    public void addBias(float[] x, int xOffset, int rows, int cols, float[] bias) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) x[xOffset + r * cols + j] += bias[j];
        }
    }

    @Override
    public void gelu(float[] x, int xOffset, float[] y, int yOffset, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOffset + i];
            y[yOffset + i] = (float) (0.5 * v * (1 + Erf.erf(v / Math.sqrt(2))));
        }
    }

    @Override
    public void geluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double cdf = 0.5 * (1 + Erf.erf(v / Math.sqrt(2)));
            double pdf = Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
            dx[i] += (float) (dy[i] * (cdf + v * pdf));
        }
    }

    @Override
    public void layerNorm(float[] x, int rows, int cols, float[] gamma, float[] beta, float eps,
                          float[] y, float[] mean, float[] inverseStd) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += x[base + j];
            double mu = sum / cols;
            double squares = 0;
            for (int j = 0; j < cols; j++) {
                double d = x[base + j] - mu;
                squares += d * d;
            }
            double rstd = 1 / Math.sqrt(squares / cols + eps);
            for (int j = 0; j < cols; j++) {
                y[base + j] = (float) ((x[base + j] - mu) * rstd * gamma[j] + beta[j]);
            }
            if (mean != null) mean[r] = (float) mu;
            if (inverseStd != null) inverseStd[r] = (float) rstd;
        }
    }

    @Override
    public void softmaxRows(float[] x, int xOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = xOffset + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[base + j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(x[base + j] - max);
                x[base + j] = (float) e;
                sum += e;
            }
            for (int j = 0; j < cols; j++) x[base + j] = (float) (x[base + j] / sum);
        }
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public void forEachRange(int items, ComputePool.Range body) {
        if (items > 0) pool.forEachRange(items, pool.threads(), 1, body);
    }

    @Override
    public void close() {
        pool.close();
    }
}
