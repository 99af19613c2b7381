package dev.hone.server;

import dev.hone.engine.tokenizer.DecoderTokenizer;
import dev.hone.local.LocalCompletion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The generated tokens of an answer as text, each with its natural-log probability under the
 * model's plain softmax (temperature 1, before top-p/top-k): what both OpenAI {@code logprobs}
 * shapes list.
 * <p>
 * A token's text is what it adds to the decoded answer. Byte-level vocabularies split some
 * characters over several tokens: the tokens before the last byte of such a character have the
 * empty text, and the last one carries the whole character (bytes that never complete one show as
 * U+FFFD, as in the answer's text). Special tokens are shown as written. The tokens listed are
 * those that start within the answer, so the one that ended it (a stop id such as
 * {@code <|im_end|>}, or the token that began a stop string) is the last.
 */
record AnswerTokens(List<Token> tokens) {

    /** One token: its text and log-probability. */
    record Token(String text, float logprob) {
    }

    AnswerTokens {
        tokens = List.copyOf(tokens);
    }

    static AnswerTokens of(DecoderTokenizer tokenizer, LocalCompletion completion) {
        int[] ids = completion.tokenIds();
        float[] logprobs = completion.logprobs();
        int answerEnd = completion.text().codePointCount(0, completion.text().length());
        List<Token> tokens = new ArrayList<>();
        String decoded = "";
        int offset = 0;
        for (int i = 0; i < ids.length && offset <= answerEnd; i++) {
            String upTo = tokenizer.decode(Arrays.copyOf(ids, i + 1), false);
            // An unfinished multi-byte character decodes to U+FFFD until its last byte arrives; after the
            // last token nothing more arrives, so what is left (bytes that never made a character) is its text.
            boolean unfinished = upTo.endsWith("\uFFFD") && i < ids.length - 1;
            String piece = unfinished ? "" : upTo.substring(commonPrefix(decoded, upTo));
            if (!piece.isEmpty()) decoded = upTo;
            tokens.add(new Token(piece, logprobs[i]));
            offset += piece.codePointCount(0, piece.length());
        }
        return new AnswerTokens(tokens);
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }
}
