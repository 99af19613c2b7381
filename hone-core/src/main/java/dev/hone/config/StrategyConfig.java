package dev.hone.config;

/** One strategy to build and measure; each kind has its own record of settings. */
public sealed interface StrategyConfig
        permits ZeroShotConfig, FewShotConfig, FineTuneConfig, ContrastiveConfig, RagClassifyConfig {

    /** Unique name in the run (leaderboard row, candidate folder). */
    String name();

    StrategyKind kind();
}
