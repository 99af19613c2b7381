package dev.hone.strategy.llm;

import java.util.Locale;

/** How an LLM classifier picks the label ({@code method:} of llm-zero-shot and llm-few-shot). */
public enum LlmMethod {
    /** Ask for an answer and parse a label out of it: works with every provider. */
    GENERATE,
    /**
     * Score every label as the answer and take the most likely: one pass over the prompt shared by all
     * labels, no parse failures, and a probability per label. Needs a provider that scores likelihoods.
     */
    LIKELIHOOD;

    /** The config's spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LlmMethod of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
