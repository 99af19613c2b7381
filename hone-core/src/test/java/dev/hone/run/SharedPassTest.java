package dev.hone.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.Pooling;
import dev.hone.engine.model.TextEncoder;
import dev.hone.evaluation.Metrics;
import dev.hone.evaluation.Timing;
import dev.hone.results.ClassifierResult;
import dev.hone.results.ServingWork;
import dev.hone.strategy.finetune.FineTuneKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedPassTest {

    /** 1,000 weights, one token per word; counts the texts it embeds. */
    private static final class CountingEncoder implements TextEncoder {
        final AtomicInteger embedded = new AtomicInteger();

        @Override
        public EncoderInfo info() {
            return new EncoderInfo("tiny", 4, 16, Pooling.values()[0], 1_000);
        }

        @Override
        public float[][] embed(List<String> texts) {
            embedded.addAndGet(texts.size());
            return texts.stream().map(t -> new float[] {1, 0, 0, 0}).toArray(float[][]::new);
        }

        @Override
        public int countTokens(String text) {
            return text.split(" ").length;
        }
    }

    private static ClassifierResult candidate(String latencySource) {
        Metrics test = Metrics.of(List.of("a", "b"), List.of("a", "b"), List.of("a", "b"));
        var repeat = new ClassifierResult.Repeat(42, 1, 1, 1.5, List.of("a", "b"));
        ClassifierResult c = ClassificationRecords.candidate("probe", FineTuneKind.LINEAR_PROBE, "linear-probe", test, test,
                List.of(repeat), List.of("a", "b"), new Timing(1, 70, 100, 0.5), 0, 100, 10, null, null, null, null, 0);
        return latencySource == null ? c : new ClassifierResult(c.name(), c.kind(), c.route(), c.accuracy(), c.macroF1(),
                c.accuracyCi95(), c.latencyMsP50(), c.latencyMsP95(), c.throughputPerS(), c.trainSeconds(),
                c.trainableParameters(), c.totalParameters(), c.accuracyMean(), c.accuracySd(), c.macroF1Sd(),
                c.validationAccuracy(), c.cpuSecondsPer1000(), c.peakHeapMb(), null, null, latencySource, 0, null, null,
                false, false, c.repeats(), c.testPredictions(), c.validationPredictions(), null, null, false, null, null, null);
    }

    @Test
    void theMedianOfAtLeastFiveRoundsIsMeasuredOnTheFirstTestTexts() {
        CountingEncoder encoder = new CountingEncoder();
        SharedPass pass = new SharedPass(encoder, List.of("one two", "three four five", "six"));
        pass.round();
        SharedPass.Measured measured = pass.measured();
        assertThat(measured.rounds()).isEqualTo(SharedPass.ROUNDS);
        assertThat(measured.latencyMsP95Low()).isLessThanOrEqualTo(measured.latencyMsP95())
                .isLessThanOrEqualTo(measured.latencyMsP95High());
        // A forward pass is reckoned at one multiply-add per weight per token: 1,000 × 2 tokens on average.
        assertThat(measured.multiplyAddsPerPrediction()).isCloseTo(2_000, within(1e-9));
        assertThat(encoder.embedded.get()).isGreaterThan(0);
    }

    @Test
    void extraWorkIsPricedAtThePassesRateAndAnLlmsLatencyIsItsOwn() {
        var measured = new SharedPass.Measured("tiny", 10, 8, 7, 9, 5, 1_000_000);
        ClassifierResult probe = candidate(null);
        var plain = measured.serving(probe, new ServingWork(true, 0));
        assertThat(plain.cpuSecondsPer1000()).isEqualTo(10);
        // Its own timing said 70 ms; the cost model's robust figure is the shared pass's.
        assertThat(plain.latencyMsP95()).isEqualTo(8);
        assertThat(plain.latencyMsP95Range()).containsExactly(7.0, 9.0);
        var knn = measured.serving(probe, new ServingWork(true, 500_000));
        assertThat(knn.cpuSecondsPer1000()).isCloseTo(15, within(1e-9));
        assertThat(knn.basis()).contains("500,000 multiply-adds");
        var cascade = measured.serving(candidate("provider answer times"), new ServingWork(true, 0));
        assertThat(cascade.latencyMsP95()).isEqualTo(70);
        assertThat(cascade.latencyMsP95Range()).isNull();
        var llm = measured.serving(candidate("provider answer times"), new ServingWork(false, 0));
        assertThat(llm.sharedPass()).isNull();
        assertThat(llm.cpuSecondsPer1000()).isZero();
        // An in-process LLM's median answer (1 ms here) on 2 cores is 2 CPU-milliseconds a request.
        var local = measured.serving(candidate("provider answer times"), new ServingWork(false, 0, 2));
        assertThat(local.cpuSecondsPer1000()).isCloseTo(2, within(1e-9));
        assertThat(local.latencyMsP95()).isEqualTo(70);
        assertThat(local.basis()).contains("in this process", "2 cores");
    }
}
