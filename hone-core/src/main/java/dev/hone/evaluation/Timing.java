package dev.hone.evaluation;

import dev.hone.Classifier;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Speed of a classifier as a service would see it: single-request latency percentiles (after a
 * warm-up), batched throughput, and process CPU-seconds per 1,000 predictions (for the cost model).
 */
public record Timing(double latencyP50Ms, double latencyP95Ms, double throughputPerSecond, double cpuSecondsPer1000) {
    private static final int WARM_UP = 5;

    public static Timing measure(Classifier classifier, List<String> texts, int latencySamples) {
        if (texts.isEmpty()) return new Timing(0, 0, 0, 0);
        for (int i = 0; i < WARM_UP; i++) classifier.predict(texts.get(i % texts.size()));
        int samples = Math.min(latencySamples, Math.max(texts.size(), WARM_UP));
        double[] milliseconds = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            classifier.predict(texts.get(i % texts.size()));
            milliseconds[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(milliseconds);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        classifier.predictBatch(texts);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        return new Timing(percentile(milliseconds, 0.50), percentile(milliseconds, 0.95), texts.size() / seconds,
                cpuSeconds / texts.size() * 1000);
    }

    /** Nearest-rank percentile of sorted values (at least one). */
    public static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
