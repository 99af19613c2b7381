package dev.hone.provider;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider that remembers and counts: a request it has already answered is answered again from
 * memory (timing and validation ask some texts twice, and with the disk cache off each would be
 * paid again), and every request is counted with its tokens and whether it cost nothing this time.
 * Tokens count what a request cost when first asked, so the totals describe serving, not this
 * run's bill. Safe for concurrent use.
 */
public final class MeteredProvider implements Provider {
    private final Provider delegate;
    private final AnswerMemo<ChatRequest, ChatResponse> answered = new AnswerMemo<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong cachedRequests = new AtomicLong();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();

    public MeteredProvider(Provider delegate) {
        if (delegate == null) throw new IllegalArgumentException("delegate must not be null");
        this.delegate = delegate;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        AnswerMemo.Answer<ChatResponse> answer = answered.answer(request, () -> delegate.chat(request));
        ChatResponse response = answer.value();
        requests.incrementAndGet();
        if (answer.remembered() || response.cached()) cachedRequests.incrementAndGet();
        inputTokens.addAndGet(response.usage().inputTokens());
        outputTokens.addAndGet(response.usage().outputTokens());
        return response;
    }

    @Override
    public ProviderConfig config() {
        return delegate.config();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Requests asked through this provider, answered from memory or cache included. */
    public long requests() {
        return requests.get();
    }

    /** Requests that cost nothing this time (answered from memory or the disk cache). */
    public long cachedRequests() {
        return cachedRequests.get();
    }

    public long inputTokens() {
        return inputTokens.get();
    }

    public long outputTokens() {
        return outputTokens.get();
    }
}
