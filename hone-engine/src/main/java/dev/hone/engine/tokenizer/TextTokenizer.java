package dev.hone.engine.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.hone.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's binding, set up the way Hone needs it:
 * truncation to the model's maximum length, and no fixed padding (some exported tokenizer files
 * ask for padding to 128; batches are padded here, to their own longest member).
 */
public final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
    }

    public static TextTokenizer load(InputStream tokenizerJson, int maxTokens, String source) {
        System.setProperty("ai.djl.offline", "true");
        Map<String, String> options = Map.of(
                "padding", "false",
                "truncation", "true",
                "maxLength", Integer.toString(maxTokens),
                "addSpecialTokens", "true");
        try (tokenizerJson) {
            return new TextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), maxTokens);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(source + ": cannot read the tokenizer (" + e.getMessage()
                    + "); expected a Hugging Face tokenizer.json", e);
        }
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** Tokenises and pads the batch to its longest member. */
    public TokenBatch encode(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int size = encodings.length;
        int length = 1;
        for (Encoding e : encodings) length = Math.max(length, e.getIds().length);
        int[] ids = new int[size * length];
        float[] mask = new float[size * length];
        int[] types = new int[size * length];
        int[] lengths = new int[size];
        for (int b = 0; b < size; b++) {
            long[] tokenIds = encodings[b].getIds();
            long[] typeIds = encodings[b].getTypeIds();
            lengths[b] = tokenIds.length;
            for (int s = 0; s < tokenIds.length; s++) {
                ids[b * length + s] = (int) tokenIds[s];
                types[b * length + s] = (int) typeIds[s];
                mask[b * length + s] = 1f;
            }
        }
        return new TokenBatch(size, length, ids, mask, types, lengths);
    }

    /** Tokens after truncation, special tokens included. */
    public int countTokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
