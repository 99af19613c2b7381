package dev.hone.local;

import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.ContinuationScores;
import dev.hone.provider.LikelihoodScorer;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Usage;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code type: local}: answers with the model in the folder that {@code model:} names, in this
 * process. Each request's temperature (0 is greedy), token limit and seed apply as given, so a
 * seeded sampled answer repeats; a chat request carries no top-p, top-k or stop strings, so they
 * are off. Usage counts the prompt's tokens after the chat template and the generated ones (the
 * stop token included); nothing is paid per token, so the price is $0. It also scores labels by
 * likelihood (the default method of llm-zero-shot and llm-few-shot on this provider).
 */
public final class LocalProvider implements Provider, LikelihoodScorer {
    private final ProviderConfig config;
    private final LocalModel model;
    /**
     * One request at a time: the kernels already spread each forward pass over every core, so
     * requests running side by side would only share those cores, and each answer's measured time
     * would include its neighbours' work. In turn, a request's latency is its own compute, what it
     * takes when served alone, and the strategies' many concurrent requests queue here.
     */
    private final ReentrantLock turn = new ReentrantLock(true);

    public LocalProvider(ProviderConfig config, LocalModel model) {
        this.config = config;
        this.model = model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        GenerationSettings settings = new GenerationSettings(request.maxTokens(), request.temperature(), 1, 0, request.seed(), List.of());
        turn.lock();
        try {
            long start = System.nanoTime();
            LocalCompletion completion = model.complete(request.messages(), settings, null);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Usage usage = new Usage(completion.promptTokenIds().length, completion.tokenIds().length);
            return new ChatResponse(completion.text(), usage, false, millis);
        } finally {
            turn.unlock();
        }
    }

    /** Label likelihoods on the model's own probabilities; see {@link LocalModel#scoreContinuations}. */
    @Override
    public ContinuationScores scoreContinuations(List<ChatMessage> prompt, List<String> continuations) {
        turn.lock();
        try {
            return model.scoreContinuations(prompt, continuations);
        } finally {
            turn.unlock();
        }
    }

    /** The model answering, shared with every provider of this process that names the same folder. */
    public LocalModel model() {
        return model;
    }

    @Override
    public ProviderConfig config() {
        return config;
    }
}
