package dev.hone.config;

/** One strategy to build and measure; each kind has its own record of settings. */
public sealed interface StrategyConfig
        permits ZeroShotConfig, FewShotConfig, FineTuneConfig, ContrastiveConfig, RagClassifyConfig, LlmConfig,
                CascadeConfig {

    /** Unique name in the run (leaderboard row, candidate folder). */
    String name();

    StrategyKind kind();

    /** Whether repeats with other seeds can differ (so are worth running); by kind unless a setting decides. */
    default boolean stochastic() {
        return kind().stochastic();
    }
}
