package dev.hone.engine.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {
    private static final float[] LOGITS = {0.5f, 2f, 2f, -1f, 1.5f};

    @Test
    void greedyTakesTheLowestIdOfTheLargestLogit() {
        assertThat(new TokenSampler(0, 1).next(LOGITS)).isEqualTo(1);
    }

    @Test
    void theSameSeedDrawsTheSameTokens() {
        TokenSampler first = new TokenSampler(1, 42);
        TokenSampler second = new TokenSampler(1, 42);

        for (int i = 0; i < 50; i++) assertThat(second.next(LOGITS)).isEqualTo(first.next(LOGITS));
    }

    @Test
    void drawsFollowTheSoftmaxOfTheScaledLogits() {
        TokenSampler sampler = new TokenSampler(2, 7);
        int[] counts = new int[LOGITS.length];
        int draws = 20_000;
        for (int i = 0; i < draws; i++) counts[sampler.next(LOGITS)]++;

        double total = 0;
        for (float logit : LOGITS) total += Math.exp(logit / 2);
        for (int i = 0; i < LOGITS.length; i++) {
            assertThat(counts[i] / (double) draws).isCloseTo(Math.exp(LOGITS[i] / 2) / total, Offset.offset(0.02));
        }
    }

    @Test
    void aNegativeTemperatureIsRefused() {
        assertThatThrownBy(() -> new TokenSampler(-0.1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature must be ≥ 0");
    }
}
