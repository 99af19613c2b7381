package dev.hone.engine.decoder.tuning;

/**
 * How LoRA supervised fine-tuning runs. Defaults in {@link #defaults()}.
 *
 * @param epochs                passes over the training sequences
 * @param batchSize             sequences per forward pass (bucketed by length)
 * @param gradientAccumulation  batches whose gradients add up before each optimiser step
 * @param learningRate          peak AdamW learning rate
 * @param warmupFraction        share of the optimiser steps over which the rate rises from 0 to the peak
 * @param cosine                cosine decay to 0 after warm-up (else linear)
 * @param weightDecay           AdamW's decoupled weight decay on the adapters
 * @param maxGradientNorm       global L2 norm the gradients are clipped to
 * @param evaluateEvery         optimiser steps between validation losses; 0 evaluates at the end of each epoch
 * @param patience              validations without a better loss before training stops; 0 never stops early
 * @param seed                  seeds the adapters' initial values, the shuffling and the dropout
 */
public record LoraTrainingOptions(int epochs, int batchSize, int gradientAccumulation, float learningRate, float warmupFraction,
                                  boolean cosine, float weightDecay, float maxGradientNorm, int evaluateEvery, int patience,
                                  long seed) {
    public LoraTrainingOptions {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (gradientAccumulation < 1) {
            throw new IllegalArgumentException("gradient accumulation must be >= 1 (1 updates after every batch), got " + gradientAccumulation);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate + " (1e-4 to 1e-3 is usual for LoRA)");
        }
        if (!(warmupFraction >= 0 && warmupFraction <= 1)) {
            throw new IllegalArgumentException("warm-up fraction must be within [0, 1], got " + warmupFraction);
        }
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (!(maxGradientNorm > 0)) throw new IllegalArgumentException("max gradient norm must be > 0, got " + maxGradientNorm);
        if (evaluateEvery < 0) throw new IllegalArgumentException("evaluate-every must be >= 0 (0: every epoch), got " + evaluateEvery);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0: no early stopping), got " + patience);
    }

    /** 3 epochs, batch 4, no accumulation, rate 2e-4 with 10 % warm-up and cosine decay, no decay, clip 1.0, patience 2. */
    public static LoraTrainingOptions defaults(long seed) {
        return new LoraTrainingOptions(3, 4, 1, 2e-4f, 0.1f, true, 0f, 1f, 0, 2, seed);
    }
}
