package dev.hone.provider;

import java.util.List;

/**
 * One chat completion to ask for: the per-call settings, which override the provider's defaults.
 *
 * @param temperature sampling temperature in [0, 2]; 0 asks for the most likely answer
 * @param maxTokens   upper bound on the answer's tokens, ≥ 1
 * @param seed        passed to servers that honour it, so sampled answers can repeat (and be cached per sample)
 * @param model       the model to ask, or "" for the provider's configured model; a fine-tuned {@code ft:} model is
 *                    asked through its base model's provider, so both share one endpoint's limits
 */
public record ChatRequest(List<ChatMessage> messages, double temperature, int maxTokens, long seed, String model) {
    public ChatRequest {
        if (messages == null || messages.isEmpty()) throw new IllegalArgumentException("messages must hold at least one message");
        messages = List.copyOf(messages);
        if (!(temperature >= 0 && temperature <= 2)) throw new IllegalArgumentException("temperature must be within [0, 2], got " + temperature);
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be ≥ 1, got " + maxTokens);
        if (model == null) throw new IllegalArgumentException("model must not be null; use \"\" for the provider's model");
    }

    /** A request for the provider's configured model. */
    public ChatRequest(List<ChatMessage> messages, double temperature, int maxTokens, long seed) {
        this(messages, temperature, maxTokens, seed, "");
    }

    /** The same request for another model. */
    public ChatRequest withModel(String otherModel) {
        return new ChatRequest(messages, temperature, maxTokens, seed, otherModel);
    }
}
