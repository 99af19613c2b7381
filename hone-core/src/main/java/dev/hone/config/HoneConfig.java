package dev.hone.config;

import dev.hone.provider.ProviderConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * A whole run's configuration, resolved: defaults applied, paths absolute.
 *
 * @param task      the task's name and kind
 * @param source    the file it came from (for messages and provenance)
 * @param resolved  the resolved config as a YAML/JSON tree, saved with every artifact
 * @param providers LLM endpoints by name (the {@code providers:} section), possibly empty
 * @param setup     what the task kind runs on and compares: one of classification, retrieval, generation
 */
public record HoneConfig(TaskConfig task, String model, EvaluationConfig evaluation, DecisionConfig decision, Path source,
                         com.fasterxml.jackson.databind.JsonNode resolved, Map<String, ProviderConfig> providers,
                         TaskSetup setup) {
    public HoneConfig {
        providers = providers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers));
        if (setup == null) throw new IllegalArgumentException("setup is required");
    }

    /** The entry of strategy {@code name} in the resolved config (saved beside its candidate); null when there is none. */
    public com.fasterxml.jackson.databind.JsonNode resolvedStrategy(String name) {
        for (var entry : resolved.path("strategies")) {
            if (entry.path("name").asText().equals(name)) return entry;
        }
        return null;
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
        TaskSetup cached = switch (setup) {
            case ClassificationSetup c -> new ClassificationSetup(c.dataset(), c.labels(),
                    c.strategies().stream().map(s -> s.withLlmCacheIn(directory)).toList());
            case GenerationConfig g -> g.withLlmCacheIn(directory);
            case RetrievalConfig r -> r;
        };
        return new HoneConfig(task, model, evaluation, decision, source, resolved, moved, cached);
    }
}
