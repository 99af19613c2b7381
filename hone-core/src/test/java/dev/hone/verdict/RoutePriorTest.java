package dev.hone.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutePriorTest {

    @Test
    void theShippedProtocolHasEveryEncoderRouteAndNothingForOthers() {
        RoutePrior prior = RoutePrior.builtin();
        for (String route : List.of("zero-shot", "knn", "prototype", "linear-probe", "lora", "full-finetune", "contrastive")) {
            assertThat(prior.of(route, 8, "bge-small-en-v1.5")).as(route).isPresent();
        }
        assertThat(prior.of("llm-zero-shot", 8, "bge-small-en-v1.5")).isEmpty();
        // At 64 per class the protocol found contrastive tuning ahead of k-NN on every dataset and encoder.
        assertThat(prior.of("contrastive", 64, "all-minilm-l6-v2").orElseThrow().advantage())
                .isGreaterThan(prior.of("knn", 64, "all-minilm-l6-v2").orElseThrow().advantage());
    }

    @Test
    void sizesBetweenTheMeasuredOnesAreInterpolatedOnTheirLogarithmAndClampedOutside() {
        RoutePrior prior = RoutePrior.builtin();
        var at8 = prior.of("lora", 8, "bge-small-en-v1.5").orElseThrow();
        var at64 = prior.of("lora", 64, "bge-small-en-v1.5").orElseThrow();
        var at22 = prior.of("lora", Math.sqrt(8 * 64), "bge-small-en-v1.5").orElseThrow();
        assertThat(at22.advantage()).isCloseTo((at8.advantage() + at64.advantage()) / 2, within(1e-9));
        assertThat(prior.of("lora", 2, "bge-small-en-v1.5").orElseThrow()).isEqualTo(at8);
        assertThat(prior.of("lora", 5000, "bge-small-en-v1.5").orElseThrow()).isEqualTo(at64);
    }

    @Test
    void anEncoderTheProtocolDidNotRunGetsEveryEncodersCells() {
        RoutePrior prior = RoutePrior.builtin();
        double bge = prior.of("prototype", 8, "bge-small-en-v1.5").orElseThrow().advantage();
        double minilm = prior.of("prototype", 8, "all-minilm-l6-v2").orElseThrow().advantage();
        double other = prior.of("prototype", 8, "/models/e5-base").orElseThrow().advantage();
        assertThat(other).isCloseTo((bge + minilm) / 2, within(1e-9));
    }

    @Test
    void aBenchmarkLeavesOutTheDatasetItJudgesOn() {
        double all = RoutePrior.builtin().of("contrastive", 64, "bge-small-en-v1.5").orElseThrow().advantage();
        System.setProperty(RoutePrior.EXCLUDE_PROPERTY, "emotion, trec");
        try {
            double without = RoutePrior.builtin().of("contrastive", 64, "bge-small-en-v1.5").orElseThrow().advantage();
            assertThat(without).isNotCloseTo(all, within(1e-6));
        } finally {
            System.clearProperty(RoutePrior.EXCLUDE_PROPERTY);
        }
        assertThat(RoutePrior.none().of("contrastive", 64, "bge-small-en-v1.5")).isEmpty();
    }

    @Test
    void expectationsLeanOnThePriorWithFewExamplesAndOnTheDataWithMany() {
        // Observed 0.90, prior 0.70 ± 0.04.
        assertThat(Expectations.combine(0.90, 16, 0.70, 0.04)).isLessThan(0.76);
        assertThat(Expectations.combine(0.90, 10_000, 0.70, 0.04)).isGreaterThan(0.89);
    }

    @Test
    void pairedIntervalsSeeEquivalenceOnlyWhereTheExamplesCan() {
        List<String> truth16 = java.util.Collections.nCopies(16, "a");
        assertThat(PairedDifference.of(truth16, truth16, truth16, 1).within(0.02)).isFalse();
        List<String> truth1000 = java.util.Collections.nCopies(1000, "a");
        assertThat(PairedDifference.of(truth1000, truth1000, truth1000, 1).within(0.02)).isTrue();
        // The same 1,000 predictions counted twice (two cross-validation repeats) are no more evidence than once.
        List<String> twice = java.util.Collections.nCopies(2000, "a");
        assertThat(PairedDifference.of(twice, twice, twice, 2).halfWidth())
                .isCloseTo(PairedDifference.of(truth1000, truth1000, truth1000, 1).halfWidth(), within(1e-4));
        List<String> worse = new java.util.ArrayList<>(truth1000);
        for (int i = 0; i < 100; i++) worse.set(i, "b");
        assertThat(PairedDifference.of(truth1000, truth1000, worse, 1).separates()).isTrue();
    }
}
