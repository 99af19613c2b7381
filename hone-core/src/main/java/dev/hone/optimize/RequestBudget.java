package dev.hone.optimize;

import dev.hone.error.HoneException;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.ContinuationScores;
import dev.hone.provider.LikelihoodScorer;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Usage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * An LLM search's budget, kept to the request: every request the search makes (scoring a prompt on
 * training examples, asking the proposer for an instruction) goes through a provider {@link #wrap}ped
 * here, which reserves one request before sending and refuses — {@link Exhausted} — once
 * {@code max_requests} are used or {@code max_usd} is spent. Requests answered from a cache count
 * too, so the count is an upper bound of what reaches the server. Dollars and tokens are what the
 * requests cost when first asked (the prices of the provider that answered), like every LLM figure
 * in the results. Safe for concurrent use.
 */
public final class RequestBudget {
    private final int maxRequests;
    private final double maxUsd;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();
    private final DoubleAdder usd = new DoubleAdder();

    /** Thrown instead of sending a request the budget does not allow; the search stops and keeps what it found. */
    public static final class Exhausted extends HoneException {
        Exhausted(String message) {
            super(message);
        }
    }

    public RequestBudget(int maxRequests, double maxUsd) {
        this.maxRequests = maxRequests;
        this.maxUsd = maxUsd;
    }

    /** Whether {@code requests} more may still be sent (and no more than max_usd is spent so far). */
    public boolean allows(long requests) {
        return reserved.get() + requests <= maxRequests && usd.sum() < maxUsd;
    }

    public long requests() {
        return reserved.get();
    }

    public long inputTokens() {
        return inputTokens.get();
    }

    public long outputTokens() {
        return outputTokens.get();
    }

    public double usd() {
        return usd.sum();
    }

    private void reserve() {
        if (usd.sum() >= maxUsd) throw new Exhausted("optimize.max_usd (" + maxUsd + ") is spent");
        long now = reserved.incrementAndGet();
        if (now > maxRequests) {
            reserved.decrementAndGet();
            throw new Exhausted("optimize.max_requests (" + maxRequests + ") are used");
        }
    }

    private void spend(ProviderConfig config, Usage usage) {
        inputTokens.addAndGet(usage.inputTokens());
        outputTokens.addAndGet(usage.outputTokens());
        usd.add((usage.inputTokens() * config.usdPerMillionInput() + usage.outputTokens() * config.usdPerMillionOutput()) / 1_000_000.0);
    }

    /** {@code provider} with every request counted against this budget. */
    public Provider wrap(Provider provider) {
        return new Provider() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                reserve();
                ChatResponse response = provider.chat(request);
                spend(provider.config(), response.usage());
                return response;
            }

            @Override
            public ProviderConfig config() {
                return provider.config();
            }
        };
    }

    /** {@code scorer} (of a provider with {@code config}) with every scoring counted against this budget. */
    public LikelihoodScorer wrap(LikelihoodScorer scorer, ProviderConfig config) {
        return (List<ChatMessage> prompt, List<String> continuations) -> {
            reserve();
            ContinuationScores scores = scorer.scoreContinuations(prompt, continuations);
            spend(config, scores.usage());
            return scores;
        };
    }
}
