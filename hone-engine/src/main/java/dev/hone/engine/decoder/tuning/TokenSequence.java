package dev.hone.engine.decoder.tuning;

import java.util.Arrays;

/**
 * One supervised example as token ids: the whole sequence (the rendered prompt, then the response)
 * and, per position, whether predicting the token after it counts in the loss — true exactly where
 * the next token belongs to the response, so the model learns to answer, not to repeat prompts.
 */
public record TokenSequence(int[] tokens, boolean[] countsInLoss) {
    public TokenSequence {
        if (tokens.length < 2) throw new IllegalArgumentException("a training sequence needs at least 2 tokens, got " + tokens.length);
        if (countsInLoss.length != tokens.length) {
            throw new IllegalArgumentException(tokens.length + " tokens but a loss mask of " + countsInLoss.length);
        }
        if (countsInLoss[tokens.length - 1]) {
            throw new IllegalArgumentException("the last position cannot count in the loss: no token follows it");
        }
        tokens = tokens.clone();
        countsInLoss = countsInLoss.clone();
    }

    /** The prompt's tokens followed by the response's; the loss counts the response tokens only. */
    public static TokenSequence of(int[] prompt, int[] response) {
        if (prompt.length == 0 || response.length == 0) {
            throw new IllegalArgumentException("a training example needs a prompt and a response of at least one token each, got "
                    + prompt.length + " and " + response.length);
        }
        int[] tokens = Arrays.copyOf(prompt, prompt.length + response.length);
        System.arraycopy(response, 0, tokens, prompt.length, response.length);
        boolean[] counts = new boolean[tokens.length];
        Arrays.fill(counts, prompt.length - 1, tokens.length - 1, true);
        return new TokenSequence(tokens, counts);
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

    /** Positions whose next token counts in the loss. */
    public int countedTokens() {
        int count = 0;
        for (boolean counts : countsInLoss) if (counts) count++;
        return count;
    }
}
