package dev.hone.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs (test, train) whose word sets have Jaccard similarity ≥ t, found exactly with prefix
 * filtering: sort each set's words rarest first; two sets that reach t must share a word among
 * the first {@code |x| − ⌈t·|x|⌉ + 1} of either, so only those prefixes are indexed.
 */
final class NearDuplicates {
    private NearDuplicates() {
    }

    static List<String> find(List<Example> train, List<Example> test, double threshold) {
        Map<String, Integer> frequency = new HashMap<>();
        List<String[]> trainWords = new ArrayList<>();
        List<String[]> testWords = new ArrayList<>();
        for (Example e : train) trainWords.add(words(e.text(), frequency));
        for (Example e : test) testWords.add(words(e.text(), frequency));
        Comparator<String> rarestFirst = Comparator.<String>comparingInt(frequency::get).thenComparing(Comparator.naturalOrder());
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < trainWords.size(); i++) {
            String[] w = trainWords.get(i);
            Arrays.sort(w, rarestFirst);
            for (int p = 0; p < prefix(w.length, threshold); p++) index.computeIfAbsent(w[p], k -> new ArrayList<>()).add(i);
        }
        List<String> found = new ArrayList<>();
        for (int j = 0; j < testWords.size(); j++) {
            String[] w = testWords.get(j);
            if (w.length == 0) continue;
            Arrays.sort(w, rarestFirst);
            Set<Integer> candidates = new HashSet<>();
            for (int p = 0; p < prefix(w.length, threshold); p++) candidates.addAll(index.getOrDefault(w[p], List.of()));
            Set<String> testSet = Set.of(w);
            for (int i : candidates) {
                if (jaccard(testSet, trainWords.get(i)) >= threshold) {
                    found.add(test.get(j).location() + " ≈ " + train.get(i).location());
                    break;
                }
            }
        }
        return found;
    }

    private static int prefix(int size, double threshold) {
        return size - (int) Math.ceil(threshold * size) + 1;
    }

    private static String[] words(String text, Map<String, Integer> frequency) {
        Set<String> unique = new HashSet<>(Arrays.asList(DatasetChecks.normalise(text).split(" ")));
        unique.remove("");
        for (String w : unique) frequency.merge(w, 1, Integer::sum);
        return unique.toArray(String[]::new);
    }

    private static double jaccard(Set<String> a, String[] b) {
        int shared = 0;
        for (String w : b) if (a.contains(w)) shared++;
        return shared / (double) (a.size() + b.length - shared);
    }
}
