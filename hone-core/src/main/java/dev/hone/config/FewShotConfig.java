package dev.hone.config;

/**
 * In-context examples for an encoder: k labelled examples per class, chosen at random or by
 * similarity to each query, classified by nearest neighbours or class prototypes.
 */
public record FewShotConfig(String name, int k, String select, String method) implements StrategyConfig {
    public static final int DEFAULT_K = 8;

    @Override
    public StrategyKind kind() {
        return StrategyKind.FEW_SHOT;
    }
}
