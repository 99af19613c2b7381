package dev.hone.engine.decoder.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

    private static List<TokenSequence> sequences(int count) {
        SplittableRandom random = new SplittableRandom(4);
        List<TokenSequence> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] prompt = random.ints(1 + random.nextInt(30), 0, 100).toArray();
            sequences.add(TokenSequence.of(prompt, new int[] {i}));
        }
        return sequences;
    }

    @Test
    void everySequenceOnceInBatchesOfNeighbouringLengths() {
        List<TokenSequence> sequences = sequences(50);
        List<List<TokenSequence>> batches = LengthBuckets.batches(sequences, 8, new SplittableRandom(1));
        assertThat(batches).hasSize(LengthBuckets.count(50, 8)).hasSize(7);
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(sequences);
        // Against batches of the same size taken in the list's (random) order, sorting by length pads far less.
        List<List<TokenSequence>> unsorted = new ArrayList<>();
        for (int first = 0; first < sequences.size(); first += 8) unsorted.add(sequences.subList(first, Math.min(50, first + 8)));
        assertThat(padding(batches)).isLessThan(padding(unsorted) / 3);
    }

    private static int padding(List<List<TokenSequence>> batches) {
        int padding = 0;
        for (List<TokenSequence> batch : batches) {
            int longest = batch.stream().mapToInt(TokenSequence::length).max().orElseThrow();
            padding += batch.stream().mapToInt(s -> longest - s.length()).sum();
        }
        return padding;
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndAnotherSeedOthers() {
        List<TokenSequence> sequences = sequences(40);
        List<List<TokenSequence>> first = LengthBuckets.batches(sequences, 4, new SplittableRandom(9));
        assertThat(LengthBuckets.batches(sequences, 4, new SplittableRandom(9))).isEqualTo(first);
        assertThat(LengthBuckets.batches(sequences, 4, new SplittableRandom(10))).isNotEqualTo(first);
    }

    @Test
    void aPromptAndResponseCountOnlyTheResponse() {
        TokenSequence sequence = TokenSequence.of(new int[] {7, 8, 9}, new int[] {20, 21});
        assertThat(sequence.tokens()).containsExactly(7, 8, 9, 20, 21);
        assertThat(sequence.countsInLoss()).containsExactly(false, false, true, true, false);
        assertThat(sequence.countedTokens()).isEqualTo(2);
        assertThatThrownBy(() -> TokenSequence.of(new int[0], new int[] {1})).hasMessageContaining("a prompt and a response");
        assertThatThrownBy(() -> new TokenSequence(new int[] {1, 2}, new boolean[] {false, true}))
                .hasMessageContaining("last position cannot count");
    }
}
