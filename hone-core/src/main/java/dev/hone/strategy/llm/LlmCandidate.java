package dev.hone.strategy.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.ContinuationScores;
import dev.hone.provider.FanOut;
import dev.hone.provider.LikelihoodScorer;
import dev.hone.provider.MeteredProvider;
import dev.hone.provider.MeteredScorer;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateLoader;
import dev.hone.strategy.Demonstrations;
import dev.hone.strategy.LlmUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A classifier that asks an LLM. Each text is one request (or {@code samples} requests, majority
 * voted); all texts of a batch are asked at once on virtual threads and the provider bounds how
 * many are in flight. A reply that matches no label is a parse failure: the prediction falls back
 * to the most frequent training label with score 0, so it counts as wrong unless that label is
 * right, and the failure is counted for {@link #usage()}.
 *
 * <p>With {@code method: likelihood} each text is one scoring instead: the labels' log-probabilities
 * as the answer, turned into a probability per label (softmax over the labels), the most likely
 * label predicted; nothing is parsed, so nothing fails to parse.
 */
final class LlmCandidate implements Candidate {

    private final LlmConfig config;
    private final MeteredProvider provider;
    /** Scores labels when the method is likelihood; null when answers are generated. */
    private final MeteredScorer scorer;
    private final LlmPrompt prompt;
    private final Demonstrations<Example> demonstrations;
    private final AnswerParser parser;
    private final String fallbackLabel;
    private final long seed;
    private final AtomicLong predictions = new AtomicLong();
    private final AtomicLong parseFailures = new AtomicLong();
    /** Per prediction, the servers' answer times (summed over samples): what serving would wait, cache or not. */
    private final java.util.Queue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** @param scorer the provider's likelihood scoring, required with method likelihood, else unused (may be null) */
    LlmCandidate(LlmConfig config, Provider provider, LikelihoodScorer scorer, LlmPrompt prompt, Demonstrations<Example> demonstrations,
                 String fallbackLabel, long seed) {
        if (config.method() == LlmMethod.LIKELIHOOD && scorer == null) {
            throw new BadInputException("strategy '" + config.name() + "': method likelihood needs a provider that scores label likelihoods,"
                    + " and provider '" + provider.config().name() + "' (type: " + provider.config().type() + ") only generates: use"
                    + " method: generate, or a provider of type: local");
        }
        this.config = config;
        this.provider = new MeteredProvider(provider);
        this.scorer = config.method() == LlmMethod.LIKELIHOOD ? new MeteredScorer(scorer) : null;
        this.prompt = prompt;
        this.demonstrations = demonstrations;
        this.parser = new AnswerParser(prompt.labels());
        this.fallbackLabel = fallbackLabel;
        this.seed = seed;
    }

    @Override
    public List<String> labels() {
        return prompt.labels();
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        List<List<Example>> demos = demonstrations.forTexts(texts);
        return FanOut.map("LLM candidate '" + config.name() + "'", texts.size(), i -> predictOne(texts.get(i), demos.get(i)));
    }

    private Prediction predictOne(String text, List<Example> demo) {
        var messages = prompt.messages(text, demo);
        if (scorer != null) return predictByLikelihood(messages);
        Map<String, Integer> votes = new LinkedHashMap<>();
        long latency = 0;
        for (int sample = 0; sample < config.samples(); sample++) {
            ChatRequest request = new ChatRequest(messages, config.temperature(), config.maxTokens(), seed + sample);
            ChatResponse response = provider.chat(request);
            latency += response.latencyMillis();
            parser.parse(response.text(), config.reasons()).ifPresent(label -> votes.merge(label, 1, Integer::sum));
        }
        predictions.incrementAndGet();
        latencies.add(latency);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String label : labels()) scores.put(label, votes.getOrDefault(label, 0) / (double) config.samples());
        if (votes.isEmpty()) {
            parseFailures.incrementAndGet();
            return new Prediction(fallbackLabel, 0, scores);
        }
        // Majority vote; a tie goes to the label listed first, so results do not depend on reply order.
        String best = null;
        for (String label : labels()) if (best == null || scores.get(label) > scores.get(best)) best = label;
        return new Prediction(best, scores.get(best), scores);
    }

    private Prediction predictByLikelihood(List<ChatMessage> messages) {
        ContinuationScores scored = scorer.scoreContinuations(messages, labels());
        predictions.incrementAndGet();
        latencies.add(scored.latencyMillis());
        double[] logProbabilities = scored.logProbabilities();
        // Softmax over the labels only: how the model splits its belief among them (the rest of the
        // vocabulary's mass, all the answers that are no label, is left out). Ties go to the label listed first.
        double largest = Double.NEGATIVE_INFINITY;
        for (double logProbability : logProbabilities) largest = Math.max(largest, logProbability);
        double total = 0;
        for (double logProbability : logProbabilities) total += Math.exp(logProbability - largest);
        Map<String, Double> scores = new LinkedHashMap<>();
        String best = null;
        for (int i = 0; i < logProbabilities.length; i++) {
            String label = labels().get(i);
            scores.put(label, Math.exp(logProbabilities[i] - largest) / total);
            if (best == null || scores.get(label) > scores.get(best)) best = label;
        }
        return new Prediction(best, scores.get(best), scores);
    }

    /** Counts so far, for results.json and the cost model; with likelihood, the scorings are the requests. */
    LlmUsage usage() {
        ProviderConfig p = provider.config();
        long requests = provider.requests() + (scorer == null ? 0 : scorer.requests());
        long cached = provider.cachedRequests() + (scorer == null ? 0 : scorer.cachedRequests());
        long input = provider.inputTokens() + (scorer == null ? 0 : scorer.inputTokens());
        return new LlmUsage(p.name(), p.model(), predictions.get(), requests, parseFailures.get(), input, provider.outputTokens(), cached,
                prompt.sha256(), p.usdPerMillionInput(), p.usdPerMillionOutput(), predictions.get(), percentile(0.50), percentile(0.95));
    }

    /** Nearest-rank percentile of the answer times in ms, NaN before any prediction. */
    private double percentile(double q) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    @Override
    public boolean asksAnLlmInProcess() {
        return Providers.runsInProcess(provider.config().type());
    }

    @Override
    public Optional<LlmUsage> llmUsage() {
        return Optional.of(usage());
    }

    @Override
    public long trainableParameters() {
        return 0;
    }

    /** Unknown for a remote model; 0 keeps in-process sizes comparable. */
    @Override
    public long totalParameters() {
        return 0;
    }

    /**
     * Writes {@code llm.json}: provider settings (the key's variable name, never a key), templates,
     * settings and the demonstrations, so {@link CandidateLoader} can rebuild the same prompts.
     */
    @Override
    public void save(Path directory) {
        ProviderConfig p = provider.config();
        ObjectNode root = Json.MAPPER.createObjectNode().put("kind", config.kind().id()).put("name", config.name());
        ObjectNode providerNode = root.putObject("provider").put("name", p.name()).put("type", p.type());
        if (p.baseUrl() != null) providerNode.put("base_url", p.baseUrl().toString());
        providerNode.put("model", p.model()).put("api_key_env", p.apiKeyEnv())
                .put("max_concurrency", p.maxConcurrency()).put("requests_per_minute", p.requestsPerMinute())
                .put("timeout_seconds", p.timeoutSeconds()).put("max_retries", p.maxRetries())
                .put("usd_per_million_input_tokens", p.usdPerMillionInput())
                .put("usd_per_million_output_tokens", p.usdPerMillionOutput());
        if (p.cacheDirectory() != null) providerNode.put("cache_dir", p.cacheDirectory().toString());
        // A LangChain4j provider is rebuilt from its chat model and builder settings (never a key: config refuses one).
        if (!p.chatModel().isEmpty()) providerNode.put("chat_model", p.chatModel());
        if (!p.settings().isEmpty()) p.settings().forEach(providerNode.putObject("settings")::put);
        root.put("system", config.systemTemplate()).put("user", config.userTemplate())
                .put("demonstration", config.demonstrationTemplate()).put("prompt_sha256", prompt.sha256())
                .put("temperature", config.temperature()).put("max_tokens", config.maxTokens()).put("samples", config.samples())
                .put("method", config.method().id())
                .put("k", demonstrations.k()).put("select", demonstrations.similar() ? "similar" : "random")
                .put("seed", seed).put("fallback_label", fallbackLabel);
        ArrayNode labels = root.putArray("labels");
        ObjectNode descriptions = root.putObject("descriptions");
        for (String label : labels()) {
            labels.add(label);
            descriptions.put(label, prompt.descriptions().getOrDefault(label, ""));
        }
        // A random draw is saved as drawn; similar selection needs the whole pool to choose from.
        ArrayNode pool = root.putArray("demonstration_pool");
        for (Example e : demonstrations.savedPool()) pool.addObject().put("text", e.text()).put("label", e.label());
        try {
            Files.createDirectories(directory);
            Json.PRETTY.writeValue(directory.resolve("llm.json").toFile(), root);
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve("llm.json") + ": " + e.getMessage(), e);
        }
    }
}
