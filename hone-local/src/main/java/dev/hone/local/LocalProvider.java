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

    public LocalProvider(ProviderConfig config, LocalModel model) {
        this.config = config;
        this.model = model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        long start = System.nanoTime();
        GenerationSettings settings = new GenerationSettings(request.maxTokens(), request.temperature(), 1, 0, request.seed(), List.of());
        LocalCompletion completion = model.complete(request.messages(), settings, null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Usage usage = new Usage(completion.promptTokenIds().length, completion.tokenIds().length);
        return new ChatResponse(completion.text(), usage, false, millis);
    }

    /** Label likelihoods on the model's own probabilities; see {@link LocalModel#scoreContinuations}. */
    @Override
    public ContinuationScores scoreContinuations(List<ChatMessage> prompt, List<String> continuations) {
        return model.scoreContinuations(prompt, continuations);
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
