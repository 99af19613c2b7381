package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.StoredMatrix;

/**
 * A linear layer {@code y = x·Wᵀ (+ b)} whose weight W (out × in) stays in its checkpoint's
 * element type; the kernels widen it inside the product. The bias, when there is one, is f32.
 * A LoRA adapter, when there is one, is added unmerged: {@code y += s·(x·Aᵀ)·Bᵀ}.
 */
record Projection(StoredMatrix weight, float[] bias, LowRankUpdate update) {
    Projection {
        if (bias != null && bias.length != weight.rows()) {
            throw new IllegalArgumentException("a bias for " + weight + " needs " + weight.rows() + " values, got " + bias.length);
        }
        if (update != null && (update.in() != weight.columns() || update.out() != weight.rows())) {
            throw new IllegalArgumentException("an adapter of " + update.out() + " x " + update.in() + " does not fit " + weight);
        }
    }

    Projection(StoredMatrix weight, float[] bias) {
        this(weight, bias, null);
    }

    /** This projection with {@code update} (or none, when null) in place of its adapter. */
    Projection withUpdate(LowRankUpdate update) {
        return new Projection(weight, bias, update);
    }

    /** x (rows, in) → y (rows, out), a new array. */
    float[] apply(Kernels kernels, float[] x, int rows) {
        float[] y = new float[rows * weight.rows()];
        kernels.matmul(x, 0, weight, y, 0, rows, false);
        if (bias != null) kernels.addBias(y, 0, rows, weight.rows(), bias);
        if (update != null) update.addTo(kernels, x, rows, y);
        return y;
    }

    /** Bytes its weight, bias and adapter hold in memory. */
    long bytes() {
        long adapter = update == null ? 0 : 4L * (update.a().length + update.b().length);
        return weight.bytes() + (bias == null ? 0 : 4L * bias.length) + adapter;
    }
}
