package dev.hone.strategy.llmfinetune;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import dev.hone.strategy.llm.LlmConfig;
import dev.hone.strategy.llm.LlmKind;
import java.util.Set;

/**
 * {@code llm-finetune}: the provider's model fine-tuned on the training split by the provider — a
 * hosted job (OpenAI) or, for {@code type: local}, training in this process; the fine-tuned model
 * then answers like {@code llm-zero-shot}. In a {@code task.kind: generation} run the same job
 * trains on the reference outputs and the tuned model answers like {@code llm-generate}
 * ({@link dev.hone.config.GenerateConfig#tuning()}). Not stochastic here. Its former name,
 * {@code remote-finetune} (from when only hosted jobs existed), is still accepted.
 */
public final class LlmFineTuneKind extends ClassifierKind<LlmFineTuneConfig> {
    public static final LlmFineTuneKind LLM_FINETUNE = new LlmFineTuneKind();

    /** The keys of the job itself, the same in a classification and a generation run. */
    public static final Set<String> JOB_KEYS = Set.of("epochs", "batch_size", "learning_rate_multiplier", "suffix", "poll_seconds",
            "max_wait_minutes");
    private static final Set<String> KEYS = Set.of("name", "kind", "provider", "system", "user", "max_tokens", "epochs", "batch_size",
            "learning_rate_multiplier", "suffix", "poll_seconds", "max_wait_minutes");

    private LlmFineTuneKind() {
        super("llm-finetune", LlmFineTuneConfig.class, Set.of(Trait.ASKS_AN_LLM, Trait.ALSO_GENERATES));
    }

    @Override
    public Set<String> formerIds() {
        return Set.of("remote-finetune");
    }

    /** Reads the entry: the provider, the job's hyperparameters, polling and the prompt templates. */
    @Override
    public LlmFineTuneConfig read(ConfigNode node, StrategyContext context) {
        String name = name(node);
        node.rejectUnknownKeys(KEYS);
        ProviderConfig provider = context.provider(node, "provider");
        FineTuneJobConfig job = readJob(node, name, provider);
        String system = node.string("system", LlmConfig.DEFAULT_SYSTEM, false);
        String user = node.string("user", LlmConfig.DEFAULT_USER, false);
        if (user != null && !user.contains("{text}")) node.problem("user", "must contain {text}, where the text to classify goes");
        int maxTokens = node.integer("max_tokens", 16, 1, 100_000);
        if (job == null || user == null || !user.contains("{text}")) return null;
        return new LlmFineTuneConfig(name, provider, job.epochs(), job.batchSize(), job.learningRateMultiplier(), job.suffix(),
                job.pollSeconds(), job.maxWaitMinutes(), system, user, maxTokens, job.jobDirectory());
    }

    /**
     * The job's keys of an entry ({@link #JOB_KEYS}), for a classification or a generation run;
     * null when the provider is missing (the problem is already recorded) or a key is wrong.
     */
    public static FineTuneJobConfig readJob(ConfigNode node, String name, ProviderConfig provider) {
        int epochs = node.integer("epochs", LlmFineTuneConfig.DEFAULT_EPOCHS, 1, 50);
        int batchSize = node.integer("batch_size", 0, 0, 256);
        double learningRate = node.number("learning_rate_multiplier", 0, 0, 100);
        String suffix = node.string("suffix", "", false);
        boolean suffixOk = suffix != null && suffix.matches("[A-Za-z0-9_-]{0,40}");
        if (suffix != null && !suffixOk) {
            node.problem("suffix", "may use up to 40 letters, digits, '_' and '-' (it goes into the model's name), got '" + suffix + "'");
        }
        // An in-process job ends with the run and waiting for it costs nothing: ask often, and wait until it ends.
        boolean inProcess = provider != null && Providers.runsInProcess(provider.type());
        double poll = node.number("poll_seconds", inProcess ? LlmFineTuneConfig.DEFAULT_IN_PROCESS_POLL_SECONDS
                : LlmFineTuneConfig.DEFAULT_POLL_SECONDS, 0.001, 3600);
        double maxWait = node.number("max_wait_minutes", inProcess ? LlmFineTuneConfig.LONGEST_WAIT_MINUTES
                : LlmFineTuneConfig.DEFAULT_MAX_WAIT_MINUTES, 0.001, LlmFineTuneConfig.LONGEST_WAIT_MINUTES);
        if (provider == null || !suffixOk) return null;
        return new FineTuneJobConfig(name, provider, epochs, batchSize, learningRate, suffix, poll, maxWait,
                FineTuneJobConfig.jobDirectoryFor(provider));
    }

    /** The job's keys as they ran, into a strategy's entry of the resolved config. */
    public static void writeJob(FineTuneJobConfig job, ObjectNode node) {
        node.put("epochs", job.epochs()).put("batch_size", job.batchSize()).put("learning_rate_multiplier", job.learningRateMultiplier())
                .put("suffix", job.suffix()).put("poll_seconds", job.pollSeconds()).put("max_wait_minutes", job.maxWaitMinutes());
    }

    @Override
    protected void writeSettings(LlmFineTuneConfig r, ObjectNode node) {
        node.put("provider", r.provider().name());
        writeJob(r.job(), node);
        node.put("system", r.systemTemplate()).put("user", r.userTemplate()).put("max_tokens", r.maxTokens());
    }

    @Override
    protected Strategy build(LlmFineTuneConfig config) {
        return new LlmFineTuneStrategy(config);
    }

    /** Saved as the llm-zero-shot candidate that asks the fine-tuned model. */
    @Override
    public Candidate load(CandidateFolder folder) {
        return LlmKind.loadSaved(folder);
    }
}
