package dev.hone.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a {@code task.kind: generation} run needs beyond the shared sections: its dataset of input →
 * reference pairs, its LLM strategies, and the optional answer checks.
 *
 * @param jsonSchema       a JSON Schema every answer should satisfy ({@code evaluation.json_schema}); null for none
 * @param jsonSchemaSource where the schema came from (a file path, or "inline"), for messages and results
 * @param judge            an LLM grading answers against references ({@code evaluation.judge}); null for none
 */
public record GenerationConfig(GenerationDatasetConfig dataset, List<GenerateConfig> strategies, JsonNode jsonSchema,
                               String jsonSchemaSource, JudgeConfig judge) implements TaskSetup {
    public GenerationConfig {
        if (dataset == null) throw new IllegalArgumentException("dataset is required");
        if (strategies == null || strategies.isEmpty()) throw new IllegalArgumentException("strategies must list at least one strategy");
        strategies = List.copyOf(strategies);
    }

    /** Every provider caching in {@code directory} (see {@link HoneConfig#withLlmCacheIn}). */
    GenerationConfig withLlmCacheIn(java.nio.file.Path directory) {
        List<GenerateConfig> moved = strategies.stream()
                .map(s -> s.withProvider(s.provider().withCacheDirectory(directory))).toList();
        JudgeConfig judged = judge == null ? null : judge.withProvider(judge.provider().withCacheDirectory(directory));
        return new GenerationConfig(dataset, moved, jsonSchema, jsonSchemaSource, judged);
    }
}
