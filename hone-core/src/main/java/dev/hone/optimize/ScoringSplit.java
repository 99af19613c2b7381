package dev.hone.optimize;

import dev.hone.dataset.Splits;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How an LLM search divides a build's training examples, seeded: a scoring part, on which every
 * prompt is asked and scored, and a pool the demonstrations come from, so no prompt is scored on an
 * example it shows. The scoring part is capped at {@link #MAX_SCORED} and at a quarter of the
 * request budget, so the configured prompt alone never spends it.
 */
public record ScoringSplit<T>(List<T> scoring, List<T> pool) {
    /** Training examples each prompt is scored on at most: a trial costs this many requests (times the requests per example). */
    public static final int MAX_SCORED = 24;

    public ScoringSplit {
        scoring = List.copyOf(scoring);
        pool = List.copyOf(pool);
    }

    /**
     * @param needsPool          demonstrations are drawn or searched: a third of the examples (at least) stays in the pool
     * @param requestsPerExample requests one scored example costs (samples, or an answer and its judge's grade)
     */
    public static <T> ScoringSplit<T> of(List<T> train, long seed, boolean needsPool, int maxRequests, int requestsPerExample) {
        List<T> shuffled = Splits.shuffle(train, new SplittableRandom(seed));
        int held = needsPool ? Math.max(1, shuffled.size() * 2 / 3) : shuffled.size();
        int affordable = Math.max(1, maxRequests / (4 * requestsPerExample));
        int size = Math.min(Math.min(MAX_SCORED, held), affordable);
        return new ScoringSplit<>(shuffled.subList(0, size), shuffled.subList(size, shuffled.size()));
    }
}
