package dev.hone.engine.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A generative model's {@code tokenizer.json}, used the way a chat model needs it: text is encoded
 * as written, with no special tokens added (the chat template writes them itself, as
 * {@code apply_chat_template} does), nothing is truncated or padded, and ids decode back to text.
 */
public final class DecoderTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private DecoderTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Reads {@code tokenizer.json} from a model folder.
     *
     * @throws BadInputException naming the file when it is missing or not a Hugging Face tokenizer
     */
    public static DecoderTokenizer load(Path folder) {
        System.setProperty("ai.djl.offline", "true");
        Path file = folder.resolve("tokenizer.json");
        Map<String, String> options = Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false");
        try (InputStream in = Files.newInputStream(file)) {
            return new DecoderTokenizer(HuggingFaceTokenizer.newInstance(in, options));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + " is missing: a generative model folder needs the tokenizer.json"
                    + " that Hugging Face saves beside config.json");
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": cannot read the tokenizer (" + e.getMessage()
                    + "); expected a Hugging Face tokenizer.json", e);
        }
    }

    /** The ids of {@code text}, special tokens written in it (such as {@code <|im_start|>}) included as such. */
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] tokens = new int[ids.length];
        for (int i = 0; i < ids.length; i++) tokens[i] = Math.toIntExact(ids[i]);
        return tokens;
    }

    /** The text of {@code tokens}; special tokens are left out when {@code skipSpecialTokens}. */
    public String decode(int[] tokens, boolean skipSpecialTokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) ids[i] = tokens[i];
        return tokenizer.decode(ids, skipSpecialTokens);
    }

    /**
     * The id of a token written as one piece (a special token such as {@code </s>}), or -1 when the
     * text is not a single token of this vocabulary.
     */
    public int tokenId(String token) {
        int[] ids = encode(token);
        return ids.length == 1 ? ids[0] : -1;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
