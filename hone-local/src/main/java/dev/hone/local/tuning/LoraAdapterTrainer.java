package dev.hone.local.tuning;

import dev.hone.engine.decoder.DecoderModule;
import dev.hone.engine.decoder.LoraSettings;
import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.engine.decoder.tuning.LoraTrainer;
import dev.hone.engine.decoder.tuning.LoraTrainingOptions;
import dev.hone.engine.decoder.tuning.LoraTuningResult;
import dev.hone.engine.decoder.tuning.TokenSequence;
import dev.hone.engine.train.TrainingListener;
import dev.hone.local.LocalModel;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The in-process trainer: the engine's {@link LoraTrainer} on the job's examples, the adapters
 * saved PEFT-style with the base folder's absolute path as {@code base_model_name_or_path}, so the
 * adapter folder alone says which model it tunes.
 *
 * <p>What the job's settings do not say is fixed here: a tenth of the steps warm up, then cosine
 * decay; no weight decay; gradients clipped to norm 1; validation at the end of each epoch, and
 * training stops when a fifth of the planned epochs (at least two) brings no better validation
 * loss, keeping the best adapters. On a few dozen examples the loss sits on a plateau for several
 * epochs (the answer's format learnt, not yet which label) before it falls again, and a handful of
 * validation examples cannot tell that plateau from the end: with fewer than
 * {@value #MIN_EXAMPLES_TO_STOP_ON} of them every epoch runs (the best adapters are still kept).
 */
public final class LoraAdapterTrainer implements AdapterTrainer {
    private static final float WARMUP_FRACTION = 0.1f;
    private static final float MAX_GRADIENT_NORM = 1f;
    private static final int MIN_PATIENCE = 2;
    static final int MIN_EXAMPLES_TO_STOP_ON = 20;

    @Override
    public Path train(LocalModel base, SftExamples train, SftExamples validation, TuningSettings settings, Path adapterFolder,
                      TrainingListener listener) {
        Set<DecoderModule> targets = EnumSet.noneOf(DecoderModule.class);
        for (String module : settings.targetModules()) targets.add(DecoderModule.ofName(module));
        LoraSettings lora = new LoraSettings(settings.rank(), (float) settings.alpha(), (float) settings.dropout(), targets, settings.seed());
        int patience = validation.size() < MIN_EXAMPLES_TO_STOP_ON ? 0 : Math.max(MIN_PATIENCE, (settings.epochs() + 4) / 5);
        LoraTrainingOptions options = new LoraTrainingOptions(settings.epochs(), settings.batchSize(), 1, (float) settings.learningRate(),
                WARMUP_FRACTION, true, 0f, MAX_GRADIENT_NORM, 0, patience, settings.seed());
        LoraTuningResult result = new LoraTrainer(base.decoder(), base.decoder().kernels(), lora, options, listener)
                .train(sequences(train), sequences(validation));
        listener.message(String.format(Locale.ROOT, "trained %d steps on %,d tokens in %.1f s%s%s", result.steps(), result.trainedTokens(),
                result.seconds(), Double.isNaN(result.bestValidationLoss()) ? ""
                        : String.format(Locale.ROOT, ", best validation loss %.4f (from %.4f)", result.bestValidationLoss(),
                        result.validationLosses().getFirst()), result.stoppedEarly() ? ", stopped early" : ""));
        PeftAdapterFolder.save(result.adapters(), adapterFolder, base.folder().toAbsolutePath().normalize().toString());
        return adapterFolder;
    }

    /** The examples' sequences, as the engine trains on them. */
    static List<TokenSequence> sequences(SftExamples examples) {
        return examples.examples().stream().map(SftExample::sequence).toList();
    }
}
