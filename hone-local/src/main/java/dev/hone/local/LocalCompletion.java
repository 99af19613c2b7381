package dev.hone.local;

/**
 * One answer of a {@link LocalModel}.
 *
 * @param text           the answer, decoded without special tokens (nor the stop token) and cut before the first stop string
 * @param promptTokenIds the prompt as the model read it (chat template applied, unless raw)
 * @param tokenIds       the generated ids: the stop id included when one ended the answer, and every token up to the
 *                       one that completed a stop string when one did
 * @param logprobs       logprobs[i] is the natural-log probability of tokenIds[i] under the model's unscaled softmax
 *                       (temperature 1, before top-p/top-k), whatever settings drew the token
 * @param finishReason   what ended the answer
 */
public record LocalCompletion(String text, int[] promptTokenIds, int[] tokenIds, float[] logprobs, FinishReason finishReason) {
    public LocalCompletion {
        if (text == null) throw new IllegalArgumentException("text must not be null");
        if (finishReason == null) throw new IllegalArgumentException("finishReason must not be null");
        if (logprobs.length != tokenIds.length) {
            throw new IllegalArgumentException("logprobs must hold one value per token id: " + logprobs.length + " for " + tokenIds.length);
        }
        promptTokenIds = promptTokenIds.clone();
        tokenIds = tokenIds.clone();
        logprobs = logprobs.clone();
    }

    @Override
    public int[] promptTokenIds() {
        return promptTokenIds.clone();
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    @Override
    public float[] logprobs() {
        return logprobs.clone();
    }
}
