package dev.hone.strategy.finetune;

import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.tuned.TunedCandidate;

/** Linear probe, LoRA or full fine-tuning: the engine trains, the validation split stops it early. */
final class FineTuneStrategy implements Strategy {
    private final FineTuneConfig config;

    FineTuneStrategy(FineTuneConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        var classifier = data.model().trainClassifier(data.trainTexts(), data.validationTexts(), data.labels().size(),
                config.options().withSeed(data.seed()), data.listener());
        return new TunedCandidate(classifier, data.labels());
    }
}
