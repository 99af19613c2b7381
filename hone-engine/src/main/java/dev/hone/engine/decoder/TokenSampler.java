package dev.hone.engine.decoder;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from a decoder's logits: the most likely one at temperature 0 (the lowest
 * id on a tie, as {@link Decoder#generate}), otherwise a draw with a seeded generator, so the same
 * seed repeats the same continuation. A draw follows softmax(logits / temperature) restricted, in
 * this order as in Hugging Face's {@code generate}, to the {@code topK} most likely tokens and then
 * to the smallest set of the most likely whose probabilities reach {@code topP}.
 */
public final class TokenSampler {
    private final double temperature;
    private final double topP;
    private final int topK;
    private final SplittableRandom random;

    /** Temperature sampling over the whole vocabulary (top-p and top-k off). */
    public TokenSampler(double temperature, long seed) {
        this(temperature, 1, 0, seed);
    }

    /**
     * @param temperature ≥ 0; 0 is greedy (then top-p and top-k change nothing)
     * @param topP        in (0, 1]; 1 is off
     * @param topK        ≥ 0; 0 is off
     * @param seed        seeds the draws (unused when greedy)
     */
    public TokenSampler(double temperature, double topP, int topK, long seed) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be ≥ 0 (0 is greedy), got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be within (0, 1] (1 is off), got " + topP);
        if (topK < 0) throw new IllegalArgumentException("top-k must be ≥ 0 (0 is off), got " + topK);
        this.temperature = temperature;
        this.topP = topP;
        this.topK = topK;
        this.random = new SplittableRandom(seed);
    }

    public int next(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        if (temperature == 0) return best;
        // Subtracting the largest logit keeps every exp() within range; the weights need not sum to 1.
        double[] weights = new double[logits.length];
        for (int i = 0; i < logits.length; i++) weights[i] = Math.exp((logits[i] - logits[best]) / temperature);
        if (topK > 0 || topP < 1) keepNucleus(weights);
        double total = 0;
        for (double weight : weights) total += weight;
        double draw = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) return i;
        }
        return best;
    }

    /**
     * Zeroes every weight outside the top-k and then outside the top-p set. Ranks go by weight, the
     * lower id first on a tie, so the set kept never depends on sort stability.
     */
    private void keepNucleus(double[] weights) {
        Integer[] ranked = new Integer[weights.length];
        for (int i = 0; i < ranked.length; i++) ranked[i] = i;
        Arrays.sort(ranked, (a, b) -> weights[a] != weights[b] ? Double.compare(weights[b], weights[a]) : Integer.compare(a, b));
        int kept = topK > 0 ? Math.min(topK, ranked.length) : ranked.length;
        if (topP < 1) {
            double total = 0;
            for (int r = 0; r < kept; r++) total += weights[ranked[r]];
            double reached = 0;
            for (int r = 0; r < kept; r++) {
                reached += weights[ranked[r]];
                // The token that carries the mass past top-p stays in, so at least one token always does.
                if (reached >= topP * total) {
                    kept = r + 1;
                    break;
                }
            }
        }
        for (int r = kept; r < ranked.length; r++) weights[ranked[r]] = 0;
    }
}
