package dev.hone.provider;

/**
 * The answer to one {@link ChatRequest}.
 *
 * @param text   the assistant's message
 * @param usage  tokens the request consumed (what it cost when first asked, even if served from cache)
 * @param cached true when the answer came from the on-disk cache and nothing was paid this time
 * @param latencyMillis how long the server took to answer (when first asked, for a cached answer)
 */
public record ChatResponse(String text, Usage usage, boolean cached, long latencyMillis) {
    public ChatResponse {
        if (text == null) throw new IllegalArgumentException("text must not be null");
        if (usage == null) throw new IllegalArgumentException("usage must not be null (use Usage.NONE)");
        if (latencyMillis < 0) throw new IllegalArgumentException("latencyMillis must be ≥ 0, got " + latencyMillis);
    }
}
