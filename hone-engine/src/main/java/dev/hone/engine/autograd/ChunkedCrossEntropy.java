package dev.hone.engine.autograd;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.StoredMatrix;
import dev.hone.engine.tensor.Tensor;

/**
 * A language model's loss from its final hidden states: the mean, over the rows that count, of
 * {@code logsumexp(h·Eᵀ) − (h·Eᵀ)[target]} with E the (vocabulary × hidden) head, frozen in its
 * stored width. The logits are made a chunk of counted rows at a time, in the forward and again in
 * the backward, so at most {@code chunkRows × vocabulary} floats exist at once, never rows ×
 * vocabulary: 150 k words times a batch's thousands of tokens would not fit. Rows that do not count
 * (the prompt, padding) are never multiplied at all. Backward, with p = softmax(logits):
 * {@code dh = (p − onehot(target))·E / counted}.
 */
final class ChunkedCrossEntropy {
    private ChunkedCrossEntropy() {
    }

    /** hidden (rows × width); {@code targets[r]} the token row r predicts, or −1 when the row does not count. */
    static Tensor apply(Graph graph, Tape tape, Tensor hidden, StoredMatrix head, int[] targets, int chunkRows,
                        boolean tracked) {
        Kernels kernels = graph.kernels();
        int width = hidden.columns();
        int vocabulary = head.rows();
        if (head.columns() != width || targets.length != hidden.rows()) {
            throw new IllegalArgumentException("languageModelLoss: hidden " + hidden + ", head " + head + " and "
                    + targets.length + " targets do not fit");
        }
        if (chunkRows < 1) throw new IllegalArgumentException("languageModelLoss: chunkRows must be >= 1, got " + chunkRows);
        int[] counted = countedRows(targets, vocabulary);
        if (counted.length == 0) {
            throw new IllegalArgumentException("languageModelLoss: no row counts in the loss (every target is -1)");
        }
        float[] logSumExp = new float[counted.length];
        double loss = 0;
        float[] rows = new float[Math.min(chunkRows, counted.length) * width];
        float[] logits = new float[Math.min(chunkRows, counted.length) * vocabulary];
        for (int first = 0; first < counted.length; first += chunkRows) {
            int size = Math.min(chunkRows, counted.length - first);
            chunkLogits(kernels, hidden.data(), head, counted, first, size, rows, logits);
            for (int c = 0; c < size; c++) {
                int base = c * vocabulary;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < vocabulary; j++) max = Math.max(max, logits[base + j]);
                double sum = 0;
                for (int j = 0; j < vocabulary; j++) sum += Math.exp(logits[base + j] - max);
                logSumExp[first + c] = (float) (max + Math.log(sum));
                loss += logSumExp[first + c] - logits[base + targets[counted[first + c]]];
            }
        }
        Tensor result = Tensor.zeros(tracked, 1);
        result.data()[0] = (float) (loss / counted.length);
        if (tracked) {
            tape.record(() -> {
                float upstream = result.gradient()[0] / counted.length;
                float[] dRows = new float[rows.length];
                float[] dh = hidden.gradient();
                for (int first = 0; first < counted.length; first += chunkRows) {
                    int size = Math.min(chunkRows, counted.length - first);
                    chunkLogits(kernels, hidden.data(), head, counted, first, size, rows, logits);
                    for (int c = 0; c < size; c++) {
                        int base = c * vocabulary;
                        float lse = logSumExp[first + c];
                        for (int j = 0; j < vocabulary; j++) logits[base + j] = upstream * (float) Math.exp(logits[base + j] - lse);
                        logits[base + targets[counted[first + c]]] -= upstream;
                    }
                    kernels.matmulUntransposed(logits, 0, head, dRows, 0, size, false);      // (size, width) = dLogits·E
                    for (int c = 0; c < size; c++) kernels.axpy(1f, dRows, c * width, dh, counted[first + c] * width, width);
                }
            });
        }
        return result;
    }

    /** Rows with a target, in order; a target outside [−1, vocabulary) is refused. */
    private static int[] countedRows(int[] targets, int vocabulary) {
        int count = 0;
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] < -1 || targets[r] >= vocabulary) {
                throw new IllegalArgumentException("languageModelLoss: target " + targets[r] + " at row " + r
                        + " is outside the vocabulary [0, " + vocabulary + ") and is not -1 (not counted)");
            }
            if (targets[r] >= 0) count++;
        }
        int[] counted = new int[count];
        for (int r = 0, at = 0; r < targets.length; r++) if (targets[r] >= 0) counted[at++] = r;
        return counted;
    }

    /** logits (size × vocabulary) of counted rows [first, first + size), gathered into {@code rows}. */
    private static void chunkLogits(Kernels kernels, float[] hidden, StoredMatrix head, int[] counted, int first, int size,
                                    float[] rows, float[] logits) {
        int width = head.columns();
        for (int c = 0; c < size; c++) System.arraycopy(hidden, counted[first + c] * width, rows, c * width, width);
        kernels.matmul(rows, 0, head, logits, 0, size, false);
    }
}
