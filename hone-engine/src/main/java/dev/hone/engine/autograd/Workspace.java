package dev.hone.engine.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Output buffers an inference graph reuses, within a forward pass and from one pass to the next,
 * so steady-state inference (the same shapes again: serving, batch-1 latency, long runs of
 * equal-length batches) allocates no new arrays. Buffers are matched by exact size.
 *
 * <p>Within a pass, {@link #keepOnly(float[])} hands back every buffer taken so far except the one
 * still live (a model calls it between blocks), so a pass holds about one block's intermediates,
 * not every layer's: peak memory does not grow with depth. {@link #reset()} ends the pass; buffers
 * the pass before left unused are dropped, and at most {@link #MAX_RETAINED_FLOATS} are kept, so
 * one long batch does not pin its memory.
 *
 * <p>Not thread-safe: one workspace per thread. Whatever a caller keeps from a pass must be copied
 * out before {@link #reset()}.
 */
public final class Workspace {
    /**
     * 64 MiB of floats kept from one pass to the next: all of a serving or batch-1 pass's buffers;
     * of a pass at the full token budget (about 100 MB through bge-small) the rest is left to the
     * garbage collector, so an idle embedder never pins more than this.
     */
    static final long MAX_RETAINED_FLOATS = 16L << 20;

    /** Buffers the previous passes used, kept for this one. */
    private final Map<Integer, ArrayDeque<float[]>> carried = new HashMap<>();
    /** Buffers this pass took and gave back ({@link #keepOnly}): reused before any other. */
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    /** Buffers handed out and not yet given back in this pass. */
    private final List<float[]> taken = new ArrayList<>();
    /** Every buffer this pass used, once each: what the next pass may reuse. */
    private final List<float[]> usedThisPass = new ArrayList<>();

    /** A zero-filled buffer of exactly {@code size} floats, reused when one is free. */
    float[] take(int size) {
        float[] buffer = poll(free, size);
        if (buffer == null) {
            buffer = poll(carried, size);
            if (buffer == null) buffer = new float[size];
            usedThisPass.add(buffer);
        }
        taken.add(buffer);
        return buffer;
    }

    /** A buffer of that size from the pool, zero-filled, or null. */
    private static float[] poll(Map<Integer, ArrayDeque<float[]>> pool, int size) {
        ArrayDeque<float[]> candidates = pool.get(size);
        float[] buffer = candidates == null ? null : candidates.poll();
        if (buffer != null) Arrays.fill(buffer, 0f);
        return buffer;
    }

    /**
     * Every buffer taken in this pass except {@code live} becomes free for the rest of the pass:
     * the caller declares that nothing else it took is still in use.
     */
    void keepOnly(float[] live) {
        boolean kept = false;
        for (float[] buffer : taken) {
            if (buffer == live) {
                kept = true;
            } else {
                free.computeIfAbsent(buffer.length, k -> new ArrayDeque<>()).add(buffer);
            }
        }
        taken.clear();
        if (kept) taken.add(live);
    }

    /** Everything taken since the last reset becomes free again; tensors over those buffers must no longer be used. */
    public void reset() {
        carried.clear();
        free.clear();
        long retained = 0;
        for (float[] buffer : usedThisPass) {
            if (retained + buffer.length > MAX_RETAINED_FLOATS) continue;
            carried.computeIfAbsent(buffer.length, k -> new ArrayDeque<>()).add(buffer);
            retained += buffer.length;
        }
        taken.clear();
        usedThisPass.clear();
    }
}
