package dev.hone.strategy.contrastive;

import dev.hone.dataset.Example;
import dev.hone.dataset.Splits;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.HeadTrainer;
import dev.hone.engine.train.SentencePair;
import dev.hone.engine.train.TuningMethod;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.tuned.TunedCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SetFit: sentence pairs drawn from the labels (half same-class, target 1; half different-class,
 * target 0) tune the encoder with a cosine loss; a logistic-regression head is then fitted on
 * the tuned embeddings.
 */
final class ContrastiveStrategy implements Strategy {
    private final ContrastiveConfig config;

    ContrastiveStrategy(ContrastiveConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        FineTuneOptions tuning = config.tuning().withSeed(data.seed());
        List<SentencePair> pairs = pairs(data.train(), config.pairsPerExample(), data.seed());
        TunedEncoder encoder = data.model().trainContrastive(pairs, tuning, data.listener());
        var classifier = HeadTrainer.train(encoder, data.trainTexts(), data.labels().size(),
                FineTuneOptions.defaults(TuningMethod.HEAD).withSeed(data.seed()), data.listener());
        return new TunedCandidate(classifier, data.labels());
    }

    /** For each example, {@code perExample} pairs alternating positive and negative partners (seeded). */
    static List<SentencePair> pairs(List<Example> train, int perExample, long seed) {
        Map<String, List<Example>> byLabel = Splits.byLabel(train);
        SplittableRandom random = new SplittableRandom(seed);
        List<SentencePair> pairs = new ArrayList<>();
        for (Example anchor : train) {
            List<Example> same = byLabel.get(anchor.label());
            for (int p = 0; p < perExample; p++) {
                boolean positive = p % 2 == 0 && same.size() > 1;
                Example partner;
                if (positive) {
                    do {
                        partner = same.get(random.nextInt(same.size()));
                    } while (partner == anchor);
                } else {
                    do {
                        partner = train.get(random.nextInt(train.size()));
                    } while (partner.label().equals(anchor.label()));
                }
                pairs.add(new SentencePair(anchor.text(), partner.text(), positive ? 1f : 0f));
            }
        }
        return pairs;
    }
}
