package dev.hone.server;

import dev.hone.Classifier;
import dev.hone.Prediction;

import dev.hone.error.OutOfMemoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Merges texts from concurrent requests into one model call of at most {@code maxBatch} texts,
 * waiting at most {@code maxWaitMillis} for a batch to fill; each caller gets its own results in order.
 */
final class MicroBatcher implements AutoCloseable {

    private record Pending(String text, CompletableFuture<Prediction> result) {}

    private final Classifier classifier;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final IntConsumer batchSizes;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;

    MicroBatcher(Classifier classifier, int maxBatch, int maxWaitMillis, IntConsumer batchSizes) {
        this.classifier = classifier;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.batchSizes = batchSizes;
        this.worker = Thread.ofPlatform().daemon().name("hone-batcher").start(this::loop);
    }

    /** Queues the texts and returns their predictions in the same order; a failed batch's exception is rethrown as it was. */
    List<Prediction> predict(List<String> texts) {
        List<CompletableFuture<Prediction>> futures = new ArrayList<>(texts.size());
        for (String text : texts) {
            CompletableFuture<Prediction> f = new CompletableFuture<>();
            futures.add(f);
            queue.add(new Pending(text, f));
        }
        try {
            return futures.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                List<Pending> batch = new ArrayList<>(maxBatch);
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) break;
                    batch.add(next);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(List<Pending> batch) {
        batchSizes.accept(batch.size());
        try {
            List<Prediction> out = classifier.predictBatch(batch.stream().map(Pending::text).toList());
            for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(out.get(i));
        } catch (RuntimeException e) {
            // One failing model call fails exactly the callers in it; the worker keeps serving.
            batch.forEach(p -> p.result().completeExceptionally(e));
        } catch (OutOfMemoryError e) {
            // Likewise when the heap runs out: the batch's memory is gone with it, and the worker lives on.
            RuntimeException named = new OutOfMemoryException("classifying a batch of " + batch.size() + " texts", e);
            batch.forEach(p -> p.result().completeExceptionally(named));
        }
    }

    /** Finishes queued texts, then stops the worker. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
