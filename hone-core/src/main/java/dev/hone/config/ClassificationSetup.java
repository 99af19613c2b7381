package dev.hone.config;

import java.util.List;
import java.util.Map;

/**
 * A {@code task.kind: classification} run's data and candidates.
 *
 * @param labels optional label → description, used by zero-shot (insertion order is kept)
 */
public record ClassificationSetup(DatasetConfig dataset, Map<String, String> labels, List<StrategyConfig> strategies)
        implements TaskSetup {
    public ClassificationSetup {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        strategies = List.copyOf(strategies);
    }
}
