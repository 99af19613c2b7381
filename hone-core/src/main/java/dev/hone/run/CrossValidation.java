package dev.hone.run;

import dev.hone.config.StrategyConfig;
import dev.hone.dataset.Example;
import dev.hone.dataset.LabelledData;
import dev.hone.dataset.Splits;
import dev.hone.engine.model.EncoderModel;
import dev.hone.provider.ProviderPool;
import dev.hone.strategy.TrainingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Out-of-fold predictions for choosing among candidates when there are too few examples to hold
 * a validation split out: the training examples are dealt into k stratified folds; each fold is
 * predicted by the strategy built on the other k − 1. Every training example then has a
 * prediction from a model that never saw it, and small training sets make the k builds cheap.
 */
final class CrossValidation {
    private CrossValidation() {
    }

    /** One prediction per {@code data.train()} example, in its order. */
    static List<String> outOfFold(StrategyConfig strategy, EncoderModel model, LabelledData data,
                                  Map<String, String> descriptions, long seed, RunListener listener, ProviderPool providers) {
        List<Example> train = data.train();
        int folds = data.selectionFolds();
        int[] fold = assignFolds(train, folds, seed);
        String[] predicted = new String[train.size()];
        for (int f = 0; f < folds; f++) {
            List<Example> fit = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (fold[i] == f) held.add(i);
                else fit.add(train.get(i));
            }
            List<String> predictions = Fit.of(strategy, new TrainingData(model, fit, List.of(), data.labels(), descriptions,
                    seed + 31L * (f + 1), progress -> { }, providers)).predict(held.stream().map(i -> train.get(i).text()).toList());
            for (int j = 0; j < held.size(); j++) predicted[held.get(j)] = predictions.get(j);
            listener.message(String.format(java.util.Locale.ROOT, "  cross-validation fold %d/%d done", f + 1, folds));
        }
        return List.of(predicted);
    }

    /** Each class's examples, shuffled with the seed, dealt round-robin into the folds. */
    private static int[] assignFolds(List<Example> train, int folds, long seed) {
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < train.size(); i++) byLabel.computeIfAbsent(train.get(i).label(), k -> new ArrayList<>()).add(i);
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[train.size()];
        int next = 0;
        for (List<Integer> indices : byLabel.values()) {
            for (int index : Splits.shuffle(indices, random)) fold[index] = next++ % folds;
        }
        return fold;
    }
}
