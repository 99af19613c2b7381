package dev.hone.strategy.llm;

import dev.hone.config.StrategyConfig;
import dev.hone.optimize.OptimizeConfig;
import dev.hone.provider.ProviderConfig;
import java.nio.file.Path;

/**
 * Classification by prompting an LLM named with {@code provider:}; one record for the four LLM
 * kinds ({@code llm-zero-shot}, {@code llm-few-shot}, {@code llm-cot}, {@code llm-self-consistency}).
 * Templates fill {@code {labels}} (one "- label: description" line per label), {@code {text}} and,
 * in the demonstration (the assistant's reply to a demonstration text), {@code {label}}.
 *
 * @param k           demonstrations per query (llm-few-shot; default 8)
 * @param select      {@code random} (one seeded draw for every query) or {@code similar} (nearest by the in-process encoder)
 * @param samples     answers sampled per query and majority-voted (llm-self-consistency; default 5)
 * @param temperature sampling temperature (default 0, or 0.7 for self-consistency, which needs > 0)
 * @param maxTokens   answer length cap (default 16 for a bare label, 400 when reasoning)
 * @param method      generate an answer and parse it, or score each label's likelihood (llm-zero-shot, llm-few-shot only;
 *                    the default is likelihood when the provider scores likelihoods, generate otherwise)
 * @param optimize    the {@code optimize:} block: search the instruction (system template) with a proposer LLM and/or
 *                    the demonstrations on the training examples ({@link LlmPromptSearch}); null to use the prompt as written
 */
public record LlmConfig(String name, LlmKind kind, ProviderConfig provider, String systemTemplate, String userTemplate,
                        String demonstrationTemplate, int k, String select, int samples, double temperature, int maxTokens,
                        LlmMethod method, OptimizeConfig optimize)
        implements StrategyConfig {
    public static final String DEFAULT_SYSTEM = """
            You classify texts. Reply with exactly one label from the list below and nothing else.
            Labels:
            {labels}""";
    public static final String DEFAULT_REASONING_SYSTEM = """
            You classify texts. Think step by step in a few short sentences, then end with a final line \
            of the form "Answer: <label>", where <label> is exactly one label from the list below.
            Labels:
            {labels}""";
    public static final String DEFAULT_USER = "Text: {text}";
    public static final String DEFAULT_DEMONSTRATION = "{label}";
    public static final String DEFAULT_REASONING_DEMONSTRATION = "Answer: {label}";
    public static final int DEFAULT_K = 8;
    public static final int DEFAULT_SAMPLES = 5;
    public static final double DEFAULT_SAMPLING_TEMPERATURE = 0.7;

    public LlmConfig {
        if (kind == null) throw new IllegalArgumentException("kind must be an llm-* kind, got " + kind);
        if (provider == null) throw new IllegalArgumentException("strategy '" + name + "': provider is required");
        if (k < 0 || samples < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("strategy '" + name + "': k ≥ 0, samples ≥ 1 and max_tokens ≥ 1 are required");
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("strategy '" + name + "': temperature must be within [0, 2], got " + temperature);
        }
        if (method == null) throw new IllegalArgumentException("strategy '" + name + "': method must be generate or likelihood");
        if (method == LlmMethod.LIKELIHOOD && kind.reasons()) {
            throw new IllegalArgumentException("strategy '" + name + "': " + kind.id() + " reasons before answering, so it can only generate");
        }
    }

    /** A config whose prompt is used as written. */
    public LlmConfig(String name, LlmKind kind, ProviderConfig provider, String systemTemplate, String userTemplate,
                     String demonstrationTemplate, int k, String select, int samples, double temperature, int maxTokens,
                     LlmMethod method) {
        this(name, kind, provider, systemTemplate, userTemplate, demonstrationTemplate, k, select, samples, temperature, maxTokens,
                method, null);
    }

    /** A config that generates and parses its answers (every provider can). */
    public LlmConfig(String name, LlmKind kind, ProviderConfig provider, String systemTemplate, String userTemplate,
                     String demonstrationTemplate, int k, String select, int samples, double temperature, int maxTokens) {
        this(name, kind, provider, systemTemplate, userTemplate, demonstrationTemplate, k, select, samples, temperature, maxTokens,
                LlmMethod.GENERATE);
    }

    /** The same config with another instruction (an optimised system template). */
    LlmConfig withSystemTemplate(String system) {
        return new LlmConfig(name, kind, provider, system, userTemplate, demonstrationTemplate, k, select, samples, temperature, maxTokens,
                method, optimize);
    }

    /** The answer is reasoning followed by an "Answer:" line. */
    public boolean reasons() {
        return kind.reasons();
    }

    @Override
    public LlmConfig withLlmCacheIn(Path directory) {
        return new LlmConfig(name, kind, provider.withCacheDirectory(directory), systemTemplate, userTemplate, demonstrationTemplate, k,
                select, samples, temperature, maxTokens, method, optimize == null ? null : optimize.withProposerCacheIn(directory));
    }

    /** Repeats differ only when answers are sampled; likelihoods are computed, never sampled. */
    @Override
    public boolean stochastic() {
        return method == LlmMethod.GENERATE && temperature > 0;
    }
}
