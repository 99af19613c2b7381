package dev.hone.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AnswerMetricsTest {
    @Test
    void exactMatchIgnoresCaseWhitespacePunctuationAndArticles() {
        assertThat(AnswerMetrics.normalise("  The  Water-tank is EMPTY!\n")).isEqualTo("water tank is empty");
        assertThat(AnswerMetrics.exactMatch("the water tank is empty.", "Water tank is empty")).isEqualTo(1.0);
        assertThat(AnswerMetrics.exactMatch("An  \"E1\" code", "e1 code")).isEqualTo(1.0);
        assertThat(AnswerMetrics.exactMatch("Two years", "Two year")).isZero();
        // Articles go only as whole words: "another" and "theme" keep their letters.
        assertThat(AnswerMetrics.normalise("another theme")).isEqualTo("another theme");
        // Symbols count as punctuation; full-width forms fold to ASCII first (NFKC).
        assertThat(AnswerMetrics.normalise("＄5 + tax")).isEqualTo("5 tax");
    }

    @Test
    void tokenF1IsSquadStyleOverSharedTokensWithMultiplicity() {
        // answer tokens: [water, tank, empty]; reference: [water, tank, is, empty, now] → P 3/3, R 3/5.
        assertThat(AnswerMetrics.tokenF1("The water tank: empty", "water tank is empty now")).isCloseTo(0.75, within(1e-12));
        assertThat(AnswerMetrics.tokenF1("no no no", "no")).isCloseTo(2 * (1 / 3.0) * 1 / (1 / 3.0 + 1), within(1e-12));
        assertThat(AnswerMetrics.tokenF1("completely different", "water tank")).isZero();
        assertThat(AnswerMetrics.tokenF1("Water tank", "the water TANK.")).isEqualTo(1.0);
    }

    @Test
    void emptyAfterNormalisingScoresOneOnlyAgainstAnEmptyReference() {
        assertThat(AnswerMetrics.tokenF1("...", "the")).isEqualTo(1.0);
        assertThat(AnswerMetrics.tokenF1("...", "water")).isZero();
        assertThat(AnswerMetrics.tokenF1("water", "!!")).isZero();
    }
}
