package dev.hone.engine.tokenizer;

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
}
