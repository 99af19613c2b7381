package dev.hone.strategy.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.dataset.Example;
import dev.hone.error.BadInputException;
import dev.hone.optimize.OptimizedCandidate;
import dev.hone.provider.LikelihoodScorer;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.Demonstrations;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.StrategyKinds;
import dev.hone.strategy.TrainingData;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LLM routes: nothing is trained; building picks the demonstrations (llm-few-shot) and connects
 * to the provider. The same class rebuilds a saved candidate from its {@code llm.json}.
 */
final class LlmStrategy implements Strategy {
    private final LlmConfig config;

    LlmStrategy(LlmConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        Demonstrations<Example> demonstrations = config.kind() != LlmKind.LLM_FEW_SHOT ? Demonstrations.none()
                : "similar".equals(config.select()) ? Demonstrations.similar(data.train(), Example::text, config.k(), data.model())
                : Demonstrations.random(data.train(), config.k(), data.seed());
        LikelihoodScorer scorer = config.method() == LlmMethod.LIKELIHOOD ? data.providers().likelihood(config.provider()).orElse(null) : null;
        String fallback = mostFrequent(data.train(), data.labels());
        if (config.optimize() == null) {
            return new LlmCandidate(config, data.providers().provider(config.provider()), scorer, prompt(config, data), demonstrations,
                    fallback, data.seed());
        }
        LlmPromptSearch.Result found = LlmPromptSearch.search(config, data, scorer, fallback);
        LlmConfig optimised = config.withSystemTemplate(found.system());
        return new OptimizedCandidate(new LlmCandidate(optimised, data.providers().provider(config.provider()), scorer,
                prompt(optimised, data), found.demonstrations() == null ? demonstrations : Demonstrations.fixed(found.demonstrations()),
                fallback, data.seed()), found.evidence());
    }

    private static LlmPrompt prompt(LlmConfig config, TrainingData data) {
        return new LlmPrompt(config.systemTemplate(), config.userTemplate(), config.demonstrationTemplate(), data.labels(), data.descriptions());
    }

    private static String mostFrequent(List<Example> train, List<String> labels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String label : labels) counts.put(label, 0);
        for (Example e : train) counts.merge(e.label(), 1, Integer::sum);
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** llm.json's method; candidates saved before there was a choice generated their answers. */
    private static LlmMethod savedMethod(JsonNode root, Path directory) {
        String method = root.path("method").asText(LlmMethod.GENERATE.id());
        try {
            return LlmMethod.of(method);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(directory.resolve("llm.json") + ": method must be generate or likelihood, got '" + method + "'");
        }
    }

    /**
     * Rebuilds a saved LLM candidate; the key is read again from the variable named in llm.json.
     * Outside a run, the candidate has a provider of its own.
     */
    static Candidate load(CandidateFolder folder) {
        Path directory = folder.directory();
        JsonNode root = folder.json("llm.json", "the LLM candidate folder is incomplete");
        LlmKind kind = StrategyKinds.byId(root.path("kind").asText()) instanceof LlmKind llm ? llm : null;
        JsonNode p = root.path("provider");
        ProviderConfig provider;
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            p.path("settings").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
            provider = new ProviderConfig(p.path("name").asText(), p.path("type").asText(),
                    p.hasNonNull("base_url") ? URI.create(p.get("base_url").asText()) : null,
                    p.path("model").asText(), p.path("api_key_env").asText(""), p.path("max_concurrency").asInt(8),
                    p.path("requests_per_minute").asInt(500), p.path("timeout_seconds").asInt(60), p.path("max_retries").asInt(5),
                    p.path("usd_per_million_input_tokens").asDouble(0), p.path("usd_per_million_output_tokens").asDouble(0),
                    p.path("usd_per_million_training_tokens").asDouble(0),
                    p.hasNonNull("cache_dir") ? Path.of(p.get("cache_dir").asText()) : null, p.path("chat_model").asText(""), settings);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(directory.resolve("llm.json") + ": " + e.getMessage());
        }
        List<String> labels = new ArrayList<>();
        root.path("labels").forEach(l -> labels.add(l.asText()));
        Map<String, String> descriptions = new LinkedHashMap<>();
        root.path("descriptions").properties().forEach(e -> descriptions.put(e.getKey(), e.getValue().asText()));
        List<Example> pool = new ArrayList<>();
        root.path("demonstration_pool").forEach(e -> pool.add(new Example(e.path("text").asText(), e.path("label").asText(),
                directory.resolve("llm.json").toString())));
        boolean similar = "similar".equals(root.path("select").asText());
        int k = root.path("k").asInt(0);
        LlmConfig config = new LlmConfig(root.path("name").asText("llm"), kind, provider, root.path("system").asText(),
                root.path("user").asText(), root.path("demonstration").asText(), k, similar ? "similar" : "random",
                root.path("samples").asInt(1), root.path("temperature").asDouble(0), root.path("max_tokens").asInt(16),
                savedMethod(root, directory));
        Demonstrations<Example> demonstrations = similar ? Demonstrations.similar(pool, Example::text, k, folder.model())
                : Demonstrations.fixed(pool);
        Provider connection = Providers.create(provider);
        return new LlmCandidate(config, connection, connection instanceof LikelihoodScorer scorer ? scorer : null,
                new LlmPrompt(config.systemTemplate(), config.userTemplate(), config.demonstrationTemplate(), labels, descriptions),
                demonstrations, root.path("fallback_label").asText(labels.get(0)), root.path("seed").asLong(0));
    }
}
