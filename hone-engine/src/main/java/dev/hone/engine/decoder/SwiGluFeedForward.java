package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;

/** The gated MLP of Llama-family blocks: {@code down(silu(gate(x)) ⊙ up(x))}, with silu(g) = g·σ(g). */
record SwiGluFeedForward(Projection gate, Projection up, Projection down) {

    /** x (rows, hidden) → (rows, hidden), a new array. */
    float[] apply(Kernels kernels, float[] x, int rows) {
        float[] gated = gate.apply(kernels, x, rows);                       // (rows, intermediate)
        float[] linear = up.apply(kernels, x, rows);                        // (rows, intermediate)
        for (int i = 0; i < gated.length; i++) gated[i] = silu(gated[i]) * linear[i];
        return down.apply(kernels, gated, rows);                            // (rows, hidden)
    }

    private static float silu(float g) {
        return g / (1f + (float) Math.exp(-g));
    }

    long bytes() {
        return gate.bytes() + up.bytes() + down.bytes();
    }
}
