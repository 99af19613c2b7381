package dev.hone.provider;

import java.util.List;

/**
 * One chat completion to ask for. The model comes from the provider's config; these are the
 * per-call settings.
 *
 * @param temperature sampling temperature in [0, 2]; 0 asks for the most likely answer
 * @param maxTokens   upper bound on the answer's tokens, ≥ 1
 * @param seed        passed to servers that honour it, so sampled answers can repeat (and be cached per sample)
 */
public record ChatRequest(List<ChatMessage> messages, double temperature, int maxTokens, long seed) {
    public ChatRequest {
        if (messages == null || messages.isEmpty()) throw new IllegalArgumentException("messages must hold at least one message");
        messages = List.copyOf(messages);
        if (!(temperature >= 0 && temperature <= 2)) throw new IllegalArgumentException("temperature must be within [0, 2], got " + temperature);
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be ≥ 1, got " + maxTokens);
    }
}
