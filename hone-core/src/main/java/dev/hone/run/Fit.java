package dev.hone.run;

import dev.hone.Prediction;
import dev.hone.config.StrategyConfig;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.LlmFineTune;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.TrainingData;
import java.util.List;

/**
 * One build of a strategy on some training examples, timed: the step a candidate's repeats,
 * the cross-validation folds and the learning-curve points share.
 *
 * @param trainSeconds the build's wall time; for a hosted fine-tuning job its time on the provider's
 *                     machines, not this run's wait (which may be a resume)
 */
record Fit(Candidate candidate, double trainSeconds) {

    static Fit of(StrategyConfig strategy, TrainingData data) {
        long started = System.nanoTime();
        Candidate candidate = Strategies.of(strategy).build(data);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Fit(candidate, candidate.llmFineTune().map(LlmFineTune::jobSeconds).orElse(seconds));
    }

    /** The labels the candidate predicts for {@code texts}, in order. */
    List<String> predict(List<String> texts) {
        return labels(candidate, texts);
    }

    static List<String> labels(Candidate candidate, List<String> texts) {
        return candidate.predictBatch(texts).stream().map(Prediction::label).toList();
    }
}
