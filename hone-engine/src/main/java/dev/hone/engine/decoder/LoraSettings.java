package dev.hone.engine.decoder;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How LoRA adapters are attached to a decoder: each targeted projection W (out × in) of every
 * layer gains {@code (alpha/rank)·B·A} with A (rank × in) and B (out × rank), its input dropped out
 * with probability {@code dropout} while training. The seed draws A's initial values.
 */
public record LoraSettings(int rank, float alpha, float dropout, Set<DecoderModule> targets, long seed) {
    public LoraSettings {
        if (rank < 1) throw new IllegalArgumentException("LoRA rank must be >= 1, got " + rank + " (8 or 16 are usual)");
        if (!(alpha > 0) || Float.isInfinite(alpha)) {
            throw new IllegalArgumentException("LoRA alpha must be > 0, got " + alpha + " (twice the rank is usual)");
        }
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("LoRA dropout must be within [0, 1), got " + dropout);
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target module among " + DecoderModule.supported());
        }
        targets = Collections.unmodifiableSet(EnumSet.copyOf(targets));      // enum order: layers and files list them alike
    }

    /** Rank 8, alpha 16, dropout 0.05 on q, k, v and o: PEFT's usual starting point for Llama models. */
    public static LoraSettings defaults(long seed) {
        return new LoraSettings(8, 16, 0.05f, DecoderModule.ATTENTION, seed);
    }

    /** The factor the low-rank product is scaled by: alpha / rank. */
    public float scale() {
        return alpha / rank;
    }
}
