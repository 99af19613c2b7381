package dev.hone.provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link Provider} without a network, for tests of what is built on providers: each request is
 * answered by a script (a function of the request, so concurrent callers get deterministic
 * answers), with usage of one token per whitespace-separated word in, and in the answer. It
 * records every request and counts requests and tokens; a script may throw to play a failing provider.
 */
public final class ScriptedProvider implements Provider {
    private final ProviderConfig config;
    private final Function<ChatRequest, String> script;
    private final List<ChatRequest> requests = new ArrayList<>();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();
    private int closes;

    public ScriptedProvider(Function<ChatRequest, String> script) {
        this(config("scripted", "scripted-model"), script);
    }

    public ScriptedProvider(ProviderConfig config, Function<ChatRequest, String> script) {
        this.config = config;
        this.script = script;
    }

    /** Settings for a fake entry: nothing is ever connected to, prices of $1 in and $2 out per million tokens. */
    public static ProviderConfig config(String name, String model) {
        return new ProviderConfig(name, "scripted", URI.create("http://127.0.0.1:1/v1"), model, "", 8, 500, 60, 0, 1.0, 2.0, null);
    }

    /** The last user message's text: what a classifier prompt asks about. */
    public static String lastUserText(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        return messages.get(messages.size() - 1).content();
    }

    /** Tokens as this fake counts them: words separated by whitespace. */
    public static long tokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        synchronized (this) {
            requests.add(request);
        }
        String answer = script.apply(request);
        long in = 0;
        for (ChatMessage message : request.messages()) in += tokens(message.content());
        long out = tokens(answer);
        inputTokens.addAndGet(in);
        outputTokens.addAndGet(out);
        return new ChatResponse(answer, new Usage(in, out), false, 5);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        closes++;
    }

    /** Every request received, in arrival order. */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    public long inputTokens() {
        return inputTokens.get();
    }

    public long outputTokens() {
        return outputTokens.get();
    }

    public synchronized int closes() {
        return closes;
    }
}
