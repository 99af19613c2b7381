package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.StoredMatrix;

/**
 * A linear layer {@code y = x·Wᵀ (+ b)} whose weight W (out × in) stays in its checkpoint's
 * element type; the kernels widen it inside the product. The bias, when there is one, is f32.
 */
record Projection(StoredMatrix weight, float[] bias) {
    Projection {
        if (bias != null && bias.length != weight.rows()) {
            throw new IllegalArgumentException("a bias for " + weight + " needs " + weight.rows() + " values, got " + bias.length);
        }
    }

    /** x (rows, in) → y (rows, out), a new array. */
    float[] apply(Kernels kernels, float[] x, int rows) {
        float[] y = new float[rows * weight.rows()];
        kernels.matmul(x, 0, weight, y, 0, rows, false);
        if (bias != null) kernels.addBias(y, 0, rows, weight.rows(), bias);
        return y;
    }

    /** Bytes its weight and bias hold in memory. */
    long bytes() {
        return weight.bytes() + (bias == null ? 0 : 4L * bias.length);
    }
}
