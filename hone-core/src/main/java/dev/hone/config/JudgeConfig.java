package dev.hone.config;

import dev.hone.provider.ProviderConfig;
import java.util.List;

/**
 * An LLM that grades each answer against its reference ({@code evaluation.judge}).
 *
 * @param provider the endpoint that grades (any entry under {@code providers:})
 * @param rubric   what a good answer is, shown to the judge before the question, reference and answer
 * @param scale    {@code binary} (0 or 1) or {@code five} (1 to 5)
 */
public record JudgeConfig(ProviderConfig provider, String rubric, String scale) {
    public static final List<String> SCALES = List.of("binary", "five");
    public static final String DEFAULT_RUBRIC = "The answer is correct when it states the same facts as the reference answer;"
            + " wording may differ, missing or contradicting facts make it wrong.";

    public JudgeConfig {
        if (provider == null) throw new IllegalArgumentException("evaluation.judge.provider is required");
        if (rubric == null || rubric.isBlank()) throw new IllegalArgumentException("evaluation.judge.rubric must not be empty");
        if (!SCALES.contains(scale)) throw new IllegalArgumentException("evaluation.judge.scale must be binary or five, got " + scale);
    }

    /** The lowest and highest score the scale allows. */
    public double lowest() {
        return "binary".equals(scale) ? 0 : 1;
    }

    public double highest() {
        return "binary".equals(scale) ? 1 : 5;
    }

    public JudgeConfig withProvider(ProviderConfig other) {
        return new JudgeConfig(other, rubric, scale);
    }
}
