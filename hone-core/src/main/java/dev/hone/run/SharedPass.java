package dev.hone.run;

import dev.hone.engine.model.TextEncoder;
import dev.hone.evaluation.Timing;
import dev.hone.results.ClassifierResult;
import dev.hone.results.ServingCost;
import dev.hone.results.ServingWork;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The forward pass every candidate on the run's encoder runs, measured once per run for the cost
 * model. Rounds are spread through the run (one after each candidate is measured, the rest at the
 * end), so a burst of load on the shared machine hits one round, not one candidate; each round times
 * batch-1 requests (latency) and one batch (CPU per prediction), and the median round is the figure.
 * Candidates on the same encoder then differ in serving cost only by the work they add, never by when
 * their own timing happened to run: two demo runs once measured the same probe at 20.1 and 9.7
 * CPU-seconds per 1,000 predictions, and that picked the recommendation.
 */
final class SharedPass {
    /** Rounds in the median: enough that one disturbed round cannot move it. */
    static final int ROUNDS = 5;
    private static final int REQUESTS_PER_ROUND = 20;
    private static final int WARM_UP = 3;
    private static final int BATCH = 32;

    private final TextEncoder encoder;
    private final List<String> texts;
    private final List<double[]> rounds = new ArrayList<>();

    /** The figures the cost model prices candidates with. */
    record Measured(String encoder, double cpuSecondsPer1000, double latencyMsP95, double latencyMsP95Low,
                    double latencyMsP95High, int rounds, double multiplyAddsPerPrediction) {

        /**
         * A candidate's serving figures: the shared pass scaled by its extra work, the latency an LLM's
         * own answer times where one answers, and only the provider's tokens for an LLM alone (which
         * {@link dev.hone.verdict.CostModel} prices from its usage; the JSON in and out is not counted).
         */
        ServingCost serving(ClassifierResult candidate, ServingWork work) {
            boolean llmLatency = candidate.latencySource() != null;
            if (!work.usesEncoder() && work.inProcessLlmCores() > 0) {
                // The local provider answers one request at a time on every core the kernels use, so an
                // answer's time is that many cores' CPU time; the median answer keeps one slow request out.
                double seconds = orZero(candidate.latencyMsP50()) / 1000 * work.inProcessLlmCores() * 1000;
                return new ServingCost(null, seconds, orZero(candidate.latencyMsP95()), null, String.format(Locale.ROOT,
                        "an LLM answers in this process: its median answer time on %d cores as CPU time; latency from its"
                                + " answer times", work.inProcessLlmCores()));
            }
            if (!work.usesEncoder()) {
                return new ServingCost(null, 0, orZero(candidate.latencyMsP95()), null,
                        "an LLM answers: its tokens at the provider's prices; latency from its answer times");
            }
            double scale = 1 + (multiplyAddsPerPrediction > 0 ? work.extraMultiplyAdds() / multiplyAddsPerPrediction : 0);
            String basis = String.format(Locale.ROOT, "the %s forward pass (median of %d rounds)%s%s", encoder, rounds,
                    work.extraMultiplyAdds() > 0 ? String.format(Locale.ROOT, " plus %,d multiply-adds per prediction", work.extraMultiplyAdds()) : "",
                    llmLatency ? "; latency from the LLM's answer times, the escalated share's tokens at its prices" : "");
            return llmLatency
                    ? new ServingCost(encoder, cpuSecondsPer1000 * scale, orZero(candidate.latencyMsP95()), null, basis)
                    : new ServingCost(encoder, cpuSecondsPer1000 * scale, latencyMsP95 * scale,
                            List.of(latencyMsP95Low * scale, latencyMsP95High * scale), basis);
        }

        private static double orZero(Double value) {
            return value == null ? 0 : value;
        }
    }

    /** Measures {@code encoder} on up to the first 32 of {@code texts} (the test texts, in their order). */
    SharedPass(TextEncoder encoder, List<String> texts) {
        this.encoder = encoder;
        this.texts = List.copyOf(texts.subList(0, Math.min(BATCH, texts.size())));
    }

    /** One round: its p95 over batch-1 requests and its CPU-seconds per 1,000 predictions in a batch. */
    void round() {
        if (texts.isEmpty()) return;
        for (int i = 0; i < WARM_UP; i++) encoder.embed(texts.get(i % texts.size()));
        double[] milliseconds = new double[REQUESTS_PER_ROUND];
        for (int i = 0; i < milliseconds.length; i++) {
            long start = System.nanoTime();
            encoder.embed(texts.get(i % texts.size()));
            milliseconds[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(milliseconds);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        encoder.embed(texts);
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        rounds.add(new double[] {Timing.percentile(milliseconds, 0.95), cpuSeconds / texts.size() * 1000});
    }

    /** The median of the rounds, after running as many more as {@link #ROUNDS} needs. */
    Measured measured() {
        while (rounds.size() < ROUNDS && !texts.isEmpty()) round();
        double[] p95 = rounds.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] cpu = rounds.stream().mapToDouble(r -> r[1]).sorted().toArray();
        double tokens = texts.stream().mapToInt(encoder::countTokens).average().orElse(0);
        // A transformer's forward pass does about one multiply-add per weight per token (the embedding
        // table's lookups are counted too, so this overstates it somewhat and understates the extras' share).
        double multiplyAdds = encoder.info().parameters() * tokens;
        // The noise is the middle half of the rounds (the 2nd and 4th of 5): one disturbed round moves neither.
        return new Measured(encoder.info().name(), median(cpu), median(p95), quartile(p95, 0.25), quartile(p95, 0.75),
                rounds.size(), multiplyAdds);
    }

    /** A quartile of sorted values by nearest rank, 0 when there are none. */
    private static double quartile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : Timing.percentile(sorted, q);
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) return 0;
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
