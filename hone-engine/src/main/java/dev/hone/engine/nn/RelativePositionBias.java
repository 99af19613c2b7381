package dev.hone.engine.nn;

import dev.hone.engine.tensor.Tensor;

/**
 * MPNet's relative position bias: a learned (buckets × heads) table, looked up by the bucket of
 * each key position's distance from the query position and added to every layer's attention
 * scores. Buckets are T5's bidirectional ones: half for keys after the query, half for keys
 * before; within a half, distances below a quarter of the buckets get a bucket each, longer ones
 * share logarithmically sized buckets up to {@link #MAX_DISTANCE}, beyond which all share the last.
 * The arithmetic is in f32 as the reference does it, so distances on a bucket boundary land alike.
 */
public record RelativePositionBias(Tensor table, int buckets, int heads) {
    /** Distances from this on share the last bucket of their direction. */
    public static final int MAX_DISTANCE = 128;

    public RelativePositionBias {
        if (table.size() != (long) buckets * heads) {
            throw new IllegalArgumentException("relative attention bias must be (" + buckets + " × " + heads + "), has "
                    + table.size() + " values");
        }
    }

    /** The bias of every head for a sequence of {@code seq} tokens: (heads × seq × seq), query rows, key columns. */
    public float[] forSequence(int seq) {
        float[] bias = new float[heads * seq * seq];
        float[] values = table.data();
        for (int i = 0; i < seq; i++) {
            for (int j = 0; j < seq; j++) {
                int bucket = bucket(j - i, buckets);
                for (int h = 0; h < heads; h++) bias[(h * seq + i) * seq + j] = values[bucket * heads + h];
            }
        }
        return bias;
    }

    /** The bucket of key position minus query position (also what an ONNX export looks its table up by). */
    public static int bucket(int relativePosition, int buckets) {
        int half = buckets / 2;
        int distance = -relativePosition;
        int bucket = distance < 0 ? half : 0;
        distance = Math.abs(distance);
        int maxExact = half / 2;
        if (distance < maxExact) return bucket + distance;
        float logRatio = (float) Math.log((float) distance / maxExact);
        float scaled = logRatio / (float) Math.log((double) MAX_DISTANCE / maxExact) * (half - maxExact);
        return bucket + Math.min(maxExact + (int) scaled, half - 1);
    }
}
