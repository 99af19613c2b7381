package dev.hone.run;

import dev.hone.config.StrategyConfig;
import dev.hone.dataset.Example;
import dev.hone.dataset.LabelledData;
import dev.hone.dataset.SelectionPlan;
import dev.hone.dataset.Splits;
import dev.hone.engine.model.EncoderModel;
import dev.hone.provider.ProviderPool;
import dev.hone.strategy.TrainingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Out-of-fold predictions for choosing among candidates without holding a validation split out:
 * the training examples are dealt into k stratified folds; each fold is predicted by the strategy
 * built on the other k − 1. That is repeated with a new seeded fold assignment, so every training
 * example gets one prediction per repeat from a model that never saw it. The repeats share their
 * examples, so their predictions are not independent: a paired test on them all (McNemar in the
 * verdict) reads more confidence into a difference than the data holds.
 */
final class CrossValidation {
    /** Between repeats the fold assignment's seed moves by this much (repeat 0 keeps the run's seed). */
    static final long REPEAT_SEED_STEP = 1_000_003L;

    private CrossValidation() {
    }

    /** One prediction per {@code data.selection()} example: every training example, in order, once per repeat. */
    static List<String> outOfFold(StrategyConfig strategy, EncoderModel model, LabelledData data,
                                  Map<String, String> descriptions, long seed, RunListener listener, ProviderPool providers) {
        List<Example> train = data.train();
        SelectionPlan plan = data.selectionPlan();
        List<String> predictions = new ArrayList<>(train.size() * plan.repeats());
        for (int r = 0; r < plan.repeats(); r++) {
            long repeatSeed = seed + REPEAT_SEED_STEP * r;
            int[] fold = assignFolds(train, plan.folds(), repeatSeed);
            String[] predicted = new String[train.size()];
            for (int f = 0; f < plan.folds(); f++) {
                List<Example> fit = new ArrayList<>();
                List<Integer> held = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    if (fold[i] == f) held.add(i);
                    else fit.add(train.get(i));
                }
                List<String> heldPredictions = Fit.of(strategy, new TrainingData(model, fit, List.of(), data.labels(), descriptions,
                        repeatSeed + 31L * (f + 1), progress -> { }, providers)).predict(held.stream().map(i -> train.get(i).text()).toList());
                for (int j = 0; j < held.size(); j++) predicted[held.get(j)] = heldPredictions.get(j);
                listener.message(String.format(Locale.ROOT, "  cross-validation repeat %d/%d, fold %d/%d done", r + 1,
                        plan.repeats(), f + 1, plan.folds()));
            }
            predictions.addAll(List.of(predicted));
        }
        return predictions;
    }

    /**
     * The fold of each example: each class's examples, shuffled with the seed, dealt round-robin into
     * the folds (the deal continues from class to class, so folds also come out within one example of
     * each other in size). Every class then has ⌊n/k⌋ or ⌈n/k⌉ examples in each fold.
     */
    static int[] assignFolds(List<Example> train, int folds, long seed) {
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
