package dev.hone.engine.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The one place where engine compute runs in parallel: a fixed pool of daemon threads sized by a
 * setting. Work is split into parts that run on the pool and the calling thread; every part is
 * joined before {@link #forEach} returns, and the first failure is rethrown.
 */
public final class ComputePool implements AutoCloseable {
    private static final ThreadLocal<Boolean> INSIDE_PART = ThreadLocal.withInitial(() -> false);

    private final int threads;
    private final ExecutorService executor;

    public ComputePool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "hone-compute");
            thread.setDaemon(true);
            return thread;
        });
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code part.accept(i)} for i in [0, parts); the caller runs part 0 itself. A call made
     * from inside a part runs all its parts on that thread: the pool's threads are already busy,
     * and a worker waiting on work queued behind itself would never wake.
     */
    public void forEach(int parts, IntConsumer part) {
        if (parts <= 1 || executor == null || INSIDE_PART.get()) {
            for (int i = 0; i < parts; i++) part.accept(i);
            return;
        }
        IntConsumer marked = index -> {
            INSIDE_PART.set(true);
            try {
                part.accept(index);
            } finally {
                INSIDE_PART.set(false);
            }
        };
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int i = 1; i < parts; i++) {
            int index = i;
            futures.add(executor.submit(() -> marked.accept(index)));
        }
        RuntimeException failure = null;
        try {
            marked.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = new IllegalStateException("interrupted while waiting for compute", e);
            }
        }
        if (failure != null) throw failure;
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdownNow();
    }
}
