package dev.hone.local.tuning;

/**
 * One supervised fine-tuning example as the model reads it: the chat rendered with the model's own
 * template, as token ids, and which of them the loss counts. Token {@code i} counts when it belongs
 * to the assistant's answer: the model's prediction of it, made at position {@code i - 1}, is
 * scored; the prompt's tokens are read but never predicted for the loss.
 *
 * <pre>
 *   tokens        (length)   the prompt's ids, then the answer's
 *   countsInLoss  (length)   false over the prompt, true over the answer
 * </pre>
 *
 * @param truncatedPromptTokens prompt tokens cut from the start to fit the longest sequence trained on (0: none)
 * @param truncatedAnswerTokens answer tokens cut from the end to fit it (0: none); such an example no longer
 *                              ends with the end of the turn, so it does not teach the model to stop
 */
public record SftExample(int[] tokens, boolean[] countsInLoss, int truncatedPromptTokens, int truncatedAnswerTokens) {
    public SftExample {
        if (tokens == null || countsInLoss == null) throw new IllegalArgumentException("tokens and countsInLoss are required");
        if (tokens.length != countsInLoss.length) {
            throw new IllegalArgumentException("countsInLoss must have one flag per token: " + countsInLoss.length + " for " + tokens.length);
        }
        if (tokens.length < 2) throw new IllegalArgumentException("an example needs a prompt token and an answer token, got " + tokens.length);
        if (countsInLoss[0]) throw new IllegalArgumentException("the first token cannot count in the loss: no position predicts it");
        boolean any = false;
        for (boolean counts : countsInLoss) any |= counts;
        if (!any) throw new IllegalArgumentException("an example needs at least one answer token that counts in the loss");
        if (truncatedPromptTokens < 0) throw new IllegalArgumentException("truncatedPromptTokens must be ≥ 0, got " + truncatedPromptTokens);
        if (truncatedAnswerTokens < 0) throw new IllegalArgumentException("truncatedAnswerTokens must be ≥ 0, got " + truncatedAnswerTokens);
        tokens = tokens.clone();
        countsInLoss = countsInLoss.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public boolean[] countsInLoss() {
        return countsInLoss.clone();
    }

    public int length() {
        return tokens.length;
    }

    /** How many tokens the loss counts: the answer's. */
    public int answerTokens() {
        int count = 0;
        for (boolean counts : countsInLoss) if (counts) count++;
        return count;
    }
}
