package dev.hone.strategy;

import dev.hone.dataset.Example;
import dev.hone.engine.model.TextEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which training examples go in front of a query: a fixed seeded draw, shuffled (random), or the
 * k nearest by cosine similarity under the in-process encoder (similar), most similar last so it
 * sits next to the query.
 */
final class Demonstrations {
    private final List<Example> pool;
    private final int k;
    private final TextEncoder encoder;
    private final float[][] poolEmbeddings;
    private final List<Example> fixed;

    /** No demonstrations (zero-shot). */
    static Demonstrations none() {
        return fixed(List.of());
    }

    /** The same examples before every query (a saved random draw). */
    static Demonstrations fixed(List<Example> examples) {
        return new Demonstrations(examples, examples.size(), null, null, examples);
    }

    /** k examples drawn once with the seed. */
    static Demonstrations random(List<Example> pool, int k, long seed) {
        List<Example> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(seed));
        return fixed(shuffled.subList(0, Math.min(k, shuffled.size())));
    }

    /** The k nearest examples of the pool, per query. */
    static Demonstrations similar(List<Example> pool, int k, TextEncoder encoder) {
        int kept = Math.min(k, pool.size());
        return new Demonstrations(pool, kept, encoder, kept == 0 ? null : encoder.embed(pool.stream().map(Example::text).toList()), null);
    }

    private Demonstrations(List<Example> pool, int k, TextEncoder encoder, float[][] poolEmbeddings, List<Example> fixed) {
        this.pool = List.copyOf(pool);
        this.k = k;
        this.encoder = encoder;
        this.poolEmbeddings = poolEmbeddings;
        this.fixed = fixed == null ? null : List.copyOf(fixed);
    }

    boolean similar() {
        return encoder != null;
    }

    /** What {@link #fixed} or {@link #similar} needs to rebuild this selection. */
    List<Example> savedPool() {
        return similar() ? pool : fixed;
    }

    int k() {
        return k;
    }

    /** The demonstrations for each text, in order. */
    List<List<Example>> forTexts(List<String> texts) {
        if (!similar() || k == 0) return Collections.nCopies(texts.size(), fixed == null ? List.<Example>of() : fixed);
        float[][] queries = encoder.embed(texts);
        List<List<Example>> chosen = new ArrayList<>(texts.size());
        for (float[] query : queries) {
            Integer[] order = new Integer[pool.size()];
            double[] similarity = new double[pool.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                for (int d = 0; d < query.length; d++) similarity[i] += query[d] * poolEmbeddings[i][d];
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(similarity[b], similarity[a]));
            List<Example> nearest = new ArrayList<>();
            for (int i = k - 1; i >= 0; i--) nearest.add(pool.get(order[i]));
            chosen.add(nearest);
        }
        return chosen;
    }
}
