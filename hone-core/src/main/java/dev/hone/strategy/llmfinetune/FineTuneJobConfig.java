package dev.hone.strategy.llmfinetune;

import dev.hone.provider.ProviderConfig;
import java.nio.file.Path;

/**
 * How an {@code llm-finetune} job is asked for and waited on: the part of the route that is the
 * same whether the tuned model then classifies (the answer it learns is the label) or generates
 * (the answer is the reference output).
 *
 * @param name           the strategy's name, in messages and the uploaded file's name
 * @param epochs         passes over the training file, within [1, 50]
 * @param batchSize      0 lets the server choose
 * @param learningRateMultiplier 0 lets the server choose
 * @param suffix         put into the fine-tuned model's name ("" for none)
 * @param pollSeconds    first wait between status checks; each wait grows by half, up to six times this
 * @param maxWaitMinutes how long one run waits for the job; a re-run keeps waiting on the same job
 * @param jobDirectory   where each job's state is recorded as soon as it changes (see {@link #jobDirectoryFor})
 */
public record FineTuneJobConfig(String name, ProviderConfig provider, int epochs, int batchSize, double learningRateMultiplier,
                                String suffix, double pollSeconds, double maxWaitMinutes, Path jobDirectory) {
    public FineTuneJobConfig {
        if (provider == null) throw new IllegalArgumentException("strategy '" + name + "': provider is required");
        if (epochs < 1 || epochs > 50) throw new IllegalArgumentException("strategy '" + name + "': epochs must be within [1, 50], got " + epochs);
        if (batchSize < 0) throw new IllegalArgumentException("strategy '" + name + "': batch_size must be ≥ 0 (0: auto), got " + batchSize);
        if (!(learningRateMultiplier >= 0)) {
            throw new IllegalArgumentException("strategy '" + name + "': learning_rate_multiplier must be ≥ 0 (0: auto)");
        }
        if (!(pollSeconds > 0) || !(maxWaitMinutes > 0)) {
            throw new IllegalArgumentException("strategy '" + name + "': poll_seconds and max_wait_minutes must be > 0");
        }
        if (jobDirectory == null) throw new IllegalArgumentException("strategy '" + name + "': jobDirectory is required");
        suffix = suffix == null ? "" : suffix;
    }

    /**
     * The job ledger for a provider: under its cache folder, or the default one when its cache is
     * off. Kept there even under {@code --no-cache}: it is a ledger of what was paid, not an answer cache.
     */
    public static Path jobDirectoryFor(ProviderConfig provider) {
        Path cache = provider.cacheDirectory() == null ? ProviderConfig.defaultCacheDirectory() : provider.cacheDirectory();
        return cache.resolve("finetune-jobs");
    }

    /** The same job asked through {@code other} (the provider moved to a fresh answer cache); the ledger stays where it is. */
    public FineTuneJobConfig withProvider(ProviderConfig other) {
        return new FineTuneJobConfig(name, other, epochs, batchSize, learningRateMultiplier, suffix, pollSeconds, maxWaitMinutes,
                jobDirectory);
    }
}
