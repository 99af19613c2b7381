package dev.hone.engine.tokenizer;

import java.util.List;

/**
 * Token ids of a batch padded to its longest member: each array is (size × length), row-major.
 * {@code attentionMask} is 1 for real tokens and 0 for padding; {@code lengths} are the unpadded
 * token counts, special tokens included.
 */
public record TokenBatch(int size, int length, int[] inputIds, float[] attentionMask, int[] tokenTypeIds, int[] lengths) {
    public TokenBatch {
        if (inputIds.length != size * length || attentionMask.length != size * length
                || tokenTypeIds.length != size * length || lengths.length != size) {
            throw new IllegalArgumentException("token arrays do not match batch " + size + " × length " + length);
        }
    }

    /** The texts as one batch, padded to the longest. */
    public static TokenBatch padded(List<TokenizedText> texts) {
        int size = texts.size();
        int length = 1;
        for (TokenizedText text : texts) length = Math.max(length, text.length());
        int[] ids = new int[size * length];
        float[] mask = new float[size * length];
        int[] types = new int[size * length];
        int[] lengths = new int[size];
        for (int b = 0; b < size; b++) {
            TokenizedText text = texts.get(b);
            lengths[b] = text.length();
            System.arraycopy(text.ids(), 0, ids, b * length, text.length());
            System.arraycopy(text.typeIds(), 0, types, b * length, text.length());
            java.util.Arrays.fill(mask, b * length, b * length + text.length(), 1f);
        }
        return new TokenBatch(size, length, ids, mask, types, lengths);
    }

    /** Rows [from, to) as their own batch, padded to their own longest member. */
    public TokenBatch rows(int from, int to) {
        if (from < 0 || to > size || from >= to) throw new IllegalArgumentException("rows [" + from + ", " + to + ") of a batch of " + size);
        if (from == 0 && to == size) return this;  // the usual single pass: nothing to copy
        int[] slice = java.util.Arrays.copyOfRange(lengths, from, to);
        int width = 1;
        for (int l : slice) width = Math.max(width, l);
        int rows = to - from;
        int[] ids = new int[rows * width];
        float[] mask = new float[rows * width];
        int[] types = new int[rows * width];
        for (int r = 0; r < rows; r++) {
            int at = (from + r) * length;
            System.arraycopy(inputIds, at, ids, r * width, width);
            System.arraycopy(attentionMask, at, mask, r * width, width);
            System.arraycopy(tokenTypeIds, at, types, r * width, width);
        }
        return new TokenBatch(rows, width, ids, mask, types, slice);
    }
}
