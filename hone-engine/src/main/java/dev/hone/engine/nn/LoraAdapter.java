package dev.hone.engine.nn;

import dev.hone.engine.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Low-rank update of a frozen linear layer: {@code Δy = (alpha/r) · dropout(x) · Aᵀ · Bᵀ},
 * with A (r × in) and B (out × r). A starts random (Kaiming-uniform, as PEFT), B at zero, so a
 * fresh adapter leaves the model unchanged.
 */
public record LoraAdapter(Tensor a, Tensor b, float scale, float dropout) {

    public static LoraAdapter create(int in, int out, int rank, float alpha, float dropout, SplittableRandom random) {
        float[] a = new float[rank * in];
        // Kaiming-uniform with a = sqrt(5), as nn.Linear and PEFT initialise lora_A: bound = 1/sqrt(in).
        double bound = 1 / Math.sqrt(in);
        for (int i = 0; i < a.length; i++) a[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        return new LoraAdapter(Tensor.parameter(a, rank, in), Tensor.parameter(new float[out * rank], out, rank),
                alpha / rank, dropout);
    }

    public int rank() {
        return a.dimension(0);
    }
}
