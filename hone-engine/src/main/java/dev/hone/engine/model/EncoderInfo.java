package dev.hone.engine.model;

/**
 * What a caller needs to know about an encoder.
 *
 * @param name registry name (for example {@code all-minilm-l6-v2}) or the path it was loaded from
 * @param dimension width of a sentence embedding
 * @param maxTokens longest input in tokens, special tokens included; longer texts are truncated
 * @param pooling how token states are pooled
 * @param parameters number of weights in the encoder
 */
public record EncoderInfo(String name, int dimension, int maxTokens, Pooling pooling, long parameters) {
    public EncoderInfo {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        if (dimension < 1) throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        if (maxTokens < 2) throw new IllegalArgumentException("maxTokens must be >= 2, got " + maxTokens);
        if (pooling == null) throw new IllegalArgumentException("pooling must be set");
        if (parameters < 0) throw new IllegalArgumentException("parameters must be >= 0, got " + parameters);
    }
}
