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
import dev.hone.provider.ProviderPool;
import dev.hone.provider.Providers;
import dev.hone.strategy.LlmFineTune;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code llm-finetune} job, hosted or in-process behind the same provider calls, resumable:
 * export the training chats as JSONL, then upload it, create the job and poll it until it ends —
 * recording the state in the job ledger after each step, so a run that stops anywhere (or a later
 * run of the same config, into any output folder) picks up where it was instead of uploading and
 * paying again. A job the server failed or cancelled is reported with the server's reason and
 * never restarted on its own. Classification and generation runs both train through here; what
 * differs is only the answer in each chat (a label, a reference output).
 */
public final class FineTuneJobRunner {
    /** Polls wait longer each time, up to this many times {@code poll_seconds}. */
    private static final double LONGEST_POLL_FACTOR = 6;

    private final FineTuneJobConfig config;

    public FineTuneJobRunner(FineTuneJobConfig config) {
        this.config = config;
    }

    /**
     * Trains (or finds the recorded job that trained) the provider's model on {@code train}.
     *
     * @param providers the run's connections: uploads and polls count against the same limits as the chats
     * @return what the job did and cost, naming the fine-tuned model to ask
     */
    public LlmFineTune run(List<TrainingChat> train, ProviderPool providers, TrainingListener listener) {
        return run(ChatTrainingFile.of(train), providers, listener);
    }

    LlmFineTune run(ChatTrainingFile file, ProviderPool providers, TrainingListener listener) {
        ProviderConfig p = config.provider();
        String hyperparameters = String.format(Locale.ROOT, "n_epochs=%d batch_size=%s learning_rate_multiplier=%s suffix=%s",
                config.epochs(), config.batchSize() == 0 ? "auto" : config.batchSize(),
                config.learningRateMultiplier() == 0 ? "auto" : config.learningRateMultiplier(), config.suffix());
        String key = ChatTrainingFile.sha256(String.join("\u0000", file.sha256(), p.where(), p.model(), hyperparameters)
                .getBytes(StandardCharsets.UTF_8));
        FineTuneLedger ledger = new FineTuneLedger(config.jobDirectory());
        FineTuneJobState recorded = ledger.find(key).orElse(null);
        FineTuneJobState state;
        if (recorded != null && recorded.succeeded()) {
            state = recorded;
            listener.message("fine-tuned model " + state.fineTunedModel() + " from job " + state.jobId()
                    + " (recorded in " + ledger.file(key) + "): nothing to upload or train");
        } else {
            if (recorded != null && recorded.failed()) throw failed(recorded, ledger);
            FineTuningProvider tuner = providers.fineTuning(p).orElseThrow(() -> new BadInputException("strategy '"
                    + config.name() + "': provider '" + p.name() + "' (type " + p.type() + ") cannot run fine-tuning jobs;"
                    + " use a provider of type openai (hosted jobs) or local (in-process)"));
            state = run(tuner, recorded != null ? recorded : FineTuneJobState.fresh(key, p.where(), p.model(),
                    hyperparameters, file), file, ledger, listener);
        }
        return new LlmFineTune(state.jobId(), state.baseModel(), state.fineTunedModel(), state.fileId(),
                state.examples(), state.estimatedTokens(), state.trainedTokens(),
                state.trainedTokens() * p.usdPerMillionTraining() / 1_000_000.0, state.jobSeconds(), state.waitedSeconds(),
                recorded != null, ledger.file(key).toString(), Providers.runsInProcess(p.type()), forgetting(providers, state, listener),
                state.truncatedAnswers());
    }

    /** The general-text perplexity of the base and the tuned model, when the provider can read it (in process); else null. */
    private PerplexityProbe.Perplexities forgetting(ProviderPool providers, FineTuneJobState state, TrainingListener listener) {
        if (!(providers.fineTuning(config.provider()).orElse(null) instanceof PerplexityProbe probe)) return null;
        PerplexityProbe.Perplexities measured = probe.generalTextPerplexity(state.fineTunedModel());
        listener.message(String.format(Locale.ROOT, "llm-finetune '%s': general-text perplexity %.3f before tuning, %.3f after",
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
                + " trained tokens" + (state.truncatedAnswers() == 0 ? ""
                : ", " + state.truncatedAnswers() + " answers cut at their end to fit the trainer's maximum length"));
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
