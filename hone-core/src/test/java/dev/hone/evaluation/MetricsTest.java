package dev.hone.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void handComputedConfusionPrecisionRecallAndMacroF1() {
        // truth:     a a a b b c
        // predicted: a a b b c c
        Metrics m = Metrics.of(List.of("a", "a", "a", "b", "b", "c"), List.of("a", "a", "b", "b", "c", "c"), List.of("a", "b", "c"));
        assertThat(m.accuracy()).isEqualTo(4 / 6.0);
        assertThat(m.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(m.perClass().get("a").precision()).isEqualTo(1.0);
        assertThat(m.perClass().get("a").recall()).isEqualTo(2 / 3.0);
        assertThat(m.perClass().get("b").precision()).isEqualTo(0.5);
        assertThat(m.perClass().get("c").f1()).isEqualTo(2 * 0.5 * 1.0 / 1.5, within(1e-12));
        double f1a = 2 * 1.0 * (2 / 3.0) / (1 + 2 / 3.0);
        double f1b = 0.5;
        double f1c = 2 / 3.0;
        assertThat(m.macroF1()).isCloseTo((f1a + f1b + f1c) / 3, within(1e-12));
    }

    @Test
    void wilsonIntervalMatchesTheTextbookValues() {
        // 8 of 10: Wilson 95% is [0.4902, 0.9433] (Newcombe 1998, Table I style computation).
        double[] interval = Wilson.interval(8, 10);
        assertThat(interval[0]).isCloseTo(0.4902, within(1e-4));
        assertThat(interval[1]).isCloseTo(0.9433, within(1e-4));
        double[] all = Wilson.interval(10, 10);
        assertThat(all[1]).isCloseTo(1.0, within(1e-12));
        assertThat(all[0]).isCloseTo(0.7225, within(1e-4));
        assertThat(Wilson.interval(0, 0)).containsExactly(0, 1);
    }

    @Test
    void percentileIsNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Timing.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(Timing.percentile(sorted, 0.95)).isEqualTo(10);
    }
}
