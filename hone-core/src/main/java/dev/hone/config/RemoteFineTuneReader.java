package dev.hone.config;

import dev.hone.provider.ProviderConfig;
import java.util.Map;
import java.util.Set;

/** Reads a {@code remote-finetune} entry: the provider, the job's hyperparameters, polling and the prompt templates. */
final class RemoteFineTuneReader {
    private static final Set<String> KEYS = Set.of("name", "kind", "provider", "system", "user", "max_tokens", "epochs", "batch_size",
            "learning_rate_multiplier", "suffix", "poll_seconds", "max_wait_minutes");

    private RemoteFineTuneReader() {
    }

    static RemoteFineTuneConfig read(ConfigNode node, String name, Map<String, ProviderConfig> providers) {
        node.rejectUnknownKeys(KEYS);
        ProviderConfig provider = LlmStrategyReader.provider(node, "provider", providers);
        int epochs = node.integer("epochs", RemoteFineTuneConfig.DEFAULT_EPOCHS, 1, 50);
        int batchSize = node.integer("batch_size", 0, 0, 256);
        double learningRate = node.number("learning_rate_multiplier", 0, 0, 100);
        String suffix = node.string("suffix", "", false);
        if (suffix != null && !suffix.matches("[A-Za-z0-9_-]{0,40}")) {
            node.problem("suffix", "may use up to 40 letters, digits, '_' and '-' (it goes into the model's name), got '" + suffix + "'");
        }
        double poll = node.number("poll_seconds", RemoteFineTuneConfig.DEFAULT_POLL_SECONDS, 0.001, 3600);
        double maxWait = node.number("max_wait_minutes", RemoteFineTuneConfig.DEFAULT_MAX_WAIT_MINUTES, 0.001, 10_080);
        String system = node.string("system", LlmConfig.DEFAULT_SYSTEM, false);
        String user = node.string("user", LlmConfig.DEFAULT_USER, false);
        if (user != null && !user.contains("{text}")) node.problem("user", "must contain {text}, where the text to classify goes");
        int maxTokens = node.integer("max_tokens", 16, 1, 100_000);
        if (provider == null || user == null || !user.contains("{text}")) return null;
        return new RemoteFineTuneConfig(name, provider, epochs, batchSize, learningRate, suffix, poll, maxWait, system, user, maxTokens,
                RemoteFineTuneConfig.jobDirectoryFor(provider));
    }
}
