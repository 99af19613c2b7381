package dev.hone.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBatchTest {
    // Three rows padded to 4: lengths 2, 4, 1.
    private final TokenBatch batch = new TokenBatch(3, 4,
            new int[] {1, 2, 0, 0, 3, 4, 5, 6, 7, 0, 0, 0},
            new float[] {1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0},
            new int[] {0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0},
            new int[] {2, 4, 1});

    @Test
    void rowsArePaddedToTheirOwnLongest() {
        TokenBatch first = batch.rows(0, 1);
        assertThat(first.size()).isEqualTo(1);
        assertThat(first.length()).isEqualTo(2);
        assertThat(first.inputIds()).containsExactly(1, 2);
        assertThat(first.tokenTypeIds()).containsExactly(0, 1);

        TokenBatch rest = batch.rows(1, 3);
        assertThat(rest.length()).isEqualTo(4);
        assertThat(rest.inputIds()).containsExactly(3, 4, 5, 6, 7, 0, 0, 0);
        assertThat(rest.attentionMask()).containsExactly(1, 1, 1, 1, 1, 0, 0, 0);
        assertThat(rest.lengths()).containsExactly(4, 1);

        TokenBatch last = batch.rows(2, 3);
        assertThat(last.length()).isEqualTo(1);
        assertThat(last.inputIds()).containsExactly(7);
    }

    @Test
    void anEmptyOrOutOfRangeSliceIsRefused() {
        assertThatThrownBy(() -> batch.rows(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.rows(0, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
