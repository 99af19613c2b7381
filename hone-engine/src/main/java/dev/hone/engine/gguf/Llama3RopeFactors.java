package dev.hone.engine.gguf;

import dev.hone.engine.decoder.RopeScaling;

/**
 * Llama 3.1's rope scaling as llama.cpp carries it: not as metadata but as a {@code rope_freqs.weight}
 * tensor of one factor per rotary pair, by which llama.cpp divides the pair's frequency θ^(−2i/d).
 * The factors are those of llama.cpp's converter: 1 for wavelengths shorter than
 * L/highFreqFactor, {@code factor} for those longer than L/lowFreqFactor, and between them
 * 1 / ((1 − s)/factor + s) with s = (L/λ − lowFreqFactor) / (highFreqFactor − lowFreqFactor), so
 * f / factorᵢ is transformers' scaled frequency. L is {@code rope_scaling.original_max_position_embeddings},
 * the value transformers uses (the converter reads a top-level key of that name, which Llama 3.1's
 * config.json does not have, and falls back to 8192, Llama 3.1's value).
 */
final class Llama3RopeFactors {
    private Llama3RopeFactors() {
    }

    /** One factor per rotary pair of a head of {@code headSize}, computed in f32 like the converter's torch arithmetic. */
    static float[] of(RopeScaling.Llama3 scaling, double theta, int headSize) {
        float[] factors = new float[headSize / 2];
        float lowFreqWavelength = (float) (scaling.originalMaxPositions() / scaling.lowFreqFactor());
        float highFreqWavelength = (float) (scaling.originalMaxPositions() / scaling.highFreqFactor());
        for (int i = 0; i < factors.length; i++) {
            float exponent = (float) (2 * i) / headSize;
            float frequency = 1f / (float) Math.pow((float) theta, exponent);
            float wavelength = (float) (2 * Math.PI) / frequency;
            if (wavelength < highFreqWavelength) {
                factors[i] = 1;
            } else if (wavelength > lowFreqWavelength) {
                factors[i] = (float) scaling.factor();
            } else {
                float smooth = ((float) scaling.originalMaxPositions() / wavelength - (float) scaling.lowFreqFactor())
                        / (float) (scaling.highFreqFactor() - scaling.lowFreqFactor());
                factors[i] = 1 / ((1 - smooth) / (float) scaling.factor() + smooth);
            }
        }
        return factors;
    }
}
