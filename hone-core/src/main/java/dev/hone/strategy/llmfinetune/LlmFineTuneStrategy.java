package dev.hone.strategy.llmfinetune;

import dev.hone.engine.train.TrainingListener;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.provider.FineTuneEvent;
import dev.hone.provider.FineTuneJob;
import dev.hone.provider.FineTuneRequest;
import dev.hone.provider.FineTuningProvider;
import dev.hone.provider.PerplexityProbe;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderException;
import dev.hone.provider.Providers;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.LlmFineTune;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.llm.LlmConfig;
import dev.hone.strategy.llm.LlmPrompt;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * An LLM fine-tuning job, hosted or in-process behind the same provider calls, resumable: export
 * the training split as chat JSONL, then upload it,
 * create the job and poll it until it ends — recording the state in the job ledger after each
 * step, so a run that stops anywhere (or a later run of the same config, into any output folder)
 * picks up where it was instead of uploading and paying again. A job the server failed or
 * cancelled is reported with the server's reason and never restarted on its own. The fine-tuned
 * model then answers as an llm-zero-shot candidate with the same templates.
 */
final class LlmFineTuneStrategy implements Strategy {
    /** Polls wait longer each time, up to this many times {@code poll_seconds}. */
    private static final double LONGEST_POLL_FACTOR = 6;

    private final LlmFineTuneConfig config;

    LlmFineTuneStrategy(LlmFineTuneConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        LlmPrompt prompt = new LlmPrompt(config.systemTemplate(), config.userTemplate(), LlmConfig.DEFAULT_DEMONSTRATION,
                data.labels(), data.descriptions());
        ChatTrainingFile file = ChatTrainingFile.of(data.train(), prompt);
        ProviderConfig p = config.provider();
        String hyperparameters = String.format(Locale.ROOT, "n_epochs=%d batch_size=%s learning_rate_multiplier=%s suffix=%s",
                config.epochs(), config.batchSize() == 0 ? "auto" : config.batchSize(),
                config.learningRateMultiplier() == 0 ? "auto" : config.learningRateMultiplier(), config.suffix());
        String key = ChatTrainingFile.sha256(String.join("\u0000", file.sha256(), p.baseUrl().toString(), p.model(), hyperparameters)
                .getBytes(StandardCharsets.UTF_8));
        FineTuneLedger ledger = new FineTuneLedger(config.jobDirectory());
        FineTuneJobState recorded = ledger.find(key).orElse(null);
        FineTuneJobState state;
        if (recorded != null && recorded.succeeded()) {
            state = recorded;
            data.listener().message("fine-tuned model " + state.fineTunedModel() + " from job " + state.jobId()
                    + " (recorded in " + ledger.file(key) + "): nothing to upload or train");
        } else {
            if (recorded != null && recorded.failed()) throw failed(recorded, ledger);
            // The run's connection: uploads and polls count against the same limits as the chats.
            FineTuningProvider tuner = data.providers().fineTuning(p).orElseThrow(() -> new BadInputException("strategy '"
                    + config.name() + "': provider '" + p.name() + "' (type " + p.type() + ") cannot run fine-tuning jobs;"
                    + " use a provider of type openai (hosted jobs) or local (in-process)"));
            state = run(tuner, recorded != null ? recorded : FineTuneJobState.fresh(key, p.baseUrl().toString(), p.model(),
                    hyperparameters, file), file, ledger, data.listener());
        }
        LlmFineTune job = new LlmFineTune(state.jobId(), state.baseModel(), state.fineTunedModel(), state.fileId(),
                state.examples(), state.estimatedTokens(), state.trainedTokens(),
                state.trainedTokens() * p.usdPerMillionTraining() / 1_000_000.0, state.jobSeconds(), state.waitedSeconds(),
                recorded != null, ledger.file(key).toString(), Providers.runsInProcess(p.type()), forgetting(data, state));
        Candidate answering = Strategies.of(config.answering(state.fineTunedModel())).build(data);
        return new LlmFineTuneCandidate(answering, job);
    }

    /** The general-text perplexity of the base and the tuned model, when the provider can read it (in process); else null. */
    private PerplexityProbe.Perplexities forgetting(TrainingData data, FineTuneJobState state) {
        if (!(data.providers().fineTuning(config.provider()).orElse(null) instanceof PerplexityProbe probe)) return null;
        PerplexityProbe.Perplexities measured = probe.generalTextPerplexity(state.fineTunedModel());
        data.listener().message(String.format(Locale.ROOT, "llm-finetune '%s': general-text perplexity %.3f before tuning, %.3f after",
                config.name(), measured.base(), measured.tuned()));
        return measured;
    }

    /** Whatever steps are still missing — upload, create, wait — each recorded as soon as it happened. */
    private FineTuneJobState run(FineTuningProvider tuner, FineTuneJobState start, ChatTrainingFile file, FineTuneLedger ledger,
                                 TrainingListener listener) {
        FineTuneJobState state = start;
        String where = "llm-finetune '" + config.name() + "': ";
        if (state.fileId().isEmpty()) {
            double estimate = file.estimatedTokens() * (double) config.epochs() * config.provider().usdPerMillionTraining() / 1_000_000.0;
            listener.message(where + String.format(Locale.ROOT, "uploading %d examples (about %,d tokens; about $%.4f for %d epochs)",
                    file.examples(), file.estimatedTokens(), estimate, config.epochs()));
            state = state.uploaded(tuner.uploadTrainingFile(config.name() + "-train.jsonl", file.bytes()));
            ledger.save(state);
        }
        if (state.jobId().isEmpty()) {
            FineTuneJob job = tuner.createJob(new FineTuneRequest(state.fileId(), state.baseModel(), config.epochs(), config.batchSize(),
                    config.learningRateMultiplier(), config.suffix()));
            state = state.observed(job, 0);
            ledger.save(state);
            listener.message(where + "created fine-tuning job " + job.id() + " on " + state.baseModel() + " (recorded in "
                    + ledger.file(state.key()) + ")");
        } else {
            listener.message(where + "resuming job " + state.jobId() + " (" + state.status() + "), recorded in " + ledger.file(state.key()));
        }
        state = await(tuner, state, ledger, listener, where);
        if (state.failed()) throw failed(state, ledger);
        listener.message(where + "job " + state.jobId() + " succeeded: " + state.fineTunedModel() + ", " + state.trainedTokens()
                + " trained tokens");
        return state;
    }

    /** Polls with a growing interval until the job ends or this run's max_wait_minutes is up. */
    private FineTuneJobState await(FineTuningProvider tuner, FineTuneJobState start, FineTuneLedger ledger, TrainingListener listener,
                                   String where) {
        FineTuneJobState state = start;
        long began = System.nanoTime();
        long deadline = began + (long) (config.maxWaitMinutes() * 60e9);
        double interval = config.pollSeconds();
        Set<String> seenEvents = new HashSet<>();
        boolean eventsWork = true;
        long lastPoll = System.nanoTime();
        while (!state.succeeded() && !state.failed()) {
            if (System.nanoTime() > deadline) {
                throw new ProviderException(where + "job " + state.jobId() + " is still " + state.status() + " after "
                        + config.maxWaitMinutes() + " minutes (max_wait_minutes); it is recorded in " + ledger.file(state.key())
                        + ": run again to keep waiting for it, no new job will be started");
            }
            sleep(interval);
            interval = Math.min(interval * 1.5, config.pollSeconds() * LONGEST_POLL_FACTOR);
            FineTuneJob job = tuner.job(state.jobId());
            long now = System.nanoTime();
            String before = state.status();
            state = state.observed(job, (now - lastPoll) / 1e9);
            lastPoll = now;
            ledger.save(state);
            if (!before.equals(state.status())) listener.message(where + "job " + state.jobId() + ": " + state.status());
            if (eventsWork) {
                try {
                    for (FineTuneEvent event : tuner.events(state.jobId())) {
                        if (seenEvents.add(event.id())) listener.message(where + "  " + event.message());
                    }
                } catch (ProviderException e) {
                    eventsWork = false; // progress lines are a courtesy; the job's status is what counts
                    listener.message(where + "no progress events (" + e.getMessage() + ")");
                }
            }
        }
        return state;
    }

    private ProviderException failed(FineTuneJobState state, FineTuneLedger ledger) {
        return new ProviderException("llm-finetune '" + config.name() + "': fine-tuning job " + state.jobId() + " " + state.status()
                + (state.error().isBlank() ? "" : ": " + state.error()) + ". Hone does not start a paid job again by itself: fix the cause, "
                + "then delete " + ledger.file(state.key()) + " (or change suffix) to start a new one");
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) Math.ceil(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HoneException("interrupted while waiting for a fine-tuning job; run again to resume it");
        }
    }
}
