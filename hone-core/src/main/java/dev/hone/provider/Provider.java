package dev.hone.provider;

/**
 * A chat-completion model: reached over the network (OpenAI, a gateway, Ollama, vLLM, llama.cpp…)
 * or run in this process ({@code type: local}, module hone-local).
 * Implementations are safe to call from many threads at once and bound their own concurrency and
 * rate; failures that retrying could not fix are {@link ProviderException}s whose messages never
 * contain the API key.
 */
public interface Provider extends AutoCloseable {

    /** Asks for one completion, retrying transient failures as configured. */
    ChatResponse chat(ChatRequest request);

    /** The settings this provider was built from (never the key itself). */
    ProviderConfig config();

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {
    }
}
