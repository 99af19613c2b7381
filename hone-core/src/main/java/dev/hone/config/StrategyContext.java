package dev.hone.config;

import dev.hone.provider.ProviderConfig;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What reading one {@code strategies[i]} entry may need besides the entry itself.
 *
 * @param seed          the run's seed (training options record it)
 * @param providers     the {@code providers:} section, by name
 * @param strategies    the strategies read before this entry, by name: entries that name others
 *                      ({@link dev.hone.strategy.Trait#NAMES_OTHER_STRATEGIES}) are read after all the rest
 * @param baseDirectory the config file's folder, which relative paths are resolved against
 * @param textField     the dataset's text field (for JSONL text files an entry names)
 */
public record StrategyContext(long seed, Map<String, ProviderConfig> providers, Map<String, StrategyConfig> strategies,
                              Path baseDirectory, String textField) {
    public StrategyContext {
        // In config order: messages list the names as they were written.
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        strategies = Collections.unmodifiableMap(new LinkedHashMap<>(strategies));
    }

    /**
     * The provider named at {@code key} (required), or null with a problem saying how to define it
     * or which names are defined.
     */
    public ProviderConfig provider(ConfigNode node, String key) {
        return ProviderReader.named(node, key, providers);
    }

    /** The strategy named at key, or null (with a problem and a did-you-mean) when there is none of that name. */
    public StrategyConfig strategy(ConfigNode node, String key) {
        String name = node.string(key, null, true);
        if (name == null || name.isBlank()) return null;
        StrategyConfig strategy = strategies.get(name);
        if (strategy == null) {
            node.problem(key, "'" + name + "' is not the name of a strategy in this config" + ConfigNode.suggestion(name, strategies.keySet())
                    + " (names: " + String.join(", ", strategies.keySet()) + ")");
        }
        return strategy;
    }
}
