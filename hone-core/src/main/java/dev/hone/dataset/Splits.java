package dev.hone.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded, stratified splits: each class contributes the same share to the held-out part. */
public final class Splits {
    private Splits() {
    }

    /** The examples of each label, labels in order of first appearance, examples in their order. */
    public static Map<String, List<Example>> byLabel(List<Example> examples) {
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        for (Example e : examples) byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
        return byLabel;
    }

    /** The number of examples of the rarest label (0 for no examples). */
    public static int smallestClass(List<Example> examples) {
        return byLabel(examples).values().stream().mapToInt(List::size).min().orElse(0);
    }

    /** (kept, heldOut) with about {@code fraction} of each class held out; a class with one example stays whole. */
    public static List<List<Example>> stratified(List<Example> examples, double fraction, long seed) {
        Map<String, List<Example>> byLabel = byLabel(examples);
        List<Example> kept = new ArrayList<>();
        List<Example> heldOut = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (List<Example> group : byLabel.values()) {
            List<Example> shuffled = shuffle(group, random);
            int held = heldOut(group.size(), fraction);
            heldOut.addAll(shuffled.subList(0, held));
            kept.addAll(shuffled.subList(held, shuffled.size()));
        }
        return List.of(kept, heldOut);
    }

    /** How many of a class of {@code size} examples {@link #stratified} holds out: at least one, never all. */
    public static int heldOut(int size, double fraction) {
        if (size < 2) return 0;
        int held = (int) Math.max(fraction > 0 ? 1 : 0, Math.round(size * fraction));
        return Math.min(held, size - 1);
    }

    /** A seeded Fisher–Yates shuffle into a new list. */
    public static <T> List<T> shuffle(List<T> items, SplittableRandom random) {
        List<T> copy = new ArrayList<>(items);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }
}
