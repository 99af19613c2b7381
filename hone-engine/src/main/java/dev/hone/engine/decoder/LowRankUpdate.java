package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;

/**
 * A LoRA adapter as inference applies it, unmerged: {@code y += scale·(x·Aᵀ)·Bᵀ} with A (rank × in)
 * and B (out × rank) in f32. The base weight stays as stored (mapped, in its width); the update
 * costs 2·rank·(in + out) multiply-adds per row, a few percent of the base product at usual ranks.
 */
record LowRankUpdate(float[] a, float[] b, int rank, int in, int out, float scale) {
    LowRankUpdate {
        if (a.length != rank * in || b.length != out * rank) {
            throw new IllegalArgumentException("a rank-" + rank + " update of " + out + " x " + in + " needs A of " + rank * in
                    + " and B of " + out * rank + " values, got " + a.length + " and " + b.length);
        }
    }

    /** Adds the update of x (rows × in) to y (rows × out). */
    void addTo(Kernels kernels, float[] x, int rows, float[] y) {
        float[] low = new float[rows * rank];                                                  // (rows, rank)
        kernels.matmul(x, 0, false, a, 0, true, low, 0, rows, rank, in, false);
        for (int i = 0; i < low.length; i++) low[i] *= scale;
        kernels.matmul(low, 0, false, b, 0, true, y, 0, rows, out, rank, true);                // y += s·(x·Aᵀ)·Bᵀ
    }
}
