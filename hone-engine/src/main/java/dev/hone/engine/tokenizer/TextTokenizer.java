package dev.hone.engine.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
        return TokenBatch.padded(tokenize(texts));
    }

    /** Each text's tokens, unpadded, in input order. */
    public List<TokenizedText> tokenize(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        List<TokenizedText> tokenized = new ArrayList<>(encodings.length);
        for (Encoding encoding : encodings) tokenized.add(new TokenizedText(toInts(encoding.getIds()), toInts(encoding.getTypeIds())));
        return tokenized;
    }

    private static int[] toInts(long[] values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) ints[i] = (int) values[i];
        return ints;
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
