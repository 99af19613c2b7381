package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import java.util.Arrays;

/**
 * Causal self-attention with grouped key/value heads and rotary positions, over a
 * {@link KeyValueCache}. For the rows being appended at positions [p₀, p₀ + rows), query head h
 * reads key/value head g = h / (heads / key-value heads), and with d the head size:
 * <pre>
 *   S = Q_h·K_gᵀ / √d      (rows × p₀+rows; row i sees positions ≤ p₀ + i, the rest masked)
 *   P = softmax(S)        C_h = P·V_g        y = C·W_oᵀ
 * </pre>
 * Heads are spread over the kernels' threads; each head's products run on the cache in place.
 */
record GroupedQueryAttention(Projection query, Projection key, Projection value, Projection output,
                             RotaryEmbedding rotary, int heads, int keyValueHeads, int headSize) {

    /** x (rows, hidden), already normalised → (rows, hidden); stores this layer's keys and values in the cache. */
    float[] apply(Kernels kernels, float[] x, int rows, KeyValueCache cache, int layer) {
        int start = cache.length();
        float[] q = query.apply(kernels, x, rows);                                   // (rows, heads·d)
        float[] k = key.apply(kernels, x, rows);                                     // (rows, kvHeads·d)
        float[] v = value.apply(kernels, x, rows);                                   // (rows, kvHeads·d)
        rotary.rotate(q, rows, heads, start);
        rotary.rotate(k, rows, keyValueHeads, start);
        cache.store(layer, k, v, rows);
        float[] context = attend(kernels, q, rows, cache, layer);                    // (rows, heads·d)
        return output.apply(kernels, context, rows);                                 // (rows, hidden)
    }

    /** The context of the rows just stored, whose queries are q (rows, heads·d). */
    private float[] attend(Kernels kernels, float[] q, int rows, KeyValueCache cache, int layer) {
        int start = cache.length();
        int positions = start + rows;
        float[] keys = cache.keys(layer);
        float[] values = cache.values(layer);
        int group = heads / keyValueHeads;
        float scale = (float) Math.pow(headSize, -0.5);
        float[] context = new float[rows * heads * headSize];
        kernels.forEachRange(heads, (from, to) -> {
            float[] qh = new float[rows * headSize];
            float[] scores = new float[rows * positions];
            float[] ch = new float[rows * headSize];
            for (int h = from; h < to; h++) {
                int cached = cache.offset(h / group, 0);
                for (int r = 0; r < rows; r++) System.arraycopy(q, (r * heads + h) * headSize, qh, r * headSize, headSize);
                kernels.matmul(qh, 0, false, keys, cached, true, scores, 0, rows, positions, headSize, false);   // (rows, positions)
                for (int i = 0; i < rows; i++) {
                    int visible = start + i + 1;
                    int base = i * positions;
                    for (int j = 0; j < visible; j++) scores[base + j] *= scale;
                    kernels.softmaxRows(scores, base, 1, visible);
                    Arrays.fill(scores, base + visible, base + positions, 0f);                                  // causal mask
                }
                kernels.matmul(scores, 0, false, values, cached, false, ch, 0, rows, headSize, positions, false); // (rows, d)
                for (int r = 0; r < rows; r++) System.arraycopy(ch, r * headSize, context, (r * heads + h) * headSize, headSize);
            }
        });
        return context;
    }

    long bytes() {
        return query.bytes() + key.bytes() + value.bytes() + output.bytes();
    }
}
