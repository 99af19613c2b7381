package dev.hone.run;

import dev.hone.config.ClassificationSetup;
import dev.hone.config.HoneConfig;
import dev.hone.config.StrategyConfig;
import dev.hone.dataset.Example;
import dev.hone.dataset.LabelledData;
import dev.hone.dataset.Splits;
import dev.hone.engine.model.EncoderModel;
import dev.hone.evaluation.Metrics;
import dev.hone.provider.ProviderPool;
import dev.hone.results.ClassificationResults.CurvePoint;
import dev.hone.strategy.Shortfall;
import dev.hone.strategy.TrainingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every strategy rebuilt on seeded draws of N training examples per class, for each N of
 * {@code evaluation.curve}, and measured on the test split: where does training start to beat
 * prompting? Each size draws from the full training split with its own seed, so points are
 * comparable across strategies (the same examples) but not nested across sizes.
 */
final class LearningCurve {
    private LearningCurve() {
    }

    /** Per strategy, its points in size order; a point is skipped where a strategy cannot run. */
    static Map<String, List<CurvePoint>> measure(HoneConfig config, ClassificationSetup setup, EncoderModel model, LabelledData data, RunListener listener,
                                                 ProviderPool providers) {
        Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
        for (StrategyConfig strategy : setup.strategies()) curves.put(strategy.name(), new ArrayList<>());
        List<String> testTexts = data.test().stream().map(Example::text).toList();
        List<String> testTruth = data.test().stream().map(Example::label).toList();
        for (int perClass : config.evaluation().curve()) {
            long seed = config.evaluation().seed() + 7919L * perClass;
            List<Example> train = draw(data.train(), perClass, seed);
            int smallest = Splits.smallestClass(train);
            for (StrategyConfig strategy : setup.strategies()) {
                Shortfall shortfall = strategy.kind().shortfallOf(strategy, smallest);
                if (shortfall != null) {
                    listener.message(String.format(Locale.ROOT, "learning curve: %d per class: %s skipped (%s = %s)",
                            perClass, strategy.name(), shortfall.key(), shortfall.value()));
                    continue;
                }
                if (strategy.startsPaidJobs()) {
                    listener.message(String.format(Locale.ROOT, "learning curve: %d per class: %s skipped (each point would be a paid "
                            + "fine-tuning job)", perClass, strategy.name()));
                    continue;
                }
                Fit fit = Fit.of(strategy, new TrainingData(model, train, data.validation(), data.labels(), setup.labels(), seed,
                        progress -> { }, providers));
                double accuracy = Metrics.of(testTruth, fit.predict(testTexts), data.labels()).accuracy();
                curves.get(strategy.name()).add(new CurvePoint(perClass, train.size(), accuracy, fit.trainSeconds()));
                listener.message(String.format(Locale.ROOT, "learning curve: %d per class: %s test accuracy %.3f",
                        perClass, strategy.name(), accuracy));
            }
        }
        return curves;
    }

    /**
     * One sentence on where the best trained strategy first beats the best prompt-only one
     * (strategy kinds say which is which), or that it never does over the measured sizes.
     */
    static String summary(HoneConfig config, ClassificationSetup setup, Map<String, List<CurvePoint>> curves) {
        Map<String, Boolean> promptOnly = new LinkedHashMap<>();
        setup.strategies().forEach(s -> promptOnly.put(s.name(), s.kind().promptOnly()));
        for (int perClass : config.evaluation().curve()) {
            Point bestPrompt = best(curves, promptOnly, true, perClass);
            Point bestTrained = best(curves, promptOnly, false, perClass);
            if (bestPrompt != null && bestTrained != null && bestTrained.accuracy() > bestPrompt.accuracy()) {
                return String.format(Locale.ROOT, "From %d examples per class, %s (%.3f) beats the best prompt-only "
                        + "route, %s (%.3f).", perClass, bestTrained.strategy(), bestTrained.accuracy(),
                        bestPrompt.strategy(), bestPrompt.accuracy());
            }
        }
        return "Over the measured sizes no trained strategy beats the best prompt-only one.";
    }

    private record Point(String strategy, double accuracy) {
    }

    private static Point best(Map<String, List<CurvePoint>> curves, Map<String, Boolean> promptOnly, boolean wantPromptOnly,
                              int perClass) {
        Point best = null;
        for (Map.Entry<String, Boolean> entry : promptOnly.entrySet()) {
            if (entry.getValue() != wantPromptOnly) continue;
            for (CurvePoint point : curves.get(entry.getKey())) {
                if (point.perClass() == perClass && (best == null || point.accuracy() > best.accuracy())) {
                    best = new Point(entry.getKey(), point.accuracy());
                }
            }
        }
        return best;
    }

    private static List<Example> draw(List<Example> train, int perClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> drawn = new ArrayList<>();
        for (List<Example> examples : Splits.byLabel(train).values()) {
            drawn.addAll(Splits.shuffle(examples, random).subList(0, Math.min(perClass, examples.size())));
        }
        return Splits.shuffle(drawn, random);
    }

}
