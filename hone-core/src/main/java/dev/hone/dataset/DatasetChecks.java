package dev.hone.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a careful reviewer checks before trusting numbers from a dataset: class balance, repeated
 * training texts, and test texts that leak from training (exactly, or nearly: word-set Jaccard ≥ 0.9).
 *
 * @param trainCounts examples per label in train (after validation is carved out, plus validation)
 * @param imbalanceRatio largest over smallest class count in train
 * @param duplicatesInTrain training texts that repeat an earlier one (after normalisation)
 * @param exactLeaks test texts identical to a training text (after normalisation), with locations
 * @param nearLeaks test texts nearly identical to a training text
 */
public record DatasetChecks(Map<String, Integer> trainCounts, Map<String, Integer> testCounts, double imbalanceRatio,
                            int duplicatesInTrain, List<String> exactLeaks, List<String> nearLeaks, List<String> warnings) {

    static final double NEAR_DUPLICATE_JACCARD = 0.9;

    public static DatasetChecks of(List<Example> train, List<Example> test) {
        Map<String, Integer> trainCounts = counts(train);
        Map<String, Integer> testCounts = counts(test);
        int max = trainCounts.values().stream().max(Integer::compare).orElse(0);
        int min = trainCounts.values().stream().min(Integer::compare).orElse(0);
        double ratio = min == 0 ? Double.POSITIVE_INFINITY : max / (double) min;

        Set<String> seen = new HashSet<>();
        Map<String, Example> trainByText = new HashMap<>();
        int duplicates = 0;
        for (Example e : train) {
            String key = normalise(e.text());
            if (!seen.add(key)) duplicates++;
            trainByText.putIfAbsent(key, e);
        }
        List<String> exact = new ArrayList<>();
        List<Example> notExact = new ArrayList<>();
        for (Example e : test) {
            Example match = trainByText.get(normalise(e.text()));
            if (match != null) exact.add(e.location() + " = " + match.location());
            else notExact.add(e);
        }
        List<String> near = NearDuplicates.find(train, notExact, NEAR_DUPLICATE_JACCARD);

        List<String> warnings = new ArrayList<>();
        if (ratio > 3) warnings.add(String.format(Locale.ROOT, "classes are imbalanced: the largest has %.1fx the examples of the smallest", ratio));
        if (duplicates > 0) warnings.add(duplicates + " training texts repeat an earlier one");
        if (!exact.isEmpty()) warnings.add(exact.size() + " test texts also appear in train: test accuracy is inflated");
        if (!near.isEmpty()) warnings.add(near.size() + " test texts nearly duplicate a training text");
        for (String label : trainCounts.keySet()) {
            if (trainCounts.get(label) < 2) warnings.add("label '" + label + "' has only " + trainCounts.get(label) + " training example");
        }
        return new DatasetChecks(trainCounts, testCounts, ratio, duplicates, exact, near, warnings);
    }

    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    private static Map<String, Integer> counts(List<Example> examples) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Example e : examples) counts.merge(e.label(), 1, Integer::sum);
        return counts;
    }
}
