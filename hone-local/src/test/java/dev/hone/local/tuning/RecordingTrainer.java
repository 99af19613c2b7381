package dev.hone.local.tuning;

import dev.hone.engine.decoder.DecoderAdapters;
import dev.hone.engine.decoder.LoraSettings;
import dev.hone.engine.decoder.PeftAdapterFolder;
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

/**
 * A test double for {@link LoraAdapterTrainer}, for the job's mechanics: it trains nothing. It
 * records what it was given, reports two steps, and saves freshly initialised adapters (B is zero,
 * so the "tuned" model answers exactly like the base) plus a marker into the adapter folder.
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
        PeftAdapterFolder.save(DecoderAdapters.create(base.decoder(), LoraSettings.defaults(settings.seed())), adapterFolder,
                base.folder().toAbsolutePath().normalize().toString());
        try {
            Files.writeString(adapterFolder.resolve(MARKER), "not trained");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return adapterFolder;
    }
}
