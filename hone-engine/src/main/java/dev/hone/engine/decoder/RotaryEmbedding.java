package dev.hone.engine.decoder;

/**
 * Rotary position embeddings in Hugging Face's "rotate half" layout: a head vector x of size d is
 * split into halves x₁ = x[0, d/2) and x₂ = x[d/2, d), and at position p each pair (x₁ᵢ, x₂ᵢ) turns
 * by the angle p·fᵢ:
 * <pre>
 *   x₁ᵢ ← x₁ᵢ·cos(p·fᵢ) − x₂ᵢ·sin(p·fᵢ)      x₂ᵢ ← x₂ᵢ·cos(p·fᵢ) + x₁ᵢ·sin(p·fᵢ)
 * </pre>
 * with inverse frequencies fᵢ = θ^(−2i/d), i < d/2, rescaled by the config's {@link RopeScaling}.
 * As in transformers, the frequencies, angles, cosines and sines are f32 whatever the weights' type.
 */
final class RotaryEmbedding {
    private final int headSize;
    private final float[] inverseFrequencies;

    RotaryEmbedding(int headSize, double theta, RopeScaling scaling) {
        this.headSize = headSize;
        float[] frequencies = new float[headSize / 2];
        for (int i = 0; i < frequencies.length; i++) {
            float exponent = (float) (2 * i) / headSize;
            frequencies[i] = 1f / (float) Math.pow((float) theta, exponent);
        }
        this.inverseFrequencies = scaling.apply(frequencies);
    }

    /**
     * The cosines and sines of every angle p·fᵢ for positions p in [0, positions): two arrays
     * (positions × d/2), computed as {@link #rotate} computes them, for the training graph's rotary op.
     */
    float[][] tables(int positions) {
        int half = headSize / 2;
        float[] cos = new float[positions * half];
        float[] sin = new float[positions * half];
        for (int p = 0; p < positions; p++) {
            float position = p;
            for (int i = 0; i < half; i++) {
                float angle = position * inverseFrequencies[i];
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        return new float[][] {cos, sin};
    }

    /**
     * Rotates, in place, every head of rows [firstRow, firstRow + rows) of x — (batch rows, heads·d) —
     * row firstRow + r being the token at position {@code firstPosition + r}.
     */
    void rotate(float[] x, int firstRow, int rows, int heads, int firstPosition) {
        int half = headSize / 2;
        float[] cos = new float[half];
        float[] sin = new float[half];
        for (int r = 0; r < rows; r++) {
            float position = firstPosition + r;
            for (int i = 0; i < half; i++) {
                float angle = position * inverseFrequencies[i];
                cos[i] = (float) Math.cos(angle);
                sin[i] = (float) Math.sin(angle);
            }
            for (int h = 0; h < heads; h++) {
                int base = ((firstRow + r) * heads + h) * headSize;
                for (int i = 0; i < half; i++) {
                    float x1 = x[base + i];
                    float x2 = x[base + half + i];
                    x[base + i] = x1 * cos[i] - x2 * sin[i];
                    x[base + half + i] = x2 * cos[i] + x1 * sin[i];
                }
            }
        }
    }
}
