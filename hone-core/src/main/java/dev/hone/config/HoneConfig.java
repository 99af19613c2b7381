package dev.hone.config;

import dev.hone.provider.ProviderConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole run's configuration, resolved: defaults applied, paths absolute.
 *
 * @param labels optional label → description, used by zero-shot (insertion order is kept)
 * @param source the file it came from (for messages and provenance)
 * @param resolved the resolved config as a YAML/JSON tree, saved with every artifact
 * @param retrieval the documents and judged queries of a {@code task.kind: retrieval} run; null otherwise
 * @param providers LLM endpoints by name (the {@code providers:} section), possibly empty
 * @param generation the pairs, strategies and answer checks of a {@code task.kind: generation} run; null otherwise
 */
public record HoneConfig(TaskConfig task, DatasetConfig dataset, Map<String, String> labels, String model,
                         List<StrategyConfig> strategies, EvaluationConfig evaluation, DecisionConfig decision,
                         Path source, com.fasterxml.jackson.databind.JsonNode resolved, RetrievalConfig retrieval,
                         Map<String, ProviderConfig> providers, GenerationConfig generation) {
    public HoneConfig {
        providers = providers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers));
    }

    /** A classification or retrieval run's config. */
    public HoneConfig(TaskConfig task, DatasetConfig dataset, Map<String, String> labels, String model,
                      List<StrategyConfig> strategies, EvaluationConfig evaluation, DecisionConfig decision,
                      Path source, com.fasterxml.jackson.databind.JsonNode resolved, RetrievalConfig retrieval,
                      Map<String, ProviderConfig> providers) {
        this(task, dataset, labels, model, strategies, evaluation, decision, source, resolved, retrieval, providers, null);
    }

    /** A classification run's config without providers (every route runs in process). */
    public HoneConfig(TaskConfig task, DatasetConfig dataset, Map<String, String> labels, String model,
                      List<StrategyConfig> strategies, EvaluationConfig evaluation, DecisionConfig decision,
                      Path source, com.fasterxml.jackson.databind.JsonNode resolved) {
        this(task, dataset, labels, model, strategies, evaluation, decision, source, resolved, null, Map.of());
    }

    /** True for {@code task.kind: retrieval}: the search modes over a knowledge base are the candidates. */
    public boolean isRetrieval() {
        return retrieval != null;
    }

    /** True for {@code task.kind: generation}: LLM strategies write free-text answers scored against references. */
    public boolean isGeneration() {
        return generation != null;
    }

    /**
     * The same config with every provider caching in {@code directory} ({@code hone run --no-cache}
     * passes a fresh folder in the run's output): nothing answered in earlier runs is reused, yet
     * each distinct request of this run is paid once, however often the run asks it. Fine-tuning
     * jobs are not answers: their ledger stays in the configured cache, so a job is never bought twice.
     */
    public HoneConfig withLlmCacheIn(Path directory) {
        Map<String, ProviderConfig> moved = new java.util.LinkedHashMap<>();
        providers.forEach((name, p) -> moved.put(name, p.withCacheDirectory(directory)));
        List<StrategyConfig> rewritten = strategies.stream().map(s -> s.withLlmCacheIn(directory)).toList();
        return new HoneConfig(task, dataset, labels, model, rewritten, evaluation, decision, source, resolved, retrieval, moved,
                generation == null ? null : generation.withLlmCacheIn(directory));
    }
}
