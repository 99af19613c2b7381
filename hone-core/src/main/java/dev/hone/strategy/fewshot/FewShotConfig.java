package dev.hone.strategy.fewshot;

import dev.hone.config.StrategyConfig;
import dev.hone.optimize.OptimizeConfig;


/**
 * In-context examples for an encoder: k labelled examples per class, chosen at random or by
 * similarity to each query, classified by nearest neighbours or class prototypes. {@code k = 0}
 * (k not set) means, for a prototype, every training example of its class (a class mean only gets
 * better with more examples: at 64 per class, averaging all of them beat averaging 8 by 1–20
 * points in all eight runs of the few-shot benchmark, bench/RESULTS.md), and for k-NN up to
 * {@link #DEFAULT_K}, fewer when the smallest class has fewer, so the defaults also work with a
 * handful of examples per class.
 *
 * @param optimize the {@code optimize:} block: keep only the references whose inclusion raises a
 *                 leave-one-out score on the training examples ({@link dev.hone.optimize.ReferenceSelection});
 *                 null to use the references as drawn
 */
public record FewShotConfig(String name, int k, String select, String method, OptimizeConfig optimize) implements StrategyConfig {
    public static final int DEFAULT_K = 8;

    /** Few-shot with its references as drawn. */
    public FewShotConfig(String name, int k, String select, String method) {
        this(name, k, select, method, null);
    }

    /** A prototype over every training example of its class: k unset, so select has nothing to choose. */
    public boolean everyExample() {
        return k == 0 && method.equals("prototype");
    }

    /** The k to use when the smallest class has {@code smallest} training examples (ignored when {@link #everyExample()}). */
    public int kFor(int smallest) {
        return k == 0 ? Math.min(DEFAULT_K, smallest) : k;
    }

    /** Only a random draw of k per class varies with the seed; every example, or the most similar, do not. */
    @Override
    public boolean stochastic() {
        return !everyExample() && select.equals("random");
    }

    /** {@code knn} or {@code prototype}: the two fare differently enough on the few-shot protocol to be routes of their own. */
    @Override
    public String route() {
        return method;
    }

    @Override
    public FewShotKind kind() {
        return FewShotKind.FEW_SHOT;
    }
}
