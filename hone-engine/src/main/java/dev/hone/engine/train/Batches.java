package dev.hone.engine.train;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Tape;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.tensor.Tensor;
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

    /**
     * Mini-batches of similar length, in random order: the shuffled examples are cut into windows
     * of {@link #BUCKET_BATCHES} batches, each window is sorted by length before it is split, and
     * the batches are shuffled again. Padding (wasted compute) shrinks; the randomness stays.
     */
    static List<int[]> lengthBucketed(List<String> texts, int batchSize, long seed) {
        int[] order = shuffled(texts.size(), seed);
        List<int[]> batches = new ArrayList<>();
        int window = batchSize * BUCKET_BATCHES;
        for (int start = 0; start < order.length; start += window) {
            Integer[] chunk = new Integer[Math.min(window, order.length - start)];
            for (int i = 0; i < chunk.length; i++) chunk[i] = order[start + i];
            Arrays.sort(chunk, (a, b) -> Integer.compare(texts.get(a).length(), texts.get(b).length()));
            for (int from = 0; from < chunk.length; from += batchSize) {
                int[] batch = new int[Math.min(batchSize, chunk.length - from)];
                for (int i = 0; i < batch.length; i++) batch[i] = chunk[from + i];
                batches.add(batch);
            }
        }
        int[] batchOrder = shuffled(batches.size(), seed ^ 0x9E3779B97F4A7C15L);
        List<int[]> result = new ArrayList<>(batches.size());
        for (int i : batchOrder) result.add(batches.get(i));
        return result;
    }

    /** Batches per length-sorted window: wide enough to group lengths, narrow enough to stay random. */
    static final int BUCKET_BATCHES = 8;

    /**
     * Padded tokens one forward-and-backward pass may hold. A training step over more is cut into
     * passes whose gradients add up to the same update: a pass keeps every activation (about 0.6 MB
     * per token through a 12-layer encoder), so without a cap one batch of long texts needs
     * gigabytes. 1,024 keeps a pass of bge-small near 600 MB, inside the CLI's 1.5 GiB heap, and
     * leaves typical batches (16 texts of up to 64 tokens, 16 pairs of 32) in one pass: 512 split
     * the demo's batches in two, and smaller products run slower.
     */
    static final int TOKENS_PER_PASS = 1024;

    /**
     * Texts longer than this train with activation checkpointing ({@link Graph#block}): a layer's
     * attention keeps batch × heads × seq² probabilities, so a pass of two 512-token texts through
     * bge-small held about 900 MB and LoRA on news-length texts ran out of the CLI's heap; with
     * checkpointing such a pass holds about 150 MB, for a third more compute. Shorter texts (the
     * usual few-shot sentences) keep the faster path.
     */
    static final int CHECKPOINT_FROM_TOKENS = 128;

    /**
     * Rows [0, size) as consecutive near-equal ranges {from, to} of at most {@code maxTokens} padded
     * tokens each, when a row takes {@code tokensPerRow}; one range when all fit, one row at least.
     */
    static List<int[]> passes(int size, int tokensPerRow, int maxTokens) {
        int rowsPerPass = Math.max(1, maxTokens / Math.max(1, tokensPerRow));
        int parts = (size + rowsPerPass - 1) / rowsPerPass;
        List<int[]> ranges = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) ranges.add(new int[] {size * p / parts, size * (p + 1) / parts});
        return ranges;
    }

    /** One pass's mean loss over rows [from, to) of a step's batch, built on the pass's own graph. */
    interface PassLoss {
        Tensor on(Graph graph, int from, int to);
    }

    /**
     * One training step's gradients, accumulated pass by pass ({@link #passes}): each pass's mean
     * loss is weighted by its share of the batch, so the gradients sum to the batch mean's.
     * Returns the batch's mean loss.
     */
    static float backwardInPasses(Kernels kernels, long seed, long step, int size, int tokensPerRow, PassLoss loss) {
        return backwardInPasses(kernels, seed, step, size, tokensPerRow, TOKENS_PER_PASS, loss);
    }

    static float backwardInPasses(Kernels kernels, long seed, long step, int size, int tokensPerRow, int maxTokens,
                                  PassLoss loss) {
        float total = 0;
        for (int[] pass : passes(size, tokensPerRow, maxTokens)) {
            Tape tape = new Tape();
            Graph graph = Graph.training(kernels, tape, dropoutSeed(seed, step, pass[0]), tokensPerRow > CHECKPOINT_FROM_TOKENS);
            Tensor weighted = graph.scale(loss.on(graph, pass[0], pass[1]), (pass[1] - pass[0]) / (float) size);
            tape.backward(weighted);
            total += weighted.data()[0];
        }
        return total;
    }

    /** Dropout's seed for one pass of a step: a step done in one pass draws what it drew before passes existed. */
    static long dropoutSeed(long seed, long step, int firstRow) {
        return seed * 7919L + step + 0x5DEECE66DL * firstRow;
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
