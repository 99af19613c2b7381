package dev.hone.engine.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one place where engine compute runs in parallel: a fixed set of daemon worker threads sized
 * by a setting, plus the calling thread. A call to {@link #forEach} publishes its parts; the caller
 * and the workers take parts until none are left, and the call returns once every part has
 * finished, rethrowing the first failure.
 *
 * <p>Workers spin briefly before parking, and the caller spins briefly before parking while it
 * waits: a forward pass makes dozens of calls a few hundred microseconds long, and waking a parked
 * thread for each one (tens of microseconds) cost more than a third of batch-1 latency.
 */
public final class ComputePool implements AutoCloseable {
    private static final ThreadLocal<Boolean> INSIDE_PART = ThreadLocal.withInitial(() -> false);
    /** How long an idle thread polls for work (or for the last part) before it parks. */
    private static final long SPIN_NANOS = 50_000;

    private final int threads;
    private final Worker[] workers;
    private volatile boolean closed;

    public ComputePool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
            Thread thread = new Thread(workers[i]::run, "hone-compute-" + (i + 1));
            thread.setDaemon(true);
            workers[i].thread = thread;
            thread.start();
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code part.accept(i)} for i in [0, parts). A call made from inside a part runs all its
     * parts on that thread: the other threads are already busy with the outer call.
     */
    public void forEach(int parts, IntConsumer part) {
        if (parts <= 1 || workers.length == 0 || INSIDE_PART.get()) {
            for (int i = 0; i < parts; i++) part.accept(i);
            return;
        }
        if (closed) throw new IllegalStateException("compute pool is closed");
        Job job = new Job(part, parts, Thread.currentThread());
        for (Worker worker : workers) {
            worker.job.set(job);
            LockSupport.unpark(worker.thread);
        }
        INSIDE_PART.set(true);
        try {
            job.work();
        } finally {
            INSIDE_PART.set(false);
        }
        job.awaitDone();
        if (job.failure.get() != null) {
            Throwable failure = job.failure.get();
            if (failure instanceof RuntimeException runtime) throw runtime;
            if (failure instanceof Error error) throw error;
            throw new IllegalStateException(failure);
        }
    }

    /**
     * Splits [0, items) into up to {@code parts} contiguous ranges whose lengths are multiples of
     * {@code step} (except the last) and runs {@code body} on each, as {@link #forEach} does.
     */
    public void forEachRange(int items, int parts, int step, Range body) {
        int count = Math.max(1, Math.min(parts, items));
        int length = ((items + count - 1) / count + step - 1) / step * step;
        forEach(count, part -> {
            int from = part * length;
            int to = Math.min(items, from + length);
            if (from < to) body.run(from, to);
        });
    }

    /** A contiguous range [from, to) of work items. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    @Override
    public void close() {
        closed = true;
        for (Worker worker : workers) LockSupport.unpark(worker.thread);
    }

    /** One call's parts: taken by index until none are left; the thread that finishes the last one wakes the caller. */
    private static final class Job {
        final IntConsumer body;
        final int parts;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(IntConsumer body, int parts, Thread caller) {
            this.body = body;
            this.parts = parts;
            this.caller = caller;
        }

        void work() {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
                if (finished.incrementAndGet() == parts) LockSupport.unpark(caller);
            }
        }

        void awaitDone() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (finished.get() < parts) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }

    private final class Worker {
        final AtomicReference<Job> job = new AtomicReference<>();
        Thread thread;

        void run() {
            INSIDE_PART.set(true);
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!closed) {
                Job current = job.get();
                if (current != null) {
                    current.work();
                    // Only clear the job it worked on: the caller may already have published the next one.
                    job.compareAndSet(current, null);
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                } else if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                }
            }
        }
    }
}
