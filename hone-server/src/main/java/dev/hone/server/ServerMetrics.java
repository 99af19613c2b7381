package dev.hone.server;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The server's counters in Prometheus' text exposition format: requests by endpoint and status, a
 * request-latency histogram, a batch-size histogram and the model's load time. Written by hand:
 * the format is a few lines of text, not worth a dependency.
 */
final class ServerMetrics {
    private static final double[] LATENCY_BUCKETS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(LATENCY_BUCKETS_SECONDS);
    private final Histogram batches = new Histogram(BATCH_BUCKETS);
    private volatile double modelLoadSeconds = Double.NaN;

    // Recording and rendering hold one lock, so a scrape never sees a request half recorded: counted but
    // not timed, or in some histogram buckets only (a bucket above +Inf breaks every quantile from it).
    synchronized void request(String endpoint, int status, double seconds) {
        requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new AtomicLong()).incrementAndGet();
        latency.observe(seconds);
    }

    synchronized void batch(int size) {
        batches.observe(size);
    }

    void modelLoaded(double seconds) {
        modelLoadSeconds = seconds;
    }

    synchronized String render() {
        StringBuilder b = new StringBuilder();
        b.append("# HELP hone_requests_total HTTP requests by endpoint and status code.\n")
                .append("# TYPE hone_requests_total counter\n");
        new TreeMap<>(requests).forEach((key, count) -> {
            String[] parts = key.split("\u0000");
            b.append("hone_requests_total{endpoint=\"").append(parts[0]).append("\",status=\"").append(parts[1])
                    .append("\"} ").append(count.get()).append('\n');
        });
        latency.render(b, "hone_request_duration_seconds", "Time from request to response, in seconds.");
        batches.render(b, "hone_batch_size", "Texts per model call after micro-batching.");
        b.append("# HELP hone_model_load_seconds Time to load the served model.\n")
                .append("# TYPE hone_model_load_seconds gauge\n")
                .append("hone_model_load_seconds ").append(Double.isNaN(modelLoadSeconds) ? "NaN" : number(modelLoadSeconds))
                .append('\n');
        return b.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    /** Cumulative buckets, a sum and a count, as Prometheus histograms are exposed. */
    private static final class Histogram {
        private final double[] bounds;
        private final AtomicLongArray counts;
        private final AtomicLong total = new AtomicLong();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new AtomicLongArray(bounds.length);
        }

        void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) counts.incrementAndGet(i);
            }
            total.incrementAndGet();
            sum.add(value);
        }

        void render(StringBuilder b, String name, String help) {
            b.append("# HELP ").append(name).append(' ').append(help).append('\n')
                    .append("# TYPE ").append(name).append(" histogram\n");
            for (int i = 0; i < bounds.length; i++) {
                b.append(name).append("_bucket{le=\"").append(bounds[i] == Math.rint(bounds[i]) && bounds[i] >= 1
                        ? String.valueOf((long) bounds[i]) : String.valueOf(bounds[i])).append("\"} ")
                        .append(counts.get(i)).append('\n');
            }
            b.append(name).append("_bucket{le=\"+Inf\"} ").append(total.get()).append('\n')
                    .append(name).append("_sum ").append(number(sum.sum())).append('\n')
                    .append(name).append("_count ").append(total.get()).append('\n');
        }
    }
}
