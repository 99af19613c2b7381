package dev.hone.engine.decoder;

/**
 * The keys and values every layer has computed for one sequence so far, so that each new token
 * attends to them without recomputing them. Per layer there is one array of keys and one of
 * values, laid out (key/value head, position, head size): a head's keys are one contiguous
 * (capacity × head size) block, so attention multiplies by them in place. Capacity doubles as
 * the sequence grows, up to the model's longest sequence.
 */
final class KeyValueCache {
    private static final int INITIAL_CAPACITY = 64;

    private final int heads;
    private final int headSize;
    private final int limit;
    private final float[][] keys;
    private final float[][] values;
    private int capacity;
    private int length;

    KeyValueCache(int layers, int heads, int headSize, int limit) {
        this.heads = heads;
        this.headSize = headSize;
        this.limit = limit;
        this.keys = new float[layers][0];
        this.values = new float[layers][0];
    }

    /** Positions filled: the tokens the sequence holds. */
    int length() {
        return length;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }

    /** Where (head, position) starts in a layer's keys or values. */
    int offset(int head, int position) {
        return (head * capacity + position) * headSize;
    }

    /** Makes room for {@code rows} more positions (the caller has checked them against the limit). */
    void reserve(int rows) {
        int needed = length + rows;
        if (needed <= capacity) return;
        int grown = Math.min(limit, Math.max(needed, Math.max(INITIAL_CAPACITY, 2 * capacity)));
        for (int layer = 0; layer < keys.length; layer++) {
            keys[layer] = regrown(keys[layer], grown);
            values[layer] = regrown(values[layer], grown);
        }
        capacity = grown;
    }

    /** A layer's array with room for {@code grown} positions per head, its filled positions copied. */
    private float[] regrown(float[] old, int grown) {
        float[] fresh = new float[heads * grown * headSize];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(old, h * capacity * headSize, fresh, h * grown * headSize, length * headSize);
        }
        return fresh;
    }

    /**
     * Stores one layer's keys and values of the tokens being appended — rows [firstRow, firstRow +
     * rows) of k and v, which are (batch rows, heads·head size) — at positions [length, length + rows).
     */
    void store(int layer, float[] k, float[] v, int firstRow, int rows) {
        for (int r = 0; r < rows; r++) {
            for (int h = 0; h < heads; h++) {
                int from = ((firstRow + r) * heads + h) * headSize;
                int to = offset(h, length + r);
                System.arraycopy(k, from, keys[layer], to, headSize);
                System.arraycopy(v, from, values[layer], to, headSize);
            }
        }
    }

    /**
     * Forgets every position from {@code length} on. Nothing is cleared: attention reads positions
     * below the length only, and the next tokens' keys and values overwrite the forgotten ones.
     */
    void truncate(int length) {
        if (length < 0 || length > this.length) {
            throw new IllegalArgumentException("cannot truncate a sequence of " + this.length + " tokens to " + length);
        }
        this.length = length;
    }

    /** Counts the stored rows as part of the sequence, once every layer has stored them. */
    void advance(int rows) {
        length += rows;
    }
}
