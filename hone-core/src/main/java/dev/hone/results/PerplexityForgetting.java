package dev.hone.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code forgetting} of a fine-tuned generative model (inside its {@code finetune} block): its
 * perplexity on a fixed general-English text before (the base model) and after tuning; the
 * generative counterpart of an encoder's {@link Forgetting}. {@code rise} is after / before − 1
 * (0.1: ten percent more perplexed by general text than before tuning).
 *
 * @param tokens tokens each model predicted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PerplexityForgetting(String probe, double perplexityBefore, double perplexityAfter, double rise, long tokens)
        implements Evidence {
}
