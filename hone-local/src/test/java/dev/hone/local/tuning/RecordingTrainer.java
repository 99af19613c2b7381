package dev.hone.local.tuning;

import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TrainingProgress;
import dev.hone.local.LocalModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A test double for the trainer the engine will provide: it trains nothing. It records what it was
 * given, reports two steps, and writes a copy of the base model's files plus a marker into the
 * adapter folder, so the "tuned" folder loads and answers exactly like the base model.
 * Optionally it waits for a latch first (to stop it mid-training) or fails.
 */
final class RecordingTrainer implements AdapterTrainer {
    static final String MARKER = "written-by-recording-trainer.txt";

    record Call(SftExamples train, SftExamples validation, TuningSettings settings, Path adapterFolder) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch release;
    private final String failure;

    RecordingTrainer() {
        this(new CountDownLatch(0), null);
    }

    RecordingTrainer(CountDownLatch release, String failure) {
        this.release = release;
        this.failure = failure;
    }

    @Override
    public Path train(LocalModel base, SftExamples train, SftExamples validation, TuningSettings settings, Path adapterFolder,
                      TrainingListener listener) {
        calls.add(new Call(train, validation, settings, adapterFolder));
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        }
        if (failure != null) throw new IllegalStateException(failure);
        listener.onStep(new TrainingProgress(1, settings.epochs(), 1, 2, 1.5, 0.1));
        listener.onStep(new TrainingProgress(settings.epochs(), settings.epochs(), 2, 2, 0.5, 0.2));
        listener.message("validation loss 0.7");
        try (Stream<Path> files = Files.list(base.folder())) {
            for (Path file : files.toList()) Files.copy(file, adapterFolder.resolve(file.getFileName()));
            Files.writeString(adapterFolder.resolve(MARKER), "not trained");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return adapterFolder;
    }
}
