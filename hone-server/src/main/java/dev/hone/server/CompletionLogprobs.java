package dev.hone.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.tokenizer.DecoderTokenizer;
import dev.hone.json.Json;
import dev.hone.local.LocalCompletion;
import java.util.Arrays;

/**
 * OpenAI's legacy {@code logprobs} object of {@code /v1/completions}: per generated token its text,
 * its natural-log probability under the model's plain softmax (temperature 1, before top-p/top-k),
 * and {@code text_offset}, where its text starts in the prompt followed by the answer (in code
 * points, as Python counts). {@code top_logprobs} holds the chosen token only, whatever
 * {@code logprobs: N} asked: the decoder reports the probability of the token it drew, not its rivals.
 * <p>
 * A token's text is what it adds to the decoded answer. Byte-level vocabularies split some
 * characters over several tokens: the tokens before the last byte of such a character have the
 * empty text, and the last one carries the whole character (bytes that never complete one show
 * as U+FFFD, as in the answer's text). The tokens listed are those that
 * start within the answer, so the one that ended it (a stop id such as {@code <|im_end|>}, shown
 * as written, or the token that began a stop string) is the last.
 */
final class CompletionLogprobs {
    private CompletionLogprobs() {
    }

    static ObjectNode of(DecoderTokenizer tokenizer, String prompt, LocalCompletion completion) {
        int[] ids = completion.tokenIds();
        float[] logprobs = completion.logprobs();
        int offset = prompt.codePointCount(0, prompt.length());
        int answerEnd = offset + completion.text().codePointCount(0, completion.text().length());
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode tokens = root.putArray("tokens");
        ArrayNode tokenLogprobs = root.putArray("token_logprobs");
        ArrayNode top = root.putArray("top_logprobs");
        ArrayNode offsets = root.putArray("text_offset");
        String decoded = "";
        for (int i = 0; i < ids.length && offset <= answerEnd; i++) {
            String upTo = tokenizer.decode(Arrays.copyOf(ids, i + 1), false);
            // An unfinished multi-byte character decodes to U+FFFD until its last byte arrives; after the
            // last token nothing more arrives, so what is left (bytes that never made a character) is its text.
            boolean unfinished = upTo.endsWith("\uFFFD") && i < ids.length - 1;
            String piece = unfinished ? "" : upTo.substring(commonPrefix(decoded, upTo));
            if (!piece.isEmpty()) decoded = upTo;
            tokens.add(piece);
            tokenLogprobs.add(logprobs[i]);
            top.addObject().put(piece, logprobs[i]);
            offsets.add(offset);
            offset += piece.codePointCount(0, piece.length());
        }
        return root;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }
}
