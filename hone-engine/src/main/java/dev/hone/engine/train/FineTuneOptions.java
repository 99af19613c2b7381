package dev.hone.engine.train;

import java.util.Set;

/**
 * Settings of one fine-tuning run. {@link #defaults(TuningMethod)} is the one place where the
 * defaults live; the few-shot benchmark (bench/fewshot) is what chose them.
 *
 * @param method which weights change
 * @param loraRank rank r of each adapter (LoRA only)
 * @param loraAlpha scaling numerator: adapters are scaled by alpha / r (LoRA only)
 * @param loraDropout dropout on the adapter input while training (LoRA only)
 * @param loraTargets the projections that get adapters (LoRA only)
 * @param epochs passes over the training texts
 * @param batchSize texts per optimiser step
 * @param learningRate peak AdamW learning rate of the encoder weights or adapters
 * @param headLearningRate peak AdamW learning rate of the classifier head
 * @param warmupFraction fraction of steps with linear warm-up, then linear decay to zero
 * @param weightDecay decoupled AdamW weight decay
 * @param maxGradientNorm clip gradients to this global L2 norm
 * @param patience epochs without validation improvement before stopping early (0 = never stop early)
 * @param seed seeds initialisation, shuffling and dropout
 */
public record FineTuneOptions(
        TuningMethod method,
        int loraRank,
        float loraAlpha,
        float loraDropout,
        Set<LoraTarget> loraTargets,
        int epochs,
        int batchSize,
        float learningRate,
        float headLearningRate,
        float warmupFraction,
        float weightDecay,
        float maxGradientNorm,
        int patience,
        long seed) {

    public FineTuneOptions {
        if (method == null) throw new IllegalArgumentException("method must be set (HEAD, LORA or FULL)");
        loraTargets = Set.copyOf(loraTargets);
        if (loraRank < 1) throw new IllegalArgumentException("loraRank must be >= 1, got " + loraRank);
        if (!(loraAlpha > 0)) throw new IllegalArgumentException("loraAlpha must be > 0, got " + loraAlpha);
        if (!(loraDropout >= 0 && loraDropout < 1)) throw new IllegalArgumentException("loraDropout must be within [0, 1), got " + loraDropout);
        if (method == TuningMethod.LORA && loraTargets.isEmpty()) throw new IllegalArgumentException("loraTargets must name at least one projection");
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (!(headLearningRate > 0)) throw new IllegalArgumentException("headLearningRate must be > 0, got " + headLearningRate);
        if (!(warmupFraction >= 0 && warmupFraction < 1)) throw new IllegalArgumentException("warmupFraction must be within [0, 1), got " + warmupFraction);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        if (!(maxGradientNorm > 0)) throw new IllegalArgumentException("maxGradientNorm must be > 0, got " + maxGradientNorm);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }

    /**
     * The defaults for a method. LoRA's learning rate is 2e-3: in the few-shot protocol
     * (bench/RESULTS.md) it beat 5e-4 by 1.4 points on average at 64 examples per class and 2.8
     * at 8, and 1e-3 and 4e-3 on emotion.
     */
    public static FineTuneOptions defaults(TuningMethod method) {
        return switch (method) {
            case HEAD -> new FineTuneOptions(method, 8, 16f, 0f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE),
                    20, 32, 1e-2f, 1e-2f, 0f, 0f, 1f, 0, 7L);
            case LORA -> new FineTuneOptions(method, 8, 16f, 0.1f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE),
                    5, 16, 2e-3f, 2e-3f, 0.1f, 0.01f, 1f, 2, 7L);
            case FULL -> new FineTuneOptions(method, 8, 16f, 0f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE),
                    3, 16, 3e-5f, 2e-3f, 0.1f, 0.01f, 1f, 2, 7L);
        };
    }

    public FineTuneOptions withSeed(long newSeed) {
        return new FineTuneOptions(method, loraRank, loraAlpha, loraDropout, loraTargets, epochs, batchSize,
                learningRate, headLearningRate, warmupFraction, weightDecay, maxGradientNorm, patience, newSeed);
    }
}
