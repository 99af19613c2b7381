package dev.hone.local.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The examples a fine-tuning job trains (or validates) on, in file order. */
public record SftExamples(List<SftExample> examples) {
    public SftExamples {
        examples = List.copyOf(examples);
    }

    public static SftExamples none() {
        return new SftExamples(List.of());
    }

    public int size() {
        return examples.size();
    }

    public boolean isEmpty() {
        return examples.isEmpty();
    }

    /** Every token read, prompts included: what one epoch reads. */
    public long tokens() {
        return examples.stream().mapToLong(SftExample::length).sum();
    }

    /** The tokens the loss counts. */
    public long answerTokens() {
        return examples.stream().mapToLong(SftExample::answerTokens).sum();
    }

    /** How many examples lost prompt tokens to fit the longest sequence trained on. */
    public int truncated() {
        return (int) examples.stream().filter(e -> e.truncatedPromptTokens() > 0).count();
    }

    /** How many examples lost the end of their answer to fit it (long reference outputs). */
    public int truncatedAnswers() {
        return (int) examples.stream().filter(e -> e.truncatedAnswerTokens() > 0).count();
    }

    /**
     * A held-out part for validation loss (early stopping) and the rest for training:
     * {@code round(fraction × size)} examples drawn with {@code seed}, both parts in file order, so
     * the same file and seed give the same split. With fewer than {@code minimum} examples in
     * either part nothing is held out.
     */
    public Split split(double fraction, long seed, int minimum) {
        if (!(fraction >= 0 && fraction < 1)) throw new IllegalArgumentException("fraction must be within [0, 1), got " + fraction);
        int held = (int) Math.round(fraction * size());
        if (held < minimum || size() - held < minimum) return new Split(this, none());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size(); i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        boolean[] heldOut = new boolean[size()];
        for (int i = 0; i < held; i++) heldOut[order.get(i)] = true;
        List<SftExample> train = new ArrayList<>();
        List<SftExample> validation = new ArrayList<>();
        for (int i = 0; i < size(); i++) (heldOut[i] ? validation : train).add(examples.get(i));
        return new Split(new SftExamples(train), new SftExamples(validation));
    }

    /** Training and validation examples from one file. */
    public record Split(SftExamples train, SftExamples validation) {
    }
}
