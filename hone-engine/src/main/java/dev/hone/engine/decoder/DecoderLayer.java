package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;

/** One pre-norm block of a Llama-family decoder: attention, then the MLP, each added to the residual stream. */
record DecoderLayer(RmsNorm inputNorm, GroupedQueryAttention attention, RmsNorm postAttentionNorm,
                    SwiGluFeedForward feedForward) {

    /**
     * x: (rows, hidden), the residual stream of the batch's rows, updated in place; {@code layer} is
     * this block's index, which addresses its part of each sequence's cache.
     */
    void apply(Kernels kernels, float[] x, SequenceBatch batch, int layer) {
        int rows = batch.rows();
        float[] attended = attention.apply(kernels, inputNorm.apply(kernels, x, rows), batch, layer);        // (rows, hidden)
        kernels.axpy(1f, attended, 0, x, 0, x.length);                                                        // x = x + attention(norm(x))
        float[] transformed = feedForward.apply(kernels, postAttentionNorm.apply(kernels, x, rows), rows);  // (rows, hidden)
        kernels.axpy(1f, transformed, 0, x, 0, x.length);                                                     // x = x + mlp(norm(x))
    }

    long bytes() {
        return 4L * inputNorm.weight().length + attention.bytes() + 4L * postAttentionNorm.weight().length + feedForward.bytes();
    }
}
