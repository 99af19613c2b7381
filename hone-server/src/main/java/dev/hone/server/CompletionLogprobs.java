package dev.hone.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * The two {@code logprobs} objects of OpenAI's API over an answer's {@link AnswerTokens}. The
 * decoder reports the probability of the token it drew, not its rivals', so the top log-probabilities
 * hold the chosen token only, whatever number was asked for.
 */
final class CompletionLogprobs {
    private CompletionLogprobs() {
    }

    /**
     * {@code /v1/completions}' legacy object: {@code tokens}, {@code token_logprobs},
     * {@code top_logprobs} and {@code text_offset}, where each token's text starts in the prompt
     * followed by the answer (in code points, as Python counts).
     */
    static ObjectNode legacy(AnswerTokens answer, String prompt) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode tokens = root.putArray("tokens");
        ArrayNode tokenLogprobs = root.putArray("token_logprobs");
        ArrayNode top = root.putArray("top_logprobs");
        ArrayNode offsets = root.putArray("text_offset");
        int offset = prompt.codePointCount(0, prompt.length());
        for (AnswerTokens.Token token : answer.tokens()) {
            tokens.add(token.text());
            tokenLogprobs.add(token.logprob());
            top.addObject().put(token.text(), token.logprob());
            offsets.add(offset);
            offset += token.text().codePointCount(0, token.text().length());
        }
        return root;
    }

    /**
     * {@code /v1/chat/completions}' object: {@code content}, one entry per token with its
     * {@code token}, {@code logprob}, UTF-8 {@code bytes} and {@code top_logprobs} (the chosen token
     * when {@code top_logprobs} asked for at least one, else empty).
     */
    static ObjectNode chat(AnswerTokens answer, int topLogprobs) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode content = root.putArray("content");
        for (AnswerTokens.Token token : answer.tokens()) {
            ObjectNode entry = content.addObject();
            describe(entry, token);
            ArrayNode top = entry.putArray("top_logprobs");
            if (topLogprobs > 0) describe(top.addObject(), token);
        }
        root.putNull("refusal");
        return root;
    }

    private static void describe(ObjectNode entry, AnswerTokens.Token token) {
        entry.put("token", token.text()).put("logprob", token.logprob());
        ArrayNode bytes = entry.putArray("bytes");
        for (byte b : token.text().getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xFF);
    }
}
