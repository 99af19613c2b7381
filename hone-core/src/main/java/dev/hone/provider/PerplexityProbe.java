package dev.hone.provider;

/**
 * A fine-tuning provider that can say what tuning cost its model elsewhere: perplexity on a fixed
 * general text, read by the base model and by a fine-tuned one. Only a model whose probabilities
 * are at hand can (the in-process {@code type: local} one); hosted jobs report nothing like it.
 */
public interface PerplexityProbe {

    /**
     * The base model's and {@code fineTunedModel}'s perplexity on the provider's general text.
     *
     * @param fineTunedModel what a finished job named as its fine-tuned model
     */
    Perplexities generalTextPerplexity(String fineTunedModel);

    /**
     * Perplexity on one general text before and after tuning (a rise means tuning cost general language).
     *
     * @param probe  the text set's name
     * @param base   the base model's perplexity, ≥ 1
     * @param tuned  the fine-tuned model's perplexity, ≥ 1
     * @param tokens how many tokens each model predicted
     */
    record Perplexities(String probe, double base, double tuned, long tokens) {
        public Perplexities {
            if (!(base >= 1) || !(tuned >= 1) || Double.isInfinite(base) || Double.isInfinite(tuned)) {
                throw new IllegalArgumentException("perplexities must be finite and ≥ 1, got " + base + " and " + tuned);
            }
            if (tokens < 1) throw new IllegalArgumentException("a perplexity needs at least one predicted token, got " + tokens);
        }
    }
}
