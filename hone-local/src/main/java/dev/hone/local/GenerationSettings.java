package dev.hone.local;

import java.util.List;

/**
 * How one answer is generated.
 *
 * @param maxNewTokens the most tokens to generate, ≥ 1 (fewer when the model's length runs out first)
 * @param temperature  ≥ 0; 0 is greedy (the most likely token each step), otherwise sampled with {@code seed}
 * @param topP         in (0, 1]; draws only from the most likely tokens whose probabilities reach it; 1 is off
 * @param topK         ≥ 0; draws only from the k most likely tokens; 0 is off
 * @param seed         seeds the draws, so a sampled answer repeats with its seed
 * @param stop         strings that end the answer (the text is cut before the first one); none is empty
 */
public record GenerationSettings(int maxNewTokens, double temperature, double topP, int topK, long seed, List<String> stop) {
    public GenerationSettings {
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be ≥ 1, got " + maxNewTokens);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be ≥ 0 (0 is greedy), got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be within (0, 1] (1 is off), got " + topP);
        if (topK < 0) throw new IllegalArgumentException("topK must be ≥ 0 (0 is off), got " + topK);
        if (stop == null) throw new IllegalArgumentException("stop must not be null; use List.of() for no stop strings");
        stop = List.copyOf(stop);
        if (stop.stream().anyMatch(String::isEmpty)) throw new IllegalArgumentException("a stop string must not be empty");
    }

    /** Greedy decoding of up to {@code maxNewTokens}, without stop strings. */
    public static GenerationSettings greedy(int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, 0, 1, 0, 0, List.of());
    }
}
