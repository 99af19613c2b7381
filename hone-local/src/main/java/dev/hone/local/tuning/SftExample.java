package dev.hone.local.tuning;

import dev.hone.engine.decoder.tuning.TokenSequence;

/**
 * One supervised fine-tuning example as the model reads it: the chat rendered with the model's own
 * template as the engine's {@link TokenSequence} — the prompt's ids, then the answer's; the loss
 * counts each position whose next token belongs to the answer, so the prompt is read but never
 * predicted — plus what was cut from it to fit the longest sequence trained on.
 *
 * @param truncatedPromptTokens prompt tokens cut from the start to fit the longest sequence trained on (0: none)
 * @param truncatedAnswerTokens answer tokens cut from the end to fit it (0: none); such an example no longer
 *                              ends with the end of the turn, so it does not teach the model to stop
 */
public record SftExample(TokenSequence sequence, int truncatedPromptTokens, int truncatedAnswerTokens) {
    public SftExample {
        if (sequence == null) throw new IllegalArgumentException("sequence is required");
        if (sequence.countedTokens() == 0) throw new IllegalArgumentException("an example needs at least one answer token that counts in the loss");
        if (truncatedPromptTokens < 0) throw new IllegalArgumentException("truncatedPromptTokens must be ≥ 0, got " + truncatedPromptTokens);
        if (truncatedAnswerTokens < 0) throw new IllegalArgumentException("truncatedAnswerTokens must be ≥ 0, got " + truncatedAnswerTokens);
    }

    /** The prompt's ids, then the answer's. */
    public int[] tokens() {
        return sequence.tokens();
    }

    public int length() {
        return sequence.length();
    }

    /** How many tokens the loss counts: the answer's (each predicted from the position before it). */
    public int answerTokens() {
        return sequence.countedTokens();
    }
}
