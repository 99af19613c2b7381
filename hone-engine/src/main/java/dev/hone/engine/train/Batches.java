package dev.hone.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded shuffling and slicing of training examples into mini-batches. */
final class Batches {
    private Batches() {
    }

    /** A seeded Fisher–Yates permutation of [0, size). */
    static int[] shuffled(int size, long seed) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    static int[] slice(int[] order, int start, int batchSize) {
        return Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
    }

    static List<String> texts(LabelledTexts data, int[] indices) {
        List<String> texts = new ArrayList<>(indices.length);
        for (int i : indices) texts.add(data.texts().get(i));
        return texts;
    }

    static int[] labels(LabelledTexts data, int[] indices) {
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) labels[i] = data.labels()[indices[i]];
        return labels;
    }

    static float[] scaled(float[] rates, float factor) {
        float[] result = rates.clone();
        for (int i = 0; i < result.length; i++) result[i] *= factor;
        return result;
    }
}
