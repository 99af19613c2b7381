package dev.hone.engine.model;

import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.SentencePair;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TunedClassifier;
import java.nio.file.Path;
import java.util.List;

/**
 * A pretrained encoder that can also be tuned. Tuning never changes this model: each call
 * works on its own copy of whatever weights it trains, so one loaded model serves many candidates.
 */
public interface EncoderModel extends TextEncoder {

    /**
     * Trains a softmax head (and, by method, adapters or all weights) on labelled texts.
     *
     * @param validation used for early stopping when {@code options.patience() > 0}; may be null
     */
    TunedClassifier trainClassifier(LabelledTexts train, LabelledTexts validation, int numberOfClasses,
                                    FineTuneOptions options, TrainingListener listener);

    /** Contrastive (SetFit-style) tuning: pulls pairs together or apart to their target cosine. */
    TunedEncoder trainContrastive(List<SentencePair> pairs, FineTuneOptions options, TrainingListener listener);

    /** Loads what {@link TunedClassifier#save(Path)} wrote, on top of this base model. */
    TunedClassifier loadClassifier(Path directory);

    /** Loads what {@link TunedEncoder#save(Path)} wrote, on top of this base model. */
    TunedEncoder loadEncoder(Path directory);
}
