package dev.hone.engine.model;

import java.util.List;

/**
 * A sentence encoder: texts in, L2-normalised sentence embeddings out.
 *
 * <p>This is the small interface where the domain (hone-core) meets the engine. Implementations
 * run in inference mode: nothing is recorded for backpropagation and buffers are reused.
 */
public interface TextEncoder {

    /** Name, embedding width, maximum length, pooling and parameter count. */
    EncoderInfo info();

    /** Embeds each text (truncated to {@link EncoderInfo#maxTokens()}); rows are L2-normalised. */
    float[][] embed(List<String> texts);

    /** Number of tokens the text becomes, special tokens included, after truncation. */
    int countTokens(String text);

    /** Embeds one text. */
    default float[] embed(String text) {
        return embed(List.of(text))[0];
    }
}
