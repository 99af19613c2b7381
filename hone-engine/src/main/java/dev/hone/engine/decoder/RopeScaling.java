package dev.hone.engine.decoder;

/**
 * How a checkpoint stretches its rotary embeddings beyond the context it was trained on
 * ({@code rope_scaling} in config.json). Each variant rescales the inverse frequencies
 * θ^(−2i/d) once, in f32 as transformers' {@code modeling_rope_utils} does, so positions line up
 * with the reference to the last bit wherever the arithmetic allows.
 */
public sealed interface RopeScaling {

    /** The scaled inverse frequencies (a new array). */
    float[] apply(float[] inverseFrequencies);

    /** No scaling ({@code rope_scaling} absent, null or of type {@code default}). */
    record None() implements RopeScaling {
        @Override
        public float[] apply(float[] inverseFrequencies) {
            return inverseFrequencies.clone();
        }
    }

    /** Position interpolation: every frequency divided by {@code factor} (type {@code linear}). */
    record Linear(double factor) implements RopeScaling {
        public Linear {
            if (!(factor > 0)) throw new IllegalArgumentException("rope_scaling.factor must be > 0, got " + factor);
        }

        @Override
        public float[] apply(float[] inverseFrequencies) {
            float[] scaled = new float[inverseFrequencies.length];
            for (int i = 0; i < scaled.length; i++) scaled[i] = inverseFrequencies[i] / (float) factor;
            return scaled;
        }
    }

    /**
     * Llama 3.1's scaling (type {@code llama3}): with wavelength λ = 2π/f and the original context
     * L, frequencies whose λ is shorter than L/highFreqFactor are kept, those longer than
     * L/lowFreqFactor are divided by {@code factor}, and the ones between are blended:
     * (1 − s)·f/factor + s·f with s = (L/λ − lowFreqFactor) / (highFreqFactor − lowFreqFactor).
     */
    record Llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions)
            implements RopeScaling {
        public Llama3 {
            if (!(factor > 0)) throw new IllegalArgumentException("rope_scaling.factor must be > 0, got " + factor);
            if (!(highFreqFactor > lowFreqFactor)) {
                throw new IllegalArgumentException("rope_scaling.high_freq_factor (" + highFreqFactor
                        + ") must be greater than low_freq_factor (" + lowFreqFactor + ")");
            }
            if (originalMaxPositions < 1) {
                throw new IllegalArgumentException("rope_scaling.original_max_position_embeddings must be >= 1, got "
                        + originalMaxPositions);
            }
        }

        @Override
        public float[] apply(float[] inverseFrequencies) {
            // Python scalars meet f32 tensors in transformers: each is rounded to f32 where it is used.
            float lowFreqWavelength = (float) (originalMaxPositions / lowFreqFactor);
            float highFreqWavelength = (float) (originalMaxPositions / highFreqFactor);
            float[] scaled = new float[inverseFrequencies.length];
            for (int i = 0; i < scaled.length; i++) {
                float frequency = inverseFrequencies[i];
                float wavelength = (float) (2 * Math.PI) / frequency;
                if (wavelength < highFreqWavelength) {
                    scaled[i] = frequency;
                } else if (wavelength > lowFreqWavelength) {
                    scaled[i] = frequency / (float) factor;
                } else {
                    float smooth = ((float) originalMaxPositions / wavelength - (float) lowFreqFactor)
                            / (float) (highFreqFactor - lowFreqFactor);
                    scaled[i] = (1 - smooth) * frequency / (float) factor + smooth * frequency;
                }
            }
            return scaled;
        }
    }
}
