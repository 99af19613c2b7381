package dev.hone.strategy;

import dev.hone.engine.model.TextEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Which training examples go in front of a query: a fixed seeded draw, shuffled (random), or the
 * k nearest by cosine similarity under the in-process encoder (similar), most similar last so it
 * sits next to the query. Labelled examples (classification) and input → reference pairs
 * (generation) are chosen the same way, by the text {@code text} reads from each.
 *
 * @param <T> the example type
 */
public final class Demonstrations<T> {
    private final List<T> pool;
    private final int k;
    private final TextEncoder encoder;
    private final float[][] poolEmbeddings;
    private final List<T> fixed;
    private final Function<T, String> text;

    /** No demonstrations (zero-shot). */
    public static <T> Demonstrations<T> none() {
        return fixed(List.of());
    }

    /** The same examples before every query (a saved random draw). */
    public static <T> Demonstrations<T> fixed(List<T> examples) {
        return new Demonstrations<>(examples, examples.size(), null, null, examples, null);
    }

    /** k examples drawn once with the seed. */
    public static <T> Demonstrations<T> random(List<T> pool, int k, long seed) {
        List<T> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(seed));
        return fixed(shuffled.subList(0, Math.min(k, shuffled.size())));
    }

    /** The k nearest examples of the pool, per query, comparing the query with {@code text} of each example. */
    public static <T> Demonstrations<T> similar(List<T> pool, Function<T, String> text, int k, TextEncoder encoder) {
        int kept = Math.min(k, pool.size());
        return new Demonstrations<>(pool, kept, encoder, kept == 0 ? null : encoder.embed(pool.stream().map(text).toList()), null, text);
    }

    private Demonstrations(List<T> pool, int k, TextEncoder encoder, float[][] poolEmbeddings, List<T> fixed,
                           Function<T, String> text) {
        this.pool = List.copyOf(pool);
        this.k = k;
        this.encoder = encoder;
        this.poolEmbeddings = poolEmbeddings;
        this.fixed = fixed == null ? null : List.copyOf(fixed);
        this.text = text;
    }

    public boolean similar() {
        return encoder != null;
    }

    /** What {@link #fixed} or {@link #similar} needs to rebuild this selection. */
    public List<T> savedPool() {
        return similar() ? pool : fixed;
    }

    public int k() {
        return k;
    }

    /** The demonstrations for each text, in order. */
    public List<List<T>> forTexts(List<String> texts) {
        if (!similar() || k == 0) return Collections.nCopies(texts.size(), fixed == null ? List.<T>of() : fixed);
        float[][] queries = encoder.embed(texts);
        List<List<T>> chosen = new ArrayList<>(texts.size());
        for (float[] query : queries) {
            Integer[] order = new Integer[pool.size()];
            double[] similarity = new double[pool.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                for (int d = 0; d < query.length; d++) similarity[i] += query[d] * poolEmbeddings[i][d];
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(similarity[b], similarity[a]));
            List<T> nearest = new ArrayList<>();
            for (int i = k - 1; i >= 0; i--) nearest.add(pool.get(order[i]));
            chosen.add(nearest);
        }
        return chosen;
    }
}
