package dev.hone.local;

/**
 * One answer of a {@link LocalModel}.
 *
 * @param text           the answer, decoded without special tokens (nor the stop token)
 * @param promptTokenIds the prompt as the model read it, chat template applied
 * @param tokenIds       the generated ids, the stop token included when one ended the answer
 * @param stopped        true when a stop id ended the answer, false when the token limit did
 */
public record LocalCompletion(String text, int[] promptTokenIds, int[] tokenIds, boolean stopped) {
    public LocalCompletion {
        if (text == null) throw new IllegalArgumentException("text must not be null");
        promptTokenIds = promptTokenIds.clone();
        tokenIds = tokenIds.clone();
    }

    @Override
    public int[] promptTokenIds() {
        return promptTokenIds.clone();
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }
}
