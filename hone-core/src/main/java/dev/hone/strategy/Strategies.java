package dev.hone.strategy;

import dev.hone.config.StrategyConfig;

/** Turns a strategy's config into the strategy, by its kind's registration. */
public final class Strategies {
    private Strategies() {
    }

    public static Strategy of(StrategyConfig config) {
        return config.kind().strategyFor(config);
    }
}
