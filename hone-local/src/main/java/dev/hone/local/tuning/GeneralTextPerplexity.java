package dev.hone.local.tuning;

import dev.hone.engine.decoder.Decoder;
import dev.hone.engine.decoder.DecoderSession;
import dev.hone.engine.decoder.LogSoftmax;
import dev.hone.engine.tokenizer.DecoderTokenizer;
import dev.hone.local.LocalModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The forgetting probe for generative models: perplexity on a fixed set of plain, varied English
 * paragraphs written for Hone ({@code general-english.txt}, about forty of them on everyday
 * subjects, unrelated to any task). Measured on the base model and on the tuned one, its rise
 * says how much general language the tuning cost.
 *
 * <p>Each paragraph is read as the tokenizer writes it, with no chat template and no special token,
 * the same way for every model compared. A paragraph longer than the model's length is read in
 * consecutive windows of at most that many tokens, each from a fresh session; a window's last row
 * predicts the next window's first token, so every token but the paragraph's first is predicted
 * exactly once whatever the window.
 */
public final class GeneralTextPerplexity {
    /** The probe's name in results. */
    public static final String NAME = "general-english";
    private static final String RESOURCE = "general-english.txt";
    /** Rows of logits held at once: a window is fed this many tokens at a time, so memory is ROWS × vocabulary floats. */
    private static final int ROWS = 64;

    private GeneralTextPerplexity() {
    }

    /** The probe's paragraphs, in file order. */
    public static List<String> texts() {
        try (InputStream in = GeneralTextPerplexity.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from hone-local's resources");
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(all.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The model's perplexity on the probe's paragraphs. */
    public static Perplexity of(LocalModel model) {
        return of(model.decoder(), model.tokenizer(), texts());
    }

    /** The decoder's perplexity on {@code texts}, in windows of at most the model's length. */
    public static Perplexity of(Decoder decoder, DecoderTokenizer tokenizer, List<String> texts) {
        int window = decoder.config().maxSequenceLength();
        double negativeLogLikelihood = 0;
        long predicted = 0;
        for (String text : texts) {
            int[] ids = tokenizer.encode(text);
            for (int start = 0; start < ids.length - 1; ) {
                int end = Math.min(ids.length - 1, start + window);          // reads ids[start, end), predicts ids[start + 1, end]
                DecoderSession session = decoder.newSession();
                for (int from = start; from < end; from += ROWS) {
                    int to = Math.min(end, from + ROWS);
                    float[][] logits = session.appendAll(Arrays.copyOfRange(ids, from, to));   // (to - from, vocabulary)
                    for (int row = 0; row < logits.length; row++) negativeLogLikelihood -= LogSoftmax.of(logits[row], ids[from + row + 1]);
                    predicted += to - from;
                }
                start = end;
            }
        }
        return new Perplexity(predicted == 0 ? 0 : negativeLogLikelihood / predicted, predicted, texts.size());
    }
}
