package dev.hone.strategy.remotefinetune;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.provider.ProviderConfig;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import dev.hone.strategy.llm.LlmConfig;
import dev.hone.strategy.llm.LlmKind;
import java.util.Set;

/**
 * {@code remote-finetune}: a hosted fine-tuning job; the fine-tuned model then answers like
 * {@code llm-zero-shot}. Paid upfront, not stochastic here.
 */
public final class RemoteFineTuneKind extends ClassifierKind<RemoteFineTuneConfig> {
    public static final RemoteFineTuneKind REMOTE_FINETUNE = new RemoteFineTuneKind();

    private static final Set<String> KEYS = Set.of("name", "kind", "provider", "system", "user", "max_tokens", "epochs", "batch_size",
            "learning_rate_multiplier", "suffix", "poll_seconds", "max_wait_minutes");

    private RemoteFineTuneKind() {
        super("remote-finetune", RemoteFineTuneConfig.class, Set.of(Trait.ASKS_AN_LLM));
    }

    /** Reads the entry: the provider, the job's hyperparameters, polling and the prompt templates. */
    @Override
    public RemoteFineTuneConfig read(ConfigNode node, StrategyContext context) {
        String name = name(node);
        node.rejectUnknownKeys(KEYS);
        ProviderConfig provider = context.provider(node, "provider");
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

    @Override
    protected void writeSettings(RemoteFineTuneConfig r, ObjectNode node) {
        node.put("provider", r.provider().name()).put("epochs", r.epochs())
                .put("batch_size", r.batchSize()).put("learning_rate_multiplier", r.learningRateMultiplier())
                .put("suffix", r.suffix()).put("poll_seconds", r.pollSeconds()).put("max_wait_minutes", r.maxWaitMinutes())
                .put("system", r.systemTemplate()).put("user", r.userTemplate()).put("max_tokens", r.maxTokens());
    }

    @Override
    protected Strategy build(RemoteFineTuneConfig config) {
        return new RemoteFineTuneStrategy(config);
    }

    /** Saved as the llm-zero-shot candidate that asks the fine-tuned model. */
    @Override
    public Candidate load(CandidateFolder folder) {
        return LlmKind.loadSaved(folder);
    }
}
