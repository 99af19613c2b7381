package dev.hone.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds generation: at most {@code running} requests decode at once, each in its own decoder
 * session (its own KV cache), and at most {@code queued} more wait for one of them. A request
 * beyond both is refused at once with 503, so a burst cannot pile up unbounded memory and waiting
 * clients; OpenAI clients (Hone's own provider among them) retry a 503 after a pause.
 * Sessions are not batched together: each decodes its own tokens, sharing the kernels' threads.
 */
final class GenerationSlots {
    private final Semaphore running;
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();

    GenerationSlots(int running, int queued) {
        this.running = new Semaphore(running, true);
        this.capacity = running + queued;
    }

    /** A held slot; closing it lets the next waiting request decode. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for a free session.
     *
     * @throws HttpError 503 when every session is busy and the queue is full
     */
    Slot acquire() {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            throw new HttpError(503, "The server is busy: " + capacity + " generation requests are running or waiting;"
                    + " retry shortly, or start hone serve with a larger --max-generations or --max-queued-generations",
                    "server_busy");
        }
        try {
            running.acquire();
        } catch (InterruptedException e) {
            admitted.decrementAndGet();
            Thread.currentThread().interrupt();
            throw new HttpError(503, "The server is shutting down; retry on another instance", "server_busy");
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (!held.getAndSet(false)) return;
            running.release();
            admitted.decrementAndGet();
        };
    }

    /** Requests decoding or waiting now, for the metrics. */
    int inFlight() {
        return admitted.get();
    }
}
