package dev.hone.engine.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Output buffers an inference graph reuses from one forward pass to the next, so steady-state
 * inference (the same shapes again: serving, batch-1 latency, long runs of equal-length batches)
 * allocates no new arrays. Buffers are matched by exact size. {@link #reset()} hands back
 * everything taken since the previous reset; buffers the pass before left unused are dropped, and
 * at most {@link #MAX_RETAINED_FLOATS} are kept, so one long batch does not pin its memory.
 *
 * <p>Not thread-safe: one workspace per thread. Whatever a caller keeps from a pass must be copied
 * out before {@link #reset()}.
 */
public final class Workspace {
    /** 64 MiB of floats: a batch of 32 long texts through MiniLM needs about that at its widest. */
    static final long MAX_RETAINED_FLOATS = 16L << 20;

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final List<float[]> taken = new ArrayList<>();

    /** A zero-filled buffer of exactly {@code size} floats, reused when one is free. */
    float[] take(int size) {
        ArrayDeque<float[]> candidates = free.get(size);
        float[] buffer = candidates == null ? null : candidates.poll();
        if (buffer == null) {
            buffer = new float[size];
        } else {
            Arrays.fill(buffer, 0f);
        }
        taken.add(buffer);
        return buffer;
    }

    /** Everything taken since the last reset becomes free again; tensors over those buffers must no longer be used. */
    public void reset() {
        free.clear();
        long retained = 0;
        for (float[] buffer : taken) {
            if (retained + buffer.length > MAX_RETAINED_FLOATS) break;
            free.computeIfAbsent(buffer.length, k -> new ArrayDeque<>()).add(buffer);
            retained += buffer.length;
        }
        taken.clear();
    }
}
