package dev.hone.local.tuning;

import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TrainingProgress;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.files.Folders;
import dev.hone.local.LocalModel;
import dev.hone.provider.FineTuneEvent;
import dev.hone.provider.FineTuneJob;
import dev.hone.provider.FineTuneRequest;
import dev.hone.provider.FineTuningProvider;
import dev.hone.provider.ProviderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local provider's fine-tuning, behind the same four calls as a hosted job: an upload keeps
 * the chat JSONL under the work folder ({@code files/<id>.jsonl}, named by its hash, so the same
 * file is the same id); creating a job turns the file into supervised examples with the model's
 * own template and trains LoRA adapters on a background thread, one job at a time (training
 * already uses every core); the fine-tuned model is the folder the adapters were written to
 * ({@code tuned/<job id>}), which is what answers are then asked of.
 *
 * <p>A job's id is a hash of the file, the base model and the settings, so the same request finds
 * the same job: a finished one is returned as it is, never trained again. A job that an earlier
 * process was still training when it ended is trained again from the start when asked about.
 */
public final class LocalFineTuning implements FineTuningProvider, AutoCloseable {
    /** Fewer examples than this in either part: no validation split (the trainer then runs every epoch). */
    static final int MIN_VALIDATION_EXAMPLES = 4;
    /** How long {@link #close()} waits for a training step to finish; a step of a small model takes seconds. */
    private static final long STOP_WAIT_SECONDS = 60;

    private final LocalModel base;
    private final String baseModel;
    private final Path work;
    private final Optional<AdapterTrainer> trainer;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("hone-fine-tuning").factory());
    private final Map<String, LocalTuningJob> jobs = new ConcurrentHashMap<>();

    /**
     * @param baseModel the provider's {@code model:}, as requests name it
     * @param work      where files, job records and tuned folders are kept
     * @param trainer   empty when this build has no trainer: then creating a job is refused, saying so
     */
    public LocalFineTuning(LocalModel base, String baseModel, Path work, Optional<AdapterTrainer> trainer) {
        this.base = base;
        this.baseModel = baseModel;
        this.work = work;
        this.trainer = trainer;
    }

    @Override
    public String uploadTrainingFile(String fileName, byte[] jsonl) {
        if (jsonl.length == 0) throw new BadInputException("the training file " + fileName + " is empty");
        String id = "file-" + sha256(jsonl);
        Path file = trainingFile(id);
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(file.getParent());
                Path partial = file.resolveSibling(id + ".partial");
                Files.write(partial, jsonl);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new HoneException("cannot keep the training file in " + file + " (" + e.getMessage() + "); make the provider's cache_dir writable", e);
        }
        return id;
    }

    @Override
    public synchronized FineTuneJob createJob(FineTuneRequest request) {
        AdapterTrainer training = trainer.orElseThrow(() -> new BadInputException("in-process fine-tuning of " + base.folder()
                + " is not available yet: this build of Hone has no LoRA trainer for local models. Fine-tune through a provider of"
                + " type openai, or compare the local model by prompting it (llm-zero-shot, llm-few-shot, llm-cot)"));
        if (!request.baseModel().equals(baseModel)) {
            throw new BadInputException("a local provider fine-tunes the model it runs, " + baseModel + "; the job asks for " + request.baseModel());
        }
        TuningSettings settings = TuningSettings.of(request);
        String id = "ftjob-local-" + sha256(String.join("\u0000", request.trainingFileId(), baseModel, settings.describe(), request.suffix())
                .getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        LocalTuningJob inThisProcess = jobs.get(id);
        if (inThisProcess != null && !inThisProcess.snapshot().status().equals("failed")) return inThisProcess.snapshot();
        if (inThisProcess == null && Files.isRegularFile(record(id))) {
            LocalTuningJob recorded = LocalTuningJob.read(record(id));
            if (recorded.snapshot().succeeded()) {
                jobs.put(id, recorded);
                return recorded.snapshot();
            }
        }
        // New, failed before (asked again, so tried again) or left unfinished by a process that ended.
        return start(id, request, settings, training);
    }

    @Override
    public FineTuneJob job(String jobId) {
        LocalTuningJob job = jobs.get(jobId);
        if (job != null) return job.snapshot();
        if (!Files.isRegularFile(record(jobId))) {
            throw new ProviderException("no local fine-tuning job " + jobId + " is recorded in " + work.resolve("jobs"));
        }
        LocalTuningJob recorded = LocalTuningJob.read(record(jobId));
        if (recorded.snapshot().finished()) {
            jobs.putIfAbsent(jobId, recorded);
            return recorded.snapshot();
        }
        // The process that was training it ended first: nothing of it was kept, so it trains again.
        return createJob(recorded.request());
    }

    @Override
    public List<FineTuneEvent> events(String jobId) {
        LocalTuningJob job = jobs.get(jobId);
        return job == null ? List.of() : job.events();
    }

    /**
     * Stops the training thread and waits for it (training stops at its next step), so nothing
     * writes into the work folder after this returns; a job it was running stays recorded as
     * running and trains again when next asked about.
     */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("hone: the fine-tuning thread did not stop within " + STOP_WAIT_SECONDS + " s; leaving it to end with the process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FineTuneJob start(String id, FineTuneRequest request, TuningSettings settings, AdapterTrainer training) {
        Path file = trainingFile(request.trainingFileId());
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no training file " + request.trainingFileId() + " was uploaded to this provider (expected " + file + ")");
        }
        SftExamples examples;
        ChatSftEncoder encoder = ChatSftEncoder.of(base, settings.maxLength());
        try {
            examples = encoder.encodeJsonl(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        LocalTuningJob job = new LocalTuningJob(id, request, settings.describe(), record(id), System.currentTimeMillis() / 1000);
        job.save();
        jobs.put(id, job);
        worker.execute(() -> train(job, examples, encoder.maxLength(), settings, training));
        return job.snapshot();
    }

    /**
     * The job's life on the training thread: split, train into a partial folder, then rename it into place.
     *
     * @param maxLength the longest example, in tokens, as the examples were cut to (the settings' length capped at the model's)
     */
    private void train(LocalTuningJob job, SftExamples examples, int maxLength, TuningSettings settings, AdapterTrainer training) {
        try {
            job.running();
            SftExamples.Split split = examples.split(settings.validationFraction(), settings.seed(), MIN_VALIDATION_EXAMPLES);
            job.event(String.format(Locale.ROOT, "training %s on %d examples (%,d tokens, %,d in the loss), validating on %d; %s",
                    base.folder(), split.train().size(), split.train().tokens(), split.train().answerTokens(), split.validation().size(),
                    settings.describe()));
            if (examples.truncated() > 0) {
                job.event(examples.truncated() + " examples lost prompt tokens from their start to fit " + maxLength + " tokens");
            }
            if (examples.truncatedAnswers() > 0) {
                job.event(examples.truncatedAnswers() + " of " + examples.size() + " examples had their answer cut at its end to fit "
                        + maxLength + " tokens with their prompt: the model learns those answers' beginnings only, and not"
                        + " where they stop; shorten the reference outputs to train on all of them");
            }
            Path tuned = work.resolve("tuned").resolve(job.id());
            Path partial = tuned.resolveSibling(job.id() + ".partial");
            Folders.deleteTree(partial);
            Files.createDirectories(partial);
            Path written = training.train(base, split.train(), split.validation(), settings, partial, listener(job));
            if (!written.equals(partial) || !Files.isDirectory(partial)) {
                throw new IllegalStateException("the trainer wrote to " + written + " instead of " + partial);
            }
            Folders.deleteTree(tuned);
            Files.move(partial, tuned, StandardCopyOption.ATOMIC_MOVE);
            job.succeeded(tuned.toAbsolutePath(), settings.epochs() * split.train().tokens(), examples.truncatedAnswers());
            job.event("adapters written to " + tuned.toAbsolutePath());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            if (worker.isShutdown()) {
                // Stopped by close(), not failed: left "running" on disk, it trains again when next asked about.
                job.event("stopped: the provider was closed while training");
                return;
            }
            job.failed(e.getMessage());
            job.event("failed: " + e.getMessage());
        }
    }

    /** Progress lines: every step would flood the log, so about twenty per job plus the first and last. */
    private static TrainingListener listener(LocalTuningJob job) {
        return new TrainingListener() {
            @Override
            public void onStep(TrainingProgress p) {
                // close() interrupts the training thread; the engine does not look, so stop here, between steps.
                if (Thread.currentThread().isInterrupted()) throw new CancellationException("the provider was closed");
                long every = Math.max(1, p.totalSteps() / 20);
                if (p.step() == 1 || p.step() == p.totalSteps() || p.step() % every == 0) {
                    job.event(String.format(Locale.ROOT, "step %d/%d (epoch %d/%d): training loss %.4f", p.step(), p.totalSteps(),
                            p.epoch(), p.epochs(), p.loss()));
                }
            }

            @Override
            public void message(String line) {
                job.event(line);
            }
        };
    }

    private Path trainingFile(String fileId) {
        if (!fileId.matches("file-[0-9a-f]{64}")) throw new BadInputException("'" + fileId + "' is not a file id this provider gave");
        return work.resolve("files").resolve(fileId + ".jsonl");
    }

    private Path record(String jobId) {
        if (!jobId.matches("ftjob-local-[0-9a-f]{24}")) throw new ProviderException("'" + jobId + "' is not a job id this provider gave");
        return work.resolve("jobs").resolve(jobId + ".json");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
