package dev.hone.generation;

import java.util.List;

/**
 * One answer and what produced it.
 *
 * @param answer        the model's text
 * @param retrieved     distinct sources of the chunks put into the prompt, best first (empty without retrieval)
 * @param latencyMillis what serving would wait: the server's answer time (as first answered, when cached) plus retrieval
 */
public record Generation(String answer, List<String> retrieved, double latencyMillis) {
    public Generation {
        if (answer == null) throw new IllegalArgumentException("answer must not be null");
        retrieved = List.copyOf(retrieved);
        if (!(latencyMillis >= 0)) throw new IllegalArgumentException("latencyMillis must be ≥ 0, got " + latencyMillis);
    }
}
