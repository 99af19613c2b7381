package dev.hone.strategy.llmfinetune;

import dev.hone.config.StrategyConfig;
import dev.hone.provider.ProviderConfig;
import dev.hone.strategy.llm.LlmConfig;
import dev.hone.strategy.llm.LlmKind;
import java.nio.file.Path;

/**
 * Fine-tunes the provider's model on the training split — a hosted job (OpenAI's fine-tuning API)
 * or, with a {@code type: local} provider, training in this process — then classifies through
 * the fine-tuned model exactly as {@code llm-zero-shot} does, with the same templates (the
 * training file is written with them, so training and asking match).
 *
 * @param epochs        passes over the training file (default 3)
 * @param batchSize     0 (default) lets the server choose
 * @param learningRateMultiplier 0 (default) lets the server choose
 * @param suffix        put into the fine-tuned model's name (default: none)
 * @param pollSeconds   first wait between status checks (default 10, 1 in process); each wait grows by half, up to six times this
 * @param maxWaitMinutes how long one run waits for the job (default 120); a re-run keeps waiting on the same job. In
 *                      process the default is the longest wait, a week: the job stops with the run that waits for it
 * @param jobDirectory  where each job's state is recorded as soon as it changes ({@code <cache_dir>/finetune-jobs},
 *                      kept there even under {@code --no-cache}: it is a ledger of what was paid, not an answer cache)
 */
public record LlmFineTuneConfig(String name, ProviderConfig provider, int epochs, int batchSize, double learningRateMultiplier,
                                   String suffix, double pollSeconds, double maxWaitMinutes, String systemTemplate,
                                   String userTemplate, int maxTokens, Path jobDirectory) implements StrategyConfig {
    public static final int DEFAULT_EPOCHS = 3;
    public static final double DEFAULT_POLL_SECONDS = 10;
    public static final double DEFAULT_MAX_WAIT_MINUTES = 120;
    public static final double DEFAULT_IN_PROCESS_POLL_SECONDS = 1;
    public static final double LONGEST_WAIT_MINUTES = 10_080;

    public LlmFineTuneConfig {
        // The job's settings are checked where they are defined, once for both of the route's tasks.
        new FineTuneJobConfig(name, provider, epochs, batchSize, learningRateMultiplier, suffix, pollSeconds, maxWaitMinutes, jobDirectory);
        if (userTemplate == null || !userTemplate.contains("{text}")) {
            throw new IllegalArgumentException("strategy '" + name + "': user must contain {text}");
        }
        if (maxTokens < 1) throw new IllegalArgumentException("strategy '" + name + "': max_tokens must be ≥ 1, got " + maxTokens);
        suffix = suffix == null ? "" : suffix;
    }

    /** The job ledger for a provider ({@link FineTuneJobConfig#jobDirectoryFor}). */
    public static Path jobDirectoryFor(ProviderConfig provider) {
        return FineTuneJobConfig.jobDirectoryFor(provider);
    }

    /** The job part of this strategy: what is asked of the provider's fine-tuning, checked there. */
    public FineTuneJobConfig job() {
        return new FineTuneJobConfig(name, provider, epochs, batchSize, learningRateMultiplier, suffix, pollSeconds, maxWaitMinutes,
                jobDirectory);
    }

    /** How the fine-tuned model is asked: llm-zero-shot with these templates, at temperature 0. */
    public LlmConfig answering(String fineTunedModel) {
        return new LlmConfig(name, LlmKind.LLM_ZERO_SHOT, provider.withModel(fineTunedModel), systemTemplate, userTemplate,
                LlmConfig.DEFAULT_DEMONSTRATION, 0, "random", 1, 0, maxTokens);
    }

    /**
     * Answers move to the fresh cache; the job ledger stays where it is (a fresh cache must not mean
     * paying for a second job).
     */
    @Override
    public LlmFineTuneConfig withLlmCacheIn(Path directory) {
        return new LlmFineTuneConfig(name, provider.withCacheDirectory(directory), epochs, batchSize, learningRateMultiplier,
                suffix, pollSeconds, maxWaitMinutes, systemTemplate, userTemplate, maxTokens, jobDirectory);
    }

    @Override
    public LlmFineTuneKind kind() {
        return LlmFineTuneKind.LLM_FINETUNE;
    }

    @Override
    public boolean startsPaidJobs() {
        return true;
    }
}
