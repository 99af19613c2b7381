package dev.hone.config;

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
 */
public record HoneConfig(TaskConfig task, DatasetConfig dataset, Map<String, String> labels, String model,
                         List<StrategyConfig> strategies, EvaluationConfig evaluation, DecisionConfig decision,
                         Path source, com.fasterxml.jackson.databind.JsonNode resolved, RetrievalConfig retrieval) {

    /** A classification run's config (no retrieval section). */
    public HoneConfig(TaskConfig task, DatasetConfig dataset, Map<String, String> labels, String model,
                      List<StrategyConfig> strategies, EvaluationConfig evaluation, DecisionConfig decision,
                      Path source, com.fasterxml.jackson.databind.JsonNode resolved) {
        this(task, dataset, labels, model, strategies, evaluation, decision, source, resolved, null);
    }

    /** True for {@code task.kind: retrieval}: the search modes over a knowledge base are the candidates. */
    public boolean isRetrieval() {
        return retrieval != null;
    }
}
