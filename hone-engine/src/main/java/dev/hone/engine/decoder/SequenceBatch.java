package dev.hone.engine.decoder;

import java.util.List;

/**
 * The rows of one forward pass: the tokens being appended to one or more sequences, concatenated
 * sequence by sequence. Row-wise blocks (norms, projections, the MLP, the LM head) run on all the
 * rows in one product, so each weight is read once per pass however many sequences advance;
 * attention runs per sequence, over that sequence's own cache, whose length is where its rows start.
 */
final class SequenceBatch {
    private final List<KeyValueCache> caches;
    private final int[] firstRows;

    /** {@code caches.get(s)} receives {@code rowCounts[s]} rows (at least one). */
    SequenceBatch(List<KeyValueCache> caches, int[] rowCounts) {
        if (caches.size() != rowCounts.length) {
            throw new IllegalArgumentException(caches.size() + " sequences but " + rowCounts.length + " row counts");
        }
        this.caches = List.copyOf(caches);
        this.firstRows = new int[rowCounts.length + 1];
        for (int s = 0; s < rowCounts.length; s++) firstRows[s + 1] = firstRows[s] + rowCounts[s];
    }

    /** Sequences in the batch. */
    int size() {
        return caches.size();
    }

    /** Rows of all sequences together. */
    int rows() {
        return firstRows[caches.size()];
    }

    KeyValueCache cache(int sequence) {
        return caches.get(sequence);
    }

    /** The row where this sequence's rows start. */
    int firstRow(int sequence) {
        return firstRows[sequence];
    }

    /** How many rows this sequence appends. */
    int rows(int sequence) {
        return firstRows[sequence + 1] - firstRows[sequence];
    }

    /** The most rows any one sequence appends. */
    int longest() {
        int longest = 0;
        for (int s = 0; s < size(); s++) longest = Math.max(longest, rows(s));
        return longest;
    }
}
