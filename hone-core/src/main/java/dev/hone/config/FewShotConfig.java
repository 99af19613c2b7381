package dev.hone.config;

/**
 * In-context examples for an encoder: k labelled examples per class, chosen at random or by
 * similarity to each query, classified by nearest neighbours or class prototypes. {@code k = 0}
 * (k not set) means up to {@link #DEFAULT_K}, fewer when the smallest class has fewer, so the
 * defaults also work with a handful of examples per class.
 */
public record FewShotConfig(String name, int k, String select, String method) implements StrategyConfig {
    public static final int DEFAULT_K = 8;

    /** The k to use when the smallest class has {@code smallest} training examples. */
    public int kFor(int smallest) {
        return k == 0 ? Math.min(DEFAULT_K, smallest) : k;
    }

    @Override
    public StrategyKind kind() {
        return StrategyKind.FEW_SHOT;
    }
}
