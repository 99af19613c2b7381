package dev.hone.engine.decoder.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batches of sequences of about the same length, so padding to a batch's longest wastes little:
 * the sequences are shuffled, sorted by length (ties stay shuffled), cut into batches, and the
 * batches shuffled, so each epoch sees new neighbours and a new order from the same seeded draws.
 */
final class LengthBuckets {
    private LengthBuckets() {
    }

    static List<List<TokenSequence>> batches(List<TokenSequence> sequences, int batchSize, SplittableRandom random) {
        List<TokenSequence> order = new ArrayList<>(sequences);
        shuffle(order, random);
        order.sort(Comparator.comparingInt(TokenSequence::length));
        List<List<TokenSequence>> batches = new ArrayList<>();
        for (int first = 0; first < order.size(); first += batchSize) {
            batches.add(List.copyOf(order.subList(first, Math.min(order.size(), first + batchSize))));
        }
        shuffle(batches, random);
        return batches;
    }

    /** Batches per epoch for this many sequences. */
    static int count(int sequences, int batchSize) {
        return (sequences + batchSize - 1) / batchSize;
    }

    private static <T> void shuffle(List<T> items, SplittableRandom random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swap);
        }
    }
}
