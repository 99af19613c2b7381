package dev.hone.engine.decoder;

import java.util.Arrays;
import java.util.List;

/**
 * One sequence being read or written by a {@link Decoder}: its tokens so far live in a key/value
 * cache, so each {@link #append} costs the new tokens only. Prefill a prompt with one call, then
 * append one token at a time ({@link Decoder#step} advances several sessions together). Not thread-safe: a session belongs to one caller; any number of
 * sessions may share a decoder.
 */
public final class DecoderSession {
    private final Decoder decoder;
    private final KeyValueCache cache;

    DecoderSession(Decoder decoder, KeyValueCache cache) {
        this.decoder = decoder;
        this.cache = cache;
    }

    Decoder decoder() {
        return decoder;
    }

    KeyValueCache cache() {
        return cache;
    }

    /** Tokens in the sequence so far. */
    public int length() {
        return cache.length();
    }

    /**
     * Goes back to the sequence's first {@code length} tokens, as if the later ones had never been
     * appended; free, since the cache keeps its memory and the next tokens overwrite the rest. This
     * lets several continuations of one prefix be scored on one prefill: append a continuation,
     * read its logits, truncate back to the prefix, append the next (label likelihoods do).
     *
     * @throws IllegalArgumentException when {@code length} is negative or beyond the sequence
     */
    public void truncate(int length) {
        cache.truncate(length);
    }

    /**
     * Appends tokens (one, or a whole prompt at once) and returns the logits (vocabulary size) for
     * the token after the last of them.
     *
     * @throws IllegalArgumentException when a token id is outside the vocabulary or none is given
     * @throws dev.hone.error.BadInputException when the sequence would outgrow the model
     */
    public float[] append(int... tokens) {
        return decoder.forward(List.of(cache), new int[][] {tokens}, false);
    }

    /**
     * Appends tokens like {@link #append} and returns the logits at every one of them: row i
     * (vocabulary size) predicts the token after {@code tokens[i]}.
     */
    public float[][] appendAll(int[] tokens) {
        float[] logits = decoder.forward(List.of(cache), new int[][] {tokens}, true);
        int vocabulary = decoder.config().vocabularySize();
        float[][] rows = new float[tokens.length][];
        for (int i = 0; i < rows.length; i++) rows[i] = Arrays.copyOfRange(logits, i * vocabulary, (i + 1) * vocabulary);
        return rows;
    }
}
