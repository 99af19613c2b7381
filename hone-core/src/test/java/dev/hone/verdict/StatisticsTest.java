package dev.hone.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void mcnemarMatchesHandComputedBinomialTails() {
        assertThat(McNemar.pValue(0, 0)).isEqualTo(1.0);
        // n=6, k=1: 2 * (C(6,0)+C(6,1)) / 64 = 14/64.
        assertThat(McNemar.pValue(1, 5)).isCloseTo(14.0 / 64, within(1e-12));
        assertThat(McNemar.pValue(5, 1)).isCloseTo(14.0 / 64, within(1e-12));
        assertThat(McNemar.pValue(0, 10)).isCloseTo(2.0 / 1024, within(1e-12));
        assertThat(McNemar.pValue(3, 3)).isEqualTo(1.0);
        assertThat(McNemar.pValue(400, 600)).isBetween(0.0, 1e-9);
    }

    @Test
    void mcnemarCountsOnlyDiscordantPairs() {
        List<String> truth = List.of("a", "a", "b", "b", "a");
        List<String> first = List.of("a", "a", "b", "a", "b");
        List<String> second = List.of("b", "a", "a", "a", "b");
        // Only first right at rows 0 and 2: b=2, c=0 -> 2 * 1/4.
        assertThat(McNemar.pValue(truth, first, second)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void wilsonMatchesPublishedValues() {
        Interval i = Interval.wilson(8, 10);
        assertThat(i.low()).isCloseTo(0.4902, within(1e-4));
        assertThat(i.high()).isCloseTo(0.9433, within(1e-4));
        Interval zero = Interval.wilson(0, 20);
        assertThat(zero.low()).isEqualTo(0.0);
        assertThat(zero.high()).isCloseTo(0.1611, within(1e-4));
    }

    @Test
    void bootstrapIsDeterministicForASeedAndBracketsTheEstimate() {
        List<String> truth = List.of("a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c");
        List<String> pred = List.of("a", "b", "c", "a", "a", "c", "b", "b", "c", "a", "b", "a");
        Interval first = MacroF1.bootstrap(truth, pred, 500, 7);
        Interval again = MacroF1.bootstrap(truth, pred, 500, 7);
        Interval other = MacroF1.bootstrap(truth, pred, 500, 8);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        int[] all = java.util.stream.IntStream.range(0, truth.size()).toArray();
        double point = MacroF1.of(truth, pred, all);
        assertThat(first.low()).isLessThan(point);
        assertThat(first.high()).isGreaterThan(point);
        assertThat(MacroF1.bootstrap(truth, truth, 200, 1)).isEqualTo(new Interval(1, 1));
    }
}
