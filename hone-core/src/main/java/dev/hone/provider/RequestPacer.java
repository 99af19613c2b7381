package dev.hone.provider;

/**
 * Spaces request starts evenly so no more than {@code requestsPerMinute} begin in any minute.
 * Each caller reserves the next free slot and sleeps until it; slots are handed out under a lock
 * so concurrent callers never share one.
 */
public final class RequestPacer {
    private final long intervalNanos;
    private long nextSlot = Long.MIN_VALUE;

    public RequestPacer(int requestsPerMinute) {
        if (requestsPerMinute < 1) throw new IllegalArgumentException("requestsPerMinute must be ≥ 1, got " + requestsPerMinute);
        this.intervalNanos = 60_000_000_000L / requestsPerMinute;
    }

    public void awaitSlot() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = nextSlot == Long.MIN_VALUE ? now : Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}
