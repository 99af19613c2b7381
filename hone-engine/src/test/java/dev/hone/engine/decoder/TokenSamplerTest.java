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
    void topKDrawsOnlyAmongTheKMostLikelyInProportion() {
        TokenSampler sampler = new TokenSampler(1, 1, 2, 11);
        int[] counts = new int[LOGITS.length];
        int draws = 10_000;
        for (int i = 0; i < draws; i++) counts[sampler.next(LOGITS)]++;

        assertThat(counts[0] + counts[3] + counts[4]).isZero();
        assertThat(counts[1] / (double) draws).isCloseTo(0.5, Offset.offset(0.03));
    }

    @Test
    void topPKeepsTheSmallestSetOfTheMostLikelyThatReachesIt() {
        // softmax(LOGITS) ≈ {0.077, 0.347, 0.347, 0.017, 0.211}: tokens 1 and 2 reach 0.65 (0.695), 0.8 needs token 4 too.
        int[] atSixtyFive = new int[LOGITS.length];
        int[] atEighty = new int[LOGITS.length];
        TokenSampler sixtyFive = new TokenSampler(1, 0.65, 0, 5);
        TokenSampler eighty = new TokenSampler(1, 0.80, 0, 5);
        for (int i = 0; i < 10_000; i++) {
            atSixtyFive[sixtyFive.next(LOGITS)]++;
            atEighty[eighty.next(LOGITS)]++;
        }

        assertThat(atSixtyFive[0] + atSixtyFive[3] + atSixtyFive[4]).isZero();
        assertThat(atSixtyFive[1]).isPositive();
        assertThat(atSixtyFive[2]).isPositive();
        assertThat(atEighty[0] + atEighty[3]).isZero();
        assertThat(atEighty[4] / 10_000.0).isCloseTo(0.211 / 0.905, Offset.offset(0.03));
    }

    @Test
    void seededTopPAndTopKDrawsRepeat() {
        TokenSampler first = new TokenSampler(0.8, 0.9, 3, 42);
        TokenSampler second = new TokenSampler(0.8, 0.9, 3, 42);

        for (int i = 0; i < 50; i++) assertThat(second.next(LOGITS)).isEqualTo(first.next(LOGITS));
    }

    @Test
    void topPAndTopKOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new TokenSampler(1, 0, 0, 0)).hasMessageContaining("top-p must be within (0, 1]");
        assertThatThrownBy(() -> new TokenSampler(1, 1.5, 0, 0)).hasMessageContaining("top-p must be within (0, 1]");
        assertThatThrownBy(() -> new TokenSampler(1, 1, -1, 0)).hasMessageContaining("top-k must be ≥ 0");
    }

    @Test
    void aNegativeTemperatureIsRefused() {
        assertThatThrownBy(() -> new TokenSampler(-0.1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature must be ≥ 0");
    }
}
