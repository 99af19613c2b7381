package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import java.util.Arrays;

/**
 * Causal self-attention with grouped key/value heads and rotary positions, over each sequence's
 * {@link KeyValueCache}. For the rows a sequence appends at positions [p₀, p₀ + rows), query head h
 * reads key/value head g = h / (heads / key-value heads), and with d the head size:
 * <pre>
 *   S = Q_h·K_gᵀ / √d      (rows × p₀+rows; row i sees positions ≤ p₀ + i, the rest masked)
 *   P = softmax(S)        C_h = P·V_g        y = C·W_oᵀ
 * </pre>
 * The projections run on the whole batch's rows at once; the (sequence, head) pairs are spread
 * over the kernels' threads, each head's products running on its sequence's cache in place.
 */
record GroupedQueryAttention(Projection query, Projection key, Projection value, Projection output,
                             RotaryEmbedding rotary, int heads, int keyValueHeads, int headSize) {

    /** x (rows, hidden), already normalised → (rows, hidden); stores this layer's keys and values in each sequence's cache. */
    float[] apply(Kernels kernels, float[] x, SequenceBatch batch, int layer) {
        int rows = batch.rows();
        float[] q = query.apply(kernels, x, rows);                                   // (rows, heads·d)
        float[] k = key.apply(kernels, x, rows);                                     // (rows, kvHeads·d)
        float[] v = value.apply(kernels, x, rows);                                   // (rows, kvHeads·d)
        for (int s = 0; s < batch.size(); s++) {
            KeyValueCache cache = batch.cache(s);
            rotary.rotate(q, batch.firstRow(s), batch.rows(s), heads, cache.length());
            rotary.rotate(k, batch.firstRow(s), batch.rows(s), keyValueHeads, cache.length());
            cache.store(layer, k, v, batch.firstRow(s), batch.rows(s));
        }
        float[] context = attend(kernels, q, batch, layer);                          // (rows, heads·d)
        return output.apply(kernels, context, rows);                                 // (rows, hidden)
    }

    /** The context of every sequence's rows just stored, whose queries are q (rows, heads·d). */
    private float[] attend(Kernels kernels, float[] q, SequenceBatch batch, int layer) {
        int group = heads / keyValueHeads;
        float scale = (float) Math.pow(headSize, -0.5);
        float[] context = new float[batch.rows() * heads * headSize];
        int longest = batch.longest();
        kernels.forEachRange(batch.size() * heads, (from, to) -> {
            float[] qh = new float[longest * headSize];
            float[] ch = new float[longest * headSize];
            float[] scores = new float[0];
            for (int item = from; item < to; item++) {
                int s = item / heads;
                int h = item % heads;
                KeyValueCache cache = batch.cache(s);
                int first = batch.firstRow(s);
                int rows = batch.rows(s);
                int start = cache.length();
                int positions = start + rows;
                if (scores.length < rows * positions) scores = new float[rows * positions];
                int cached = cache.offset(h / group, 0);
                for (int r = 0; r < rows; r++) System.arraycopy(q, ((first + r) * heads + h) * headSize, qh, r * headSize, headSize);
                kernels.matmul(qh, 0, false, cache.keys(layer), cached, true, scores, 0, rows, positions, headSize, false); // (rows, positions)
                for (int i = 0; i < rows; i++) {
                    int visible = start + i + 1;
                    int base = i * positions;
                    for (int j = 0; j < visible; j++) scores[base + j] *= scale;
                    kernels.softmaxRows(scores, base, 1, visible);
                    Arrays.fill(scores, base + visible, base + positions, 0f);                                       // causal mask
                }
                kernels.matmul(scores, 0, false, cache.values(layer), cached, false, ch, 0, rows, headSize, positions, false); // (rows, d)
                for (int r = 0; r < rows; r++) System.arraycopy(ch, r * headSize, context, ((first + r) * heads + h) * headSize, headSize);
            }
        });
        return context;
    }

    long bytes() {
        return query.bytes() + key.bytes() + value.bytes() + output.bytes();
    }
}
