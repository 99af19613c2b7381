package dev.hone.engine.decoder;

import dev.hone.error.BadInputException;
import java.util.Arrays;

/**
 * Token sequences laid out for one training pass: right-padded to the longest, row {@code b·seq + i}
 * holding token i of sequence b. {@code targets} gives, per row, the token it must predict when its
 * loss counts (a position counts when the token after it is a response token), else −1: the
 * prompt and the padding add nothing to the loss.
 */
record TokenBatch(int batch, int seq, int[] ids, int[] targets) {

    /**
     * @param tokens       the sequences, each of at least one token
     * @param countsInLoss per sequence and position, whether the prediction of the next token counts
     * @throws BadInputException when a sequence is empty, too long for the model, has a token outside
     *     the vocabulary, or counts its last position (which has no next token)
     */
    static TokenBatch of(int[][] tokens, boolean[][] countsInLoss, DecoderConfig config) {
        if (tokens.length == 0) throw new IllegalArgumentException("a batch needs at least one sequence");
        if (countsInLoss.length != tokens.length) {
            throw new IllegalArgumentException(tokens.length + " sequences but " + countsInLoss.length + " loss masks: give one per sequence");
        }
        int seq = Arrays.stream(tokens).mapToInt(t -> t.length).max().orElse(0);
        int[] ids = new int[tokens.length * seq];
        int[] targets = new int[tokens.length * seq];
        Arrays.fill(targets, -1);
        for (int b = 0; b < tokens.length; b++) {
            int[] sequence = tokens[b];
            if (sequence.length == 0) throw new BadInputException("training sequence " + b + " is empty: give it at least one token");
            if (countsInLoss[b].length != sequence.length) {
                throw new IllegalArgumentException("sequence " + b + " has " + sequence.length + " tokens but a loss mask of "
                        + countsInLoss[b].length);
            }
            if (sequence.length > config.maxSequenceLength()) {
                throw new BadInputException("training sequence " + b + " has " + sequence.length + " tokens, more than the "
                        + config.maxSequenceLength() + " this model takes; shorten its prompt or response");
            }
            if (countsInLoss[b][sequence.length - 1]) {
                throw new BadInputException("training sequence " + b + " counts its last position in the loss, but no token "
                        + "follows it to predict; a position counts when the token after it is a response token");
            }
            for (int i = 0; i < sequence.length; i++) {
                if (sequence[i] < 0 || sequence[i] >= config.vocabularySize()) {
                    throw new BadInputException("training sequence " + b + ": token id " + sequence[i] + " at index " + i
                            + " is outside the vocabulary [0, " + config.vocabularySize() + ")");
                }
                ids[b * seq + i] = sequence[i];
                if (countsInLoss[b][i]) targets[b * seq + i] = sequence[i + 1];
            }
        }
        return new TokenBatch(tokens.length, seq, ids, targets);
    }

    int rows() {
        return batch * seq;
    }

    /** Positions whose prediction counts in the loss. */
    int countedTokens() {
        return (int) Arrays.stream(targets).filter(t -> t >= 0).count();
    }
}
