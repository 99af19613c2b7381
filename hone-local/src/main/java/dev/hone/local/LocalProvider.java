package dev.hone.local;

import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.local.tuning.AdapterTrainer;
import dev.hone.local.tuning.GeneralTextPerplexity;
import dev.hone.local.tuning.Perplexity;
import dev.hone.local.tuning.LocalFineTuning;
import dev.hone.provider.ContinuationScores;
import dev.hone.provider.FineTuneEvent;
import dev.hone.provider.FineTuneJob;
import dev.hone.provider.FineTuneRequest;
import dev.hone.provider.FineTuningProvider;
import dev.hone.provider.LikelihoodScorer;
import dev.hone.provider.PerplexityProbe;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code type: local}: answers with the model in the folder that {@code model:} names, in this
 * process. Each request's temperature (0 is greedy), token limit and seed apply as given, so a
 * seeded sampled answer repeats; a chat request carries no top-p, top-k or stop strings, so they
 * are off. Usage counts the prompt's tokens after the chat template and the generated ones (the
 * stop token included); nothing is paid per token, so the price is $0. It also scores labels by
 * likelihood (the default method of llm-zero-shot and llm-few-shot on this provider).
 *
 * <p>It fine-tunes its model too ({@link LocalFineTuning}, in this process): a chat request that
 * names a fine-tuned model (the adapter folder a job wrote) is answered by the base model with
 * those adapters, the base weights loaded once and shared.
 */
public final class LocalProvider implements Provider, LikelihoodScorer, FineTuningProvider, PerplexityProbe {
    private final ProviderConfig config;
    private final LocalModel model;
    private final LocalFineTuning tuning;
    /**
     * One request at a time: the kernels already spread each forward pass over every core, so
     * requests running side by side would only share those cores, and each answer's measured time
     * would include its neighbours' work. In turn, a request's latency is its own compute, what it
     * takes when served alone, and the strategies' many concurrent requests queue here.
     */
    private final ReentrantLock turn = new ReentrantLock(true);
    /** The base model's general-text perplexity, measured when first asked for; guarded by {@link #turn}. */
    private Perplexity basePerplexity;

    /** A provider without a trainer: creating a job is refused, saying so (the service-loaded one trains with LoRA). */
    public LocalProvider(ProviderConfig config, LocalModel model) {
        this(config, model, Optional.empty());
    }

    /** @param trainer trains the adapters of this provider's fine-tuning jobs */
    public LocalProvider(ProviderConfig config, LocalModel model, Optional<AdapterTrainer> trainer) {
        this.config = config;
        this.model = model;
        this.tuning = new LocalFineTuning(model, config.model(), workFolder(config), trainer);
    }

    /** Fine-tuning's files, job records and tuned folders: under the provider's cache, or the default one when its cache is off. */
    static Path workFolder(ProviderConfig config) {
        Path cache = config.cacheDirectory() == null ? ProviderConfig.defaultCacheDirectory() : config.cacheDirectory();
        return cache.resolve("local-finetune");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        GenerationSettings settings = new GenerationSettings(request.maxTokens(), request.temperature(), 1, 0, request.seed(), List.of());
        turn.lock();
        try {
            long start = System.nanoTime();
            LocalCompletion completion = answering(request.model()).complete(request.messages(), settings, null);
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

    @Override
    public String uploadTrainingFile(String fileName, byte[] jsonl) {
        return tuning.uploadTrainingFile(fileName, jsonl);
    }

    @Override
    public FineTuneJob createJob(FineTuneRequest request) {
        return tuning.createJob(request);
    }

    @Override
    public FineTuneJob job(String jobId) {
        return tuning.job(jobId);
    }

    @Override
    public List<FineTuneEvent> events(String jobId) {
        return tuning.events(jobId);
    }

    /**
     * {@link GeneralTextPerplexity} of this provider's model and of the fine-tuned one (its adapter
     * folder), the base measured once per provider. One at a time, like requests.
     */
    @Override
    public Perplexities generalTextPerplexity(String fineTunedModel) {
        turn.lock();
        try {
            if (basePerplexity == null) basePerplexity = GeneralTextPerplexity.of(model);
            Perplexity tuned = GeneralTextPerplexity.of(LoadedModels.get(Path.of(fineTunedModel)));
            return new Perplexities(GeneralTextPerplexity.NAME, basePerplexity.perplexity(), tuned.perplexity(), tuned.tokens());
        } finally {
            turn.unlock();
        }
    }

    /** Stops fine-tuning's thread; the models stay loaded for the rest of the process. */
    @Override
    public void close() {
        tuning.close();
    }

    /** This provider's model, or the fine-tuned one a request names (a tuned folder), loaded once per process. */
    private LocalModel answering(String requested) {
        return requested.isEmpty() || requested.equals(config.model()) ? model : LoadedModels.get(Path.of(requested));
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
