package dev.hone.engine.decoder;

import java.util.SplittableRandom;

/**
 * Picks the next token from a decoder's logits: the most likely one at temperature 0 (the lowest
 * id on a tie, as {@link Decoder#generate}), otherwise a draw from softmax(logits / temperature)
 * with a seeded generator, so the same seed repeats the same continuation.
 */
public final class TokenSampler {
    private final double temperature;
    private final SplittableRandom random;

    /**
     * @param temperature ≥ 0; 0 is greedy
     * @param seed        seeds the draws (unused when greedy)
     */
    public TokenSampler(double temperature, long seed) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be ≥ 0 (0 is greedy), got " + temperature);
        }
        this.temperature = temperature;
        this.random = new SplittableRandom(seed);
    }

    public int next(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        if (temperature == 0) return best;
        // Subtracting the largest logit keeps every exp() within range; the weights need not sum to 1.
        double[] weights = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            weights[i] = Math.exp((logits[i] - logits[best]) / temperature);
            total += weights[i];
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) return i;
        }
        return best;
    }
}
