package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;

/**
 * Root-mean-square norm as transformers computes it, in f32: {@code weight ⊙ (x · 1/√(mean(x²) + eps))}
 * for each row (the scale is applied to x before the weight multiplies it).
 */
record RmsNorm(float[] weight, float eps) {

    /** The normalised rows of x, (rows, width), as a new array. */
    float[] apply(Kernels kernels, float[] x, int rows) {
        int width = weight.length;
        float[] y = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            float meanSquare = kernels.dot(x, base, x, base, width) / width;
            float inverseRms = (float) (1 / Math.sqrt(meanSquare + eps));
            for (int j = 0; j < width; j++) y[base + j] = weight[j] * (x[base + j] * inverseRms);
        }
        return y;
    }
}
