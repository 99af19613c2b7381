package dev.hone.config;

/** One strategy to build and measure; each kind has its own record of settings. */
public sealed interface StrategyConfig
        permits ZeroShotConfig, FewShotConfig, FineTuneConfig, ContrastiveConfig, RagClassifyConfig, LlmConfig,
                CascadeConfig, RemoteFineTuneConfig, DistillConfig {

    /** Unique name in the run (leaderboard row, candidate folder). */
    String name();

    StrategyKind kind();

    /** Whether repeats with other seeds can differ (so are worth running); by kind unless a setting decides. */
    default boolean stochastic() {
        return kind().stochastic();
    }

    /**
     * Every prediction is an LLM's answer ({@code llm-*}, {@code remote-finetune}): such a strategy
     * can be a cascade's {@code remote} or a distillation's {@code teacher}.
     */
    default boolean asksAnLlm() {
        return false;
    }

    /**
     * Building it starts a paid hosted fine-tuning job for its training data, so it must be built
     * once on the real training split: never per cross-validation fold or learning-curve point.
     */
    default boolean startsPaidJobs() {
        return false;
    }
}
