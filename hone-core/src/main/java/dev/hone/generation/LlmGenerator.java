package dev.hone.generation;

import dev.hone.config.GenerateConfig;
import dev.hone.dataset.GenerationExample;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.FanOut;
import dev.hone.provider.MeteredProvider;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.strategy.Demonstrations;
import dev.hone.strategy.LlmUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A generation candidate: each input is one chat request, built from the strategy's templates, its
 * demonstrations and, for rag, the chunks retrieved for that input. Retrieval runs first, one input
 * at a time (its time is part of the latency); the requests of a batch then go out at once on
 * virtual threads, the provider bounding how many are in flight.
 */
public final class LlmGenerator {
    private final GenerateConfig config;
    private final MeteredProvider provider;
    private final GenerationPrompt prompt;
    private final Demonstrations<GenerationExample> demonstrations;
    private final ContextRetriever retriever;
    private final long seed;
    private final Queue<Double> latencies = new ConcurrentLinkedQueue<>();

    LlmGenerator(GenerateConfig config, Provider provider, Demonstrations<GenerationExample> demonstrations,
                 ContextRetriever retriever, long seed) {
        if ((retriever != null) != (config.retrieval() != null)) {
            throw new IllegalArgumentException("strategy '" + config.name() + "': a retriever is needed exactly when the strategy is rag");
        }
        this.config = config;
        this.provider = new MeteredProvider(provider);
        this.prompt = new GenerationPrompt(config.systemTemplate(), config.userTemplate());
        this.demonstrations = demonstrations;
        this.retriever = retriever;
        this.seed = seed;
    }

    public GenerateConfig config() {
        return config;
    }

    /** Answers for each input, in order. */
    public List<Generation> generate(List<String> inputs) {
        List<List<GenerationExample>> demos = demonstrations.forTexts(inputs);
        List<ContextRetriever.Retrieved> contexts = new ArrayList<>(inputs.size());
        for (String input : inputs) contexts.add(retriever == null ? null : retriever.retrieve(input));
        return FanOut.map("generation candidate '" + config.name() + "'", inputs.size(),
                i -> answer(inputs.get(i), demos.get(i), contexts.get(i)));
    }

    private Generation answer(String input, List<GenerationExample> demo, ContextRetriever.Retrieved context) {
        var messages = prompt.messages(input, demo, context == null ? "" : context.context());
        ChatResponse response = provider.chat(new ChatRequest(messages, config.temperature(), config.maxTokens(), seed));
        double latency = response.latencyMillis() + (context == null ? 0 : context.millis());
        latencies.add(latency);
        return new Generation(response.text().strip(), context == null ? List.of() : context.sources(), latency);
    }

    /** Tokens, prices and answer times over every answer so far, in the same shape as an LLM classifier's. */
    public LlmUsage usage() {
        ProviderConfig p = provider.config();
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long predictions = sorted.length;
        return new LlmUsage(p.name(), p.model(), predictions, provider.requests(), 0, provider.inputTokens(), provider.outputTokens(),
                provider.cachedRequests(), prompt.sha256(), p.usdPerMillionInput(), p.usdPerMillionOutput(), predictions,
                sorted.length == 0 ? Double.NaN : dev.hone.evaluation.Timing.percentile(sorted, 0.50),
                sorted.length == 0 ? Double.NaN : dev.hone.evaluation.Timing.percentile(sorted, 0.95));
    }

    /** The demonstrations as chosen (a random draw), or the pool similar selection picks from. */
    public List<GenerationExample> demonstrationPool() {
        return demonstrations.savedPool();
    }
}
